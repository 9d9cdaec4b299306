package org.copkit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.statement.Cleanable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage's connections: taken from the data source, and handed back only as clean as they came. Every
 * read, write and change-feed call gets its connection here (it is the {@link ConnectionFactory} of the
 * storage's {@link org.jdbi.v3.core.Jdbi}), and when its handle closes, after Jdbi committed or rolled back,
 * the connection is checked without a round trip: still open, and in the auto-commit mode it had when it was
 * handed out (Jdbi leaves auto-commit off when a rollback, or the restoring of auto-commit after it, failed,
 * and the next transaction on that connection would then join the failed one). A clean connection goes back to
 * the pool; any other is discarded:
 *
 * <ul>
 *   <li>from a HikariCP pool (the storage's own or the host's): evicted
 *       ({@link HikariDataSource#evictConnection}, which closes it), and the pool's other connections are
 *       retired too ({@link HikariPoolMXBean#softEvictConnections}: the idle ones now, the ones in use when
 *       they come back). A connection that could not even be rolled back, or that died under the storage (a
 *       killed backend, a restarted server, an H2 database that closed itself when its disk filled up), has
 *       siblings to the same database in the same state, and the pool hands out a connection used in the
 *       last 500 ms without checking it;</li>
 *   <li>from any other data source: rolled back once more, then aborted ({@link Connection#abort}) when that
 *       fails, and closed, which hands it back to the host's pool (a pool that checks its connections drops
 *       the dead one).</li>
 * </ul>
 *
 * <p>So after any failed statement or commit the next call gets a working connection as soon as the database
 * works again. Thread-safe.
 */
final class CleanConnections implements ConnectionFactory {
    private static final Logger log = LoggerFactory.getLogger(CleanConnections.class);

    private final DataSource dataSource;

    CleanConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection openConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public Cleanable getCleanableFor(Connection connection) {
        Boolean autoCommit;
        try {
            autoCommit = connection.getAutoCommit();
        } catch (SQLException | RuntimeException e) {
            autoCommit = null;   // broken from the start
        }
        Boolean handedOut = autoCommit;
        return () -> handBack(connection, handedOut);
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        handBack(connection, Boolean.TRUE);
    }

    private void handBack(Connection connection, Boolean autoCommit) throws SQLException {
        if (autoCommit != null && isClean(connection, autoCommit)) {
            connection.close();
        } else {
            discard(connection, autoCommit == null || autoCommit);
        }
    }

    /**
     * @return whether the connection is open and in the auto-commit mode it was handed out with (the driver's
     *     local state: no round trip)
     */
    static boolean isClean(Connection connection, boolean autoCommit) {
        try {
            return !connection.isClosed() && !connection.unwrap(Connection.class).isClosed()
                    && connection.getAutoCommit() == autoCommit;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private void discard(Connection connection, boolean autoCommit) {
        log.warn("Discarding a connection of {} that was left inside a transaction or closed after a failure",
                dataSource);
        if (dataSource instanceof HikariDataSource hikari) {
            hikari.evictConnection(connection);
            HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
            if (pool != null) {
                pool.softEvictConnections();
            }
            closeQuietly(connection);
            return;
        }
        try {
            if (!connection.isClosed()) {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("Rolling back the discarded connection failed; aborting it", e);
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException abortFailed) {
                log.debug("Aborting the discarded connection failed", abortFailed);
            }
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            log.debug("Closing the discarded connection failed", e);
        }
    }
}
