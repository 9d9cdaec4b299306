package org.copkit.examples.rules;

import java.time.Period;
import java.util.Optional;
import org.copkit.community.Practice;
import org.copkit.community.Role;
import org.copkit.knowledge.Approval;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.ReviewRules;

/**
 * A host rule: "a practice needs two approvals from core members". Items in a practice need at least two
 * approvals (more when the practice asks for more), and only approvals by core members or coordinators
 * count (a steward who is an ordinary member does not); the default conditions (never the author) still apply. Items outside a practice and review intervals
 * follow {@link ReviewRules#defaults()}. Pure: no storage, no clock.
 */
public final class CoreApprovalReviewRules implements ReviewRules {
    /** The approvals every practice needs at least. */
    public static final int MINIMUM = 2;
    private final ReviewRules defaults = ReviewRules.defaults();

    @Override
    public int requiredApprovals(KnowledgeItem item, Optional<Practice> practice) {
        return practice.map(p -> Math.max(MINIMUM, p.requiredApprovals()))
                .orElseGet(() -> defaults.requiredApprovals(item, practice));
    }

    @Override
    public boolean counts(KnowledgeItem item, Approval approval) {
        return defaults.counts(item, approval) && (item.practice().isEmpty()
                || approval.role() == Role.CORE || approval.role() == Role.COORDINATOR);
    }

    @Override
    public Period reviewInterval(KnowledgeItem item, Optional<Practice> practice) {
        return defaults.reviewInterval(item, practice);
    }
}
