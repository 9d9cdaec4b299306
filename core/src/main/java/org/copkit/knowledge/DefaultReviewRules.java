package org.copkit.knowledge;

import java.time.Period;
import java.util.Optional;
import org.copkit.community.Practice;

/** The rules documented on {@link ReviewRules#defaults()}. */
final class DefaultReviewRules implements ReviewRules {
    static final DefaultReviewRules INSTANCE = new DefaultReviewRules();

    private DefaultReviewRules() {}

    @Override
    public int requiredApprovals(KnowledgeItem item, Optional<Practice> practice) {
        return practice.map(Practice::requiredApprovals).orElse(0);
    }

    @Override
    public boolean counts(KnowledgeItem item, Approval approval) {
        return !approval.approver().equals(item.owner()) && (approval.role().reviews() || approval.steward());
    }

    @Override
    public Period reviewInterval(KnowledgeItem item, Optional<Practice> practice) {
        return practice.flatMap(Practice::reviewInterval).orElseGet(() -> switch (item.kind()) {
            case TOOL -> Period.ofMonths(6);
            case ARTICLE, BEST_PRACTICE, TEMPLATE -> Period.ofYears(1);
            case LESSON_LEARNED, DECISION -> Period.ofYears(2);
            case CASE -> Period.ofYears(3);
        });
    }
}
