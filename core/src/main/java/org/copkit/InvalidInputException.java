package org.copkit;

/**
 * An argument was rejected; the message names the field and what is wrong with its value. Nothing was stored.
 * Carries {@link ErrorCode#INVALID}.
 */
public class InvalidInputException extends CopKitException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, with the offending value */
    public InvalidInputException(String message) {
        super(ErrorCode.INVALID, message);
    }
}
