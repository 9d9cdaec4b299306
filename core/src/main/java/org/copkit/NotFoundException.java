package org.copkit;

/**
 * The addressed object does not exist, or is not visible to the acting member (CoPKit does not reveal which).
 * Carries {@link ErrorCode#NOT_FOUND}.
 */
public class NotFoundException extends CopKitException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, with the offending value */
    public NotFoundException(String message) {
        super(ErrorCode.NOT_FOUND, message);
    }
}
