package org.copkit.expertise;

/** The rules documented on {@link ExpertRules#defaults()}. */
final class DefaultExpertRules implements ExpertRules {
    static final DefaultExpertRules INSTANCE = new DefaultExpertRules();

    private DefaultExpertRules() {}

    @Override
    public double score(ExpertEvidence e) {
        double declared = e.declared().map(p -> switch (p) {
            case AWARE -> 1.0;
            case PRACTITIONER -> 2.0;
            case EXPERIENCED -> 4.0;
            case EXPERT -> 6.0;
        }).orElse(0.0);
        return declared + 3.0 * e.acceptedAnswers() + 2.0 * e.publishedItems() + 1.0 * e.hostedSessions()
                + 1.5 * Math.min(e.endorsements(), 10);
    }

    @Override
    public String toString() {
        return "ExpertRules.defaults()";
    }
}
