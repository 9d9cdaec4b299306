package org.copkit.review;

/** Why a knowledge item needs review. */
public enum ReviewReason {
    /** Its review-by date passed; found by a maintenance run. */
    REVIEW_DATE_PASSED,
    /** A change in its domain was marked that touches its competencies or tags; the task carries the note. */
    DOMAIN_CHANGE
}
