package org.copkit.jdbc;

import org.copkit.ConflictException;

/**
 * A transaction the database aborted because of another one (PostgreSQL: deadlock {@code 40P01},
 * serialization failure {@code 40001}; H2: concurrent update): {@link JdbcStorage#write} runs the work
 * again, a few times, before it lets the caller see the conflict.
 */
final class TransientConflictException extends ConflictException {
    private static final long serialVersionUID = 1L;

    TransientConflictException(String message) {
        super(message);
    }
}
