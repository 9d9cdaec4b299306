package org.copkit;

import java.util.Objects;

/**
 * Root of every exception CoPKit throws. All are unchecked and carry an {@link ErrorCode}; the
 * message names what was wrong and with which value. Backend exceptions ({@code SQLException},
 * {@code IOException}) are wrapped with {@link ErrorCode#STORAGE} or {@link ErrorCode#SEARCH} and kept
 * as the cause.
 */
public class CopKitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /**
     * @param code what kind of failure, never null
     * @param message what was wrong, never null
     */
    public CopKitException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * @param code what kind of failure, never null
     * @param message what was wrong, never null
     * @param cause the underlying failure, may be null
     */
    public CopKitException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** @return what kind of failure this is */
    public ErrorCode code() {
        return code;
    }
}
