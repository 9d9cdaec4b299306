package org.copkit.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.copkit.knowledge.ImportOptions;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.spi.IdGenerator;

/**
 * The baseline: the rows CoPKit writes for a new knowledge item (item, revision 1, activity, change-feed
 * entry, change-head update) written with plain JDBC prepared statements and batches, into tables
 * created by CoPKit's migrations. The JSON columns are constant for the benchmark's drafts, so the
 * baseline copies them from a sample row CoPKit wrote ({@link #sample}) instead of serialising them;
 * ids come from the same generator CoPKit uses. Nothing is checked or read back.
 */
final class RawJdbc {
    private final DataSource dataSource;
    private final boolean h2;
    private final String items, revisions, activities, changes, head;
    private final Sample sample;
    private final IdGenerator ids = IdGenerator.timeOrdered(Clock.systemUTC());
    private final Clock clock = Clock.systemUTC();
    private final String insertItem, insertRevision, insertActivity, insertChange;

    /** The constant column values of one imported item, copied from a row CoPKit wrote. */
    record Sample(String community, String owner, String content, String audience, String approvals,
            String provenance, Duration reviewAfter, String visibility, String details) {}

    RawJdbc(BenchDatabase db, String schema, Sample sample) {
        this.dataSource = db.dataSource();
        this.h2 = db.kind.equals("h2");
        this.sample = sample;
        String q = '"' + schema + "\".";
        this.items = q + "knowledge_items";
        this.revisions = q + "revisions";
        this.activities = q + "activities";
        this.changes = q + "changes";
        this.head = q + "change_head";
        insertItem = "INSERT INTO " + items + " (id, community_id, practice_id, kind, status, owner_id, title, body,"
                + " content, audience, revision_no, approvals, review_by, published_at, superseded_by, provenance,"
                + " created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        insertRevision = "INSERT INTO " + revisions + " (item_id, revision_no, title, body, content, author_id,"
                + " created_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        insertActivity = "INSERT INTO " + activities + " (actor_id, verb, object_type, object_id, target_type,"
                + " target_id, community_id, occurred_at, visibility, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        insertChange = "INSERT INTO " + changes + " (seq, object_type, object_id, version, changed_at)"
                + " VALUES (?, ?, ?, ?, ?)";
    }

    /** Reads the constant columns of the first PUBLISHED import in the world's schema. */
    static Sample sample(BenchDatabase db, World world) {
        world.kit.as(World.ANNA).knowledge().importItems(World.drafts(world.community, 1), ImportOptions.published());
        String s = '"' + world.schema + '"';
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            try (ResultSet i = st.executeQuery("SELECT * FROM " + s + ".knowledge_items");
                    Statement st2 = c.createStatement();
                    ResultSet a = st2.executeQuery("SELECT * FROM " + s + ".activities WHERE object_type = "
                            + "'KNOWLEDGE_ITEM'")) {
                i.next();
                a.next();
                Duration reviewAfter = Duration.between(i.getObject("published_at", OffsetDateTime.class),
                        i.getObject("review_by", OffsetDateTime.class));
                return new Sample(i.getString("community_id"), i.getString("owner_id"), i.getString("content"),
                        i.getString("audience"), i.getString("approvals"), i.getString("provenance"), reviewAfter,
                        a.getString("visibility"), a.getString("details"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes published items for the drafts in one transaction, every table with one JDBC batch. */
    void importBatch(List<ItemDraft> drafts) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
            OffsetDateTime reviewBy = now.plus(sample.reviewAfter());
            String[] itemIds = new String[drafts.size()];
            try (PreparedStatement item = c.prepareStatement(insertItem);
                    PreparedStatement revision = c.prepareStatement(insertRevision);
                    PreparedStatement activity = c.prepareStatement(insertActivity)) {
                for (int n = 0; n < drafts.size(); n++) {
                    String id = ids.next();
                    itemIds[n] = id;
                    ItemContent content = drafts.get(n).content();
                    bindItem(item, id, content, now, reviewBy);
                    item.addBatch();
                    bindRevision(revision, id, content, now, "imported");
                    revision.addBatch();
                    bindActivity(activity, id, now);
                    activity.addBatch();
                }
                item.executeBatch();
                revision.executeBatch();
                activity.executeBatch();
            }
            appendChanges(c, itemIds, now);
            c.commit();
        }
    }

    /** Writes one DRAFT item, as {@code KnowledgeService.create} does, in one transaction. */
    void createOne(ItemContent content) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
            String id = ids.next();
            try (PreparedStatement item = c.prepareStatement(insertItem);
                    PreparedStatement revision = c.prepareStatement(insertRevision);
                    PreparedStatement activity = c.prepareStatement(insertActivity, new String[] {h2 ? "SEQ" : "seq"})) {
                bindItem(item, id, content, now, null);
                item.executeUpdate();
                bindRevision(revision, id, content, now, "created");
                revision.executeUpdate();
                bindActivity(activity, id, now);
                activity.executeUpdate();
                try (ResultSet keys = activity.getGeneratedKeys()) {
                    keys.next();
                }
            }
            appendChanges(c, new String[] {id}, now);
            c.commit();
        }
    }

    private void bindItem(PreparedStatement st, String id, ItemContent content, OffsetDateTime now,
            OffsetDateTime reviewBy) throws SQLException {
        boolean published = reviewBy != null;
        st.setString(1, id);
        st.setString(2, sample.community());
        st.setNull(3, Types.VARCHAR);
        st.setString(4, "ARTICLE");
        st.setString(5, published ? "PUBLISHED" : "DRAFT");
        st.setString(6, sample.owner());
        st.setString(7, content.title());
        st.setString(8, content.body());
        st.setString(9, sample.content());
        st.setString(10, sample.audience());
        st.setInt(11, 1);
        st.setString(12, sample.approvals());
        if (published) {
            st.setObject(13, reviewBy);
            st.setObject(14, now);
        } else {
            st.setNull(13, Types.TIMESTAMP_WITH_TIMEZONE);
            st.setNull(14, Types.TIMESTAMP_WITH_TIMEZONE);
        }
        st.setNull(15, Types.VARCHAR);
        st.setString(16, sample.provenance());
        st.setObject(17, now);
        st.setObject(18, now);
        st.setLong(19, 1);
    }

    private void bindRevision(PreparedStatement st, String id, ItemContent content, OffsetDateTime now,
            String note) throws SQLException {
        st.setString(1, id);
        st.setInt(2, 1);
        st.setString(3, content.title());
        st.setString(4, content.body());
        st.setString(5, sample.content());
        st.setString(6, sample.owner());
        st.setObject(7, now);
        st.setString(8, note);
    }

    private void bindActivity(PreparedStatement st, String id, OffsetDateTime now) throws SQLException {
        st.setString(1, sample.owner());
        st.setString(2, "CREATED");
        st.setString(3, "KNOWLEDGE_ITEM");
        st.setString(4, id);
        st.setNull(5, Types.VARCHAR);
        st.setNull(6, Types.VARCHAR);
        st.setString(7, sample.community());
        st.setObject(8, now);
        st.setString(9, sample.visibility());
        st.setString(10, sample.details());
    }

    /** Advances the change head (taking its row lock) and writes one change-feed entry per item, as CoPKit does. */
    private void appendChanges(Connection c, String[] itemIds, OffsetDateTime now) throws SQLException {
        if (!h2 && itemIds.length <= 100) {
            appendChangesInOneStatement(c, itemIds, now);
            return;
        }
        long last;
        // one statement that advances the head and returns it, as CoPKit does since it stopped re-reading it
        String advance = "UPDATE " + head + " SET last_seq = last_seq + ? WHERE id = 1";
        try (PreparedStatement up = c.prepareStatement(h2 ? "SELECT last_seq FROM FINAL TABLE (" + advance + ")"
                : advance + " RETURNING last_seq")) {
            up.setLong(1, itemIds.length);
            try (ResultSet r = up.executeQuery()) {
                r.next();
                last = r.getLong(1);
            }
        }
        long seq = last - itemIds.length;
        try (PreparedStatement ins = c.prepareStatement(insertChange)) {
            for (String id : itemIds) {
                ins.setLong(1, ++seq);
                ins.setString(2, "KNOWLEDGE_ITEM");
                ins.setString(3, id);
                ins.setLong(4, 1);
                ins.setObject(5, now);
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    /**
     * PostgreSQL, up to 100 entries: the head advance and the entries in one data-modifying CTE, the statement
     * CoPKit's storage uses for an ordinary write call (same row lock).
     */
    private void appendChangesInOneStatement(Connection c, String[] itemIds, OffsetDateTime now)
            throws SQLException {
        StringBuilder sql = new StringBuilder("WITH h AS (UPDATE ").append(head)
                .append(" SET last_seq = last_seq + ? WHERE id = 1 RETURNING last_seq) INSERT INTO ").append(changes)
                .append(" (seq, object_type, object_id, version, changed_at)")
                .append(" SELECT h.last_seq - ? + v.k, v.t, v.i, v.ver, v.at FROM h, (VALUES ");
        for (int i = 0; i < itemIds.length; i++) {
            sql.append(i == 0 ? "(CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT),"
                    + " CAST(? AS TIMESTAMP WITH TIME ZONE))" : ", (?, ?, ?, ?, ?)");
        }
        sql.append(") AS v(k, t, i, ver, at)");
        try (PreparedStatement st = c.prepareStatement(sql.toString())) {
            int p = 1;
            st.setLong(p++, itemIds.length);
            st.setLong(p++, itemIds.length);
            for (int i = 0; i < itemIds.length; i++) {
                st.setLong(p++, i + 1);
                st.setString(p++, "KNOWLEDGE_ITEM");
                st.setString(p++, itemIds[i]);
                st.setLong(p++, 1);
                st.setObject(p++, now);
            }
            if (st.executeUpdate() != itemIds.length) {
                throw new SQLException("change_head has no row");
            }
        }
    }
}
