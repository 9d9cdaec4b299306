package org.copkit;

/**
 * The acting member may not perform the operation; the message says which rule refused it.
 * Carries {@link ErrorCode#FORBIDDEN}.
 */
public class AccessDeniedException extends CopKitException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, with the offending value */
    public AccessDeniedException(String message) {
        super(ErrorCode.FORBIDDEN, message);
    }
}
