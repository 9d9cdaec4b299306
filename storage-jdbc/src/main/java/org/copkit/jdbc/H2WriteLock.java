package org.copkit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;

/**
 * Serialises the write transactions of the storages on one H2 database in this JVM: one fair lock per
 * database URL (options after {@code ;} ignored), shared by every {@link JdbcStorage} on it and
 * dropped when the last of them closes.
 *
 * <p>Why: H2 2.x (MVStore, READ COMMITTED) lets two concurrent transactions both pass an optimistic
 * version check on the same row (a lost update, seen in about 1 of 30 runs of 8 threads editing 3
 * items, despite {@code SELECT ... FOR UPDATE} before the {@code UPDATE ... WHERE version = ?}). An
 * embedded database serves one process, so one writer at a time there costs little and makes every
 * write see all earlier commits, and the change-feed order trivially commit order.
 */
final class H2WriteLock {
    private static final Map<String, H2WriteLock> OPEN = new HashMap<>();

    private final String database;
    private final ReentrantLock lock = new ReentrantLock(true);
    private int users;

    private H2WriteLock(String database) {
        this.database = database;
    }

    /** @return the lock of the H2 database behind the data source; {@link #release()} it on close */
    static H2WriteLock acquire(DataSource dataSource) {
        String database;
        try (Connection c = dataSource.getConnection()) {
            String url = c.getMetaData().getURL();
            int options = url.indexOf(';');
            database = options < 0 ? url : url.substring(0, options);
        } catch (SQLException e) {
            throw new CopKitException(ErrorCode.STORAGE, "cannot connect to the database: " + e.getMessage(), e);
        }
        synchronized (OPEN) {
            H2WriteLock l = OPEN.computeIfAbsent(database, H2WriteLock::new);
            l.users++;
            return l;
        }
    }

    /** Called once per {@link #acquire} when its storage closes. */
    void release() {
        synchronized (OPEN) {
            if (--users == 0) {
                OPEN.remove(database);
            }
        }
    }

    /**
     * Waits (first come, first served) until no other write transaction runs on the database.
     *
     * @throws CopKitException STORAGE when the thread is interrupted while waiting (its interrupt flag
     *     is restored)
     */
    void lock() {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CopKitException(ErrorCode.STORAGE, "interrupted while waiting to write to " + database, e);
        }
    }

    void unlock() {
        lock.unlock();
    }
}
