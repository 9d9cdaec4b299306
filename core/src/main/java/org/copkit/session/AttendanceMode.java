package org.copkit.session;

/** How one participant attends a session; for hybrid sessions each participant chooses. */
public enum AttendanceMode {
    /** On site. */
    IN_PERSON,
    /** Online. */
    ONLINE
}
