package org.copkit.expertise;

/**
 * How much each kind of evidence weighs when ranking experts. Pure: no storage, no clock. Replace it
 * through {@code CopKit.builder().expertRules(...)} (or a Guice binding). Implementations must be
 * thread-safe.
 */
public interface ExpertRules {
    /**
     * @param evidence what the viewer may see of a member's expertise, never null
     * @return the member's score; members scoring 0 or less are not suggested
     */
    double score(ExpertEvidence evidence);

    /**
     * The defaults: declared level AWARE 1, PRACTITIONER 2, EXPERIENCED 4, EXPERT 6; each accepted answer 3;
     * each published item 2; each hosted session 1; each endorsement 1.5, counting at most 10 endorsements.
     *
     * @return the default rules
     */
    static ExpertRules defaults() {
        return DefaultExpertRules.INSTANCE;
    }
}
