package org.copkit.knowledge;

/**
 * Life cycle of a knowledge item.
 *
 * <pre>
 * DRAFT -- submit --&gt; IN_REVIEW -- approvals reached, publish --&gt; PUBLISHED -- review date passed --&gt; NEEDS_REVIEW
 *   ^                   |  reject                                      |  archive / supersede
 *   +-------------------+                                              v
 *                                                                ARCHIVED / SUPERSEDED
 * </pre>
 */
public enum ItemStatus {
    /** Being written; visible to its authors and the community's reviewers. */
    DRAFT,
    /** Submitted for review; collects approvals. */
    IN_REVIEW,
    /** Part of the community's repertoire. */
    PUBLISHED,
    /** Published but past its review-by date. */
    NEEDS_REVIEW,
    /** Withdrawn from the repertoire; kept with its history. */
    ARCHIVED,
    /** Replaced by a successor item. */
    SUPERSEDED;

    /** @return whether the item is not yet published (DRAFT or IN_REVIEW) */
    public boolean unpublished() {
        return this == DRAFT || this == IN_REVIEW;
    }

    /** @return whether the item is part of the current repertoire (PUBLISHED or NEEDS_REVIEW) */
    public boolean current() {
        return this == PUBLISHED || this == NEEDS_REVIEW;
    }
}
