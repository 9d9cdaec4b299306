package org.copkit.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.copkit.spi.ChangeFeed;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's side of {@link ChangeFeed#onCommit}: one daemon thread holding one connection that runs
 * {@code LISTEN} on the schema's channel and waits for notifications
 * ({@link PGConnection#getNotifications(int)}). Every write transaction that appends to the change feed
 * sends {@code pg_notify(channel, token)} in the statement that writes the feed entries (see
 * {@link JdbcTransaction}), which PostgreSQL delivers when, and only if, the transaction commits. A
 * notification whose payload is another storage's token runs {@code wake}; this storage's own commits
 * are left out (the kit that made them wakes its indexer itself).
 *
 * <p>When the connection fails (PostgreSQL restarted, the connection was terminated or the network is
 * gone) the thread logs a WARN, reconnects with backoff (100 ms doubling up to 10 s) and runs
 * {@code wake} once it listens again, since commits may have gone unnoticed meanwhile; the follower
 * polls the feed in between. A quiet connection is checked every {@value #CHECK_SECONDS} s, so a
 * connection that died silently is noticed too. Before the connection is given back (to the host's pool)
 * it runs {@code UNLISTEN *}.
 */
final class PgCommitListener implements ChangeFeed.Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(PgCommitListener.class);
    /** How long one wait for notifications blocks (and so how long {@link #close()} may wait for the thread). */
    private static final int WAIT_MILLIS = 250;
    /** A connection that heard nothing for this long is checked with a round trip. */
    static final int CHECK_SECONDS = 10;
    /** The longest a statement of the listener waits for the server (a pool restores its own value). */
    private static final int NETWORK_TIMEOUT_MILLIS = 30_000;
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 10_000;
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Opens the connection to listen on; it is closed (given back) when the listener is done with it. */
    @FunctionalInterface
    interface Connector {
        Connection open() throws SQLException;
    }

    private final Connector connector;
    private final String channel;
    private final String ownToken;
    private final Runnable wake;
    private final Thread thread;
    private final Object pause = new Object();
    private volatile boolean closed;
    /** Whether LISTEN is in effect now (for tests and diagnostics). */
    private volatile boolean listening;

    private PgCommitListener(Connector connector, String channel, String ownToken, Runnable wake) {
        this.connector = connector;
        this.channel = channel;
        this.ownToken = ownToken;
        this.wake = wake;
        this.thread = new Thread(this::run, "copkit-listen-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
    }

    /** Starts listening in the background; returns at once. */
    static PgCommitListener start(Connector connector, String channel, String ownToken, Runnable wake) {
        PgCommitListener l = new PgCommitListener(connector, channel, ownToken, wake);
        l.thread.start();
        return l;
    }

    /**
     * The notification channel of a schema: {@code copkit_<schema>}, so storages of different schemas on
     * one database do not wake each other (a name longer than PostgreSQL's 63 bytes is shortened, with a
     * hash of the schema name).
     */
    static String channel(Schema schema) {
        String name = "copkit_" + schema.name();
        if (name.length() <= 63) {
            return name;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(schema.name().getBytes(StandardCharsets.UTF_8));
            return name.substring(0, 46) + "_" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** @return whether LISTEN is in effect at the moment */
    boolean listening() {
        return listening;
    }

    private void run() {
        int failures = 0;
        while (!closed) {
            Connection c = null;
            try {
                c = connector.open();
                try {
                    // no statement of the listener (LISTEN, the check, UNLISTEN) may hang on a dead network
                    c.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MILLIS);
                } catch (SQLException | UnsupportedOperationException e) {
                    LOG.debug("cannot set a network timeout on the listening connection", e);
                }
                if (!c.getAutoCommit()) {
                    c.setAutoCommit(true); // LISTEN takes effect at commit
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + channel);
                }
                listening = true;
                if (failures > 0) {
                    LOG.info("listening for other nodes' commits on channel {} again after {} failed attempts", channel,
                            failures);
                } else {
                    LOG.debug("listening for other nodes' commits on channel {}", channel);
                }
                failures = 0;
                // commits made while nobody listened (before the first LISTEN, or while reconnecting)
                wake();
                long lastHeard = System.nanoTime();
                while (!closed) {
                    PGNotification[] got = pg.getNotifications(WAIT_MILLIS);
                    if (got != null && got.length > 0) {
                        lastHeard = System.nanoTime();
                        for (PGNotification n : got) {
                            if (!ownToken.equals(n.getParameter())) {
                                wake();
                                break;
                            }
                        }
                    } else if (System.nanoTime() - lastHeard > TimeUnit.SECONDS.toNanos(CHECK_SECONDS)) {
                        if (!c.isValid(CHECK_SECONDS)) {
                            throw new SQLException("the listening connection is no longer valid", "08006");
                        }
                        lastHeard = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (closed) {
                    break;
                }
                failures++;
                long backoff = backoffMillis(failures);
                if (failures == 1) {
                    LOG.warn("cannot listen for other nodes' commits on channel {}; reconnecting in {} ms, the search "
                            + "indexer polls the change feed meanwhile", channel, backoff, e);
                } else {
                    LOG.warn("cannot listen for other nodes' commits on channel {} (attempt {}: {}); reconnecting in "
                            + "{} ms", channel, failures, e.toString(), backoff);
                }
                release(c);
                c = null;
                sleep(backoff);
            } finally {
                listening = false;
                release(c);
            }
        }
    }

    private void wake() {
        try {
            wake.run();
        } catch (RuntimeException e) {
            LOG.warn("the change-feed subscriber {} failed on a commit notification", wake, e);
        }
    }

    private static long backoffMillis(int failures) {
        return failures >= 8 ? MAX_BACKOFF_MILLIS : Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << (failures - 1));
    }

    private void sleep(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (pause) {
            long left;
            while (!closed && (left = end - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(pause, left);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Stops listening: UNLISTEN, then closes (gives back) the connection. */
    private void release(Connection c) {
        if (c == null) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("UNLISTEN *");
        } catch (SQLException | RuntimeException e) {
            LOG.debug("UNLISTEN failed on a connection that is being closed", e);
        }
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("closing the listening connection failed", e);
        }
    }

    /**
     * Stops the thread: it notices within about {@value #WAIT_MILLIS} ms, unlistens and gives the
     * connection back. Waits up to a second for that; idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (pause) {
            pause.notifyAll();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
