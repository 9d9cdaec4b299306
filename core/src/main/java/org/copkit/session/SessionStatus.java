package org.copkit.session;

/** Life-cycle status of a {@link Session}. */
public enum SessionStatus {
    /** It takes place as planned. */
    SCHEDULED,
    /** It was called off; it stays stored and appears in calendars as STATUS:CANCELLED. */
    CANCELLED
}
