package org.copkit.session;

/** Which sessions of a community to list. */
public enum SessionWindow {
    /** Sessions that have not ended yet, earliest start first. */
    UPCOMING,
    /** Sessions that have ended, latest start first. */
    PAST
}
