package org.copkit.review;

/** Life cycle of a {@link ReviewTask}. */
public enum ReviewTaskStatus {
    /** Waiting for a steward or the owner to confirm, edit and confirm, supersede or archive the item. */
    OPEN,
    /** Closed: the item was confirmed, superseded or archived. */
    DONE
}
