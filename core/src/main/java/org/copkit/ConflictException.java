package org.copkit;

/**
 * The object was changed concurrently (a stale version was presented) or the operation does not fit its current state. Reload and retry.
 * Carries {@link ErrorCode#CONFLICT}.
 */
public class ConflictException extends CopKitException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, with the offending value */
    public ConflictException(String message) {
        super(ErrorCode.CONFLICT, message);
    }
}
