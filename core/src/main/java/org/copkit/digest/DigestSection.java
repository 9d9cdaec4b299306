package org.copkit.digest;

/** The parts of a {@link Digest}, in the order they are listed. */
public enum DigestSection {
    /** Knowledge items published in the period. */
    NEW_ITEMS,
    /** Current knowledge items (published or needing review) edited, confirmed or restored in the period. */
    UPDATED_ITEMS,
    /** Questions whose answer was accepted in the period. */
    ANSWERED_QUESTIONS,
    /** Questions asked in the period that are still open. */
    UNANSWERED_QUESTIONS,
    /** Scheduled sessions starting within 14 days after the end of the period. */
    UPCOMING_SESSIONS,
    /** Open review tasks assigned to the member. */
    REVIEW_TASKS
}
