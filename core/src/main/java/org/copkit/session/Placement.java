package org.copkit.session;

/** Whether a GOING member has a seat. */
public enum Placement {
    /** Has a seat of the chosen mode. */
    CONFIRMED,
    /** Waits, in arrival order, for a seat of the chosen mode. */
    WAITLISTED
}
