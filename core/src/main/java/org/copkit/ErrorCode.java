package org.copkit;

/**
 * What kind of failure a {@link CopKitException} reports. Hosts map these to their own responses
 * (for example HTTP 404 for {@link #NOT_FOUND}, 403 for {@link #FORBIDDEN}, 409 for {@link #CONFLICT}
 * and 400 for {@link #INVALID}).
 */
public enum ErrorCode {
    /** The addressed object does not exist, or the acting member may not know it exists. */
    NOT_FOUND,
    /** The acting member may not perform the operation. */
    FORBIDDEN,
    /** The object was changed by someone else (stale version) or the operation clashes with its state. */
    CONFLICT,
    /** An argument is missing, malformed, too long or otherwise unacceptable. */
    INVALID,
    /** The storage backend failed; the cause carries the backend's exception. */
    STORAGE,
    /** The search backend failed; the cause carries the backend's exception. */
    SEARCH,
    /** The kit was configured inconsistently (reported by the builder). */
    CONFIGURATION
}
