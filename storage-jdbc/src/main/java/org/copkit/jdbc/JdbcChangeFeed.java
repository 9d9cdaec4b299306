package org.copkit.jdbc;

import java.util.List;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.spi.Change;
import org.copkit.spi.ChangeFeed;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Reads committed feed rows; every statement runs on its own auto-committed connection. On PostgreSQL
 * {@link #onCommit} listens for the notifications that write transactions send ({@link PgCommitListener}).
 */
final class JdbcChangeFeed implements ChangeFeed {
    private final Jdbi jdbi;
    private final Schema schema;
    /** Opens the connection a listener holds; null where the database cannot notify (H2). */
    private final PgCommitListener.Connector listenerConnections;
    /** The payload of this storage's notifications; see {@link #notifySql()}. */
    private final String token;
    private final String notifySql;
    private final java.util.Set<PgCommitListener> listeners = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    JdbcChangeFeed(Jdbi jdbi, Schema schema, PgCommitListener.Connector listenerConnections) {
        this.jdbi = jdbi;
        this.schema = schema;
        this.listenerConnections = schema.dialect() == Dialect.POSTGRESQL ? listenerConnections : null;
        this.token = java.util.UUID.randomUUID().toString();
        this.notifySql = schema.dialect() == Dialect.POSTGRESQL
                ? "pg_notify('" + PgCommitListener.channel(schema) + "', '" + token + "')" : null;
    }

    /**
     * @return on PostgreSQL the call a write transaction makes in the statement that appends to the feed,
     *     {@code pg_notify('<channel>', '<token of this storage>')} (channel and token are literals of
     *     {@code [a-z0-9_-]}, so the statement text stays the same); null on H2
     */
    String notifySql() {
        return notifySql;
    }

    /**
     * On PostgreSQL: a daemon thread that holds one connection in {@code LISTEN} on the schema's channel and
     * runs {@code wake} for every notification of another storage (another node); see
     * {@link PgCommitListener}. On H2: no notifications.
     */
    @Override
    public Subscription onCommit(Runnable wake) {
        java.util.Objects.requireNonNull(wake, "wake");
        if (listenerConnections == null || closed) {
            return Subscription.NONE;
        }
        PgCommitListener listener = PgCommitListener.start(listenerConnections, PgCommitListener.channel(schema),
                token, wake);
        listeners.add(listener);
        return () -> {
            listeners.remove(listener);
            listener.close();
        };
    }

    /** Stops every listener (the storage is closing). */
    void close() {
        closed = true;
        for (PgCommitListener l : listeners) {
            l.close();
        }
        listeners.clear();
    }

    /** @return the listeners running now (tests) */
    java.util.Set<PgCommitListener> listeners() {
        return java.util.Set.copyOf(listeners);
    }

    @Override
    public List<Change> after(long sequence, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1 but was " + limit);
        }
        String sql = "SELECT seq, object_type, object_id, version, changed_at FROM " + schema.t("changes")
                + " WHERE seq > ? ORDER BY seq LIMIT " + limit;
        return withDb(db -> db.query(sql, r -> new Change(r.longValue("seq"),
                new Ref(ObjectType.valueOf(r.text("object_type")), r.text("object_id")), r.longValue("version"),
                r.instant("changed_at")), sequence));
    }

    @Override
    public long head() {
        return withDb(db -> db.one("SELECT last_seq FROM " + schema.t("change_head") + " WHERE id = 1",
                r -> r.longValue("last_seq")).orElse(0L));
    }

    private <T> T withDb(java.util.function.Function<Db, T> work) {
        try {
            return jdbi.withHandle(h -> work.apply(new Db(h, schema)));
        } catch (JdbiException e) {
            throw Db.translate(e, "change feed");
        }
    }
}
