package org.copkit.jdbc;

import java.util.List;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.spi.Change;
import org.copkit.spi.ChangeFeed;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** Reads committed feed rows; every statement runs on its own auto-committed connection. */
final class JdbcChangeFeed implements ChangeFeed {
    private final Jdbi jdbi;
    private final Schema schema;

    JdbcChangeFeed(Jdbi jdbi, Schema schema) {
        this.jdbi = jdbi;
        this.schema = schema;
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
