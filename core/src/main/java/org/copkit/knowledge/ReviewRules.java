package org.copkit.knowledge;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Optional;
import org.copkit.community.Practice;

/**
 * Decides when an item is ready to be published and how long it stays fresh. Replace or extend
 * through {@code CopKit.builder().reviewRules(...)}. Implementations are pure and thread-safe.
 */
public interface ReviewRules {
    /**
     * @param item the item
     * @param practice its practice, if it has one
     * @return how many counting approvals publication needs (0: the owner may publish a draft directly)
     */
    int requiredApprovals(KnowledgeItem item, Optional<Practice> practice);

    /**
     * @param item the item
     * @param approval one approval it received
     * @return whether that approval counts towards {@link #requiredApprovals}
     */
    boolean counts(KnowledgeItem item, Approval approval);

    /**
     * @param item the item
     * @param practice its practice, if it has one
     * @return how long after publication (or confirmation) the item should be reviewed again
     */
    Period reviewInterval(KnowledgeItem item, Optional<Practice> practice);

    /**
     * Whether the item may be published now: a DRAFT when no approvals are needed, an IN_REVIEW item
     * when the counting approvals (each approver once) reach the required number.
     *
     * @param item the item
     * @param practice its practice, if it has one
     * @return whether publishing is allowed
     */
    default boolean readyToPublish(KnowledgeItem item, Optional<Practice> practice) {
        int required = requiredApprovals(item, practice);
        if (item.status() == ItemStatus.DRAFT) {
            return required == 0;
        }
        if (item.status() != ItemStatus.IN_REVIEW) {
            return false;
        }
        long counting = item.approvals().stream().filter(a -> counts(item, a)).map(Approval::approver).distinct()
                .count();
        return counting >= required;
    }

    /**
     * @param item the item
     * @param practice its practice
     * @param from publication or confirmation time
     * @return the next review-by instant
     */
    default Instant reviewBy(KnowledgeItem item, Optional<Practice> practice, Instant from) {
        return from.atOffset(ZoneOffset.UTC).plus(reviewInterval(item, practice)).toInstant();
    }

    /**
     * The defaults: a practice's {@link Practice#requiredApprovals()} (0 outside practices); an
     * approval counts when it comes from a core member, coordinator or steward other than the owner;
     * the practice's review interval, else per kind: tools 6 months, articles, best practices and
     * templates 1 year, lessons learned and decisions 2 years, cases 3 years.
     *
     * @return the default rules
     */
    static ReviewRules defaults() {
        return DefaultReviewRules.INSTANCE;
    }
}
