package org.copkit.jdbc;

import java.util.Optional;
import org.copkit.ConflictException;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.knowledge.Revision;
import org.copkit.member.MemberId;
import org.copkit.spi.Repositories;

/** Table {@code revisions}: append-only, keyed by item and number. */
final class RevisionsRepo implements Repositories.Revisions {
    private final JdbcTransaction tx;
    private final Db db;
    private final String table;

    RevisionsRepo(JdbcTransaction tx) {
        this.tx = tx;
        this.db = tx.db();
        this.table = db.schema.t("revisions");
    }

    private static final Db.Mapper<Revision> MAPPER = r -> new Revision(KnowledgeItemId.of(r.text("item_id")),
            r.intValue("revision_no"), Json.content(r.text("title"), r.text("body"), r.text("content")),
            MemberId.of(r.text("author_id")), r.instant("created_at"), r.text("note"));

    @Override
    public void insert(Revision revision) {
        tx.checkWritable();
        db.later("revisions", "INSERT INTO " + table + " (item_id, revision_no, title, body, content, author_id,"
                + " created_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "knowledge item " + revision.item()
                + " already has revision " + revision.number(), Db.ANY_ROWS, revision.item().value(),
                revision.number(), revision.content().title(), revision.content().body(),
                Json.content(revision.content()), revision.author().value(), revision.at(), revision.note());
    }

    @Override
    public Optional<Revision> find(KnowledgeItemId item, int number) {
        return db.one("SELECT * FROM " + table + " WHERE item_id = ? AND revision_no = ?", MAPPER, item.value(), number);
    }

    @Override
    public Page<Revision> list(KnowledgeItemId item, PageRequest page) {
        int after = page.after().map(c -> (int) Paging.numericCursor(c, "revision number", Integer.MAX_VALUE))
                .orElse(0);
        return Paging.page(db.query("SELECT * FROM " + table + " WHERE item_id = ? AND revision_no > ?"
                + " ORDER BY revision_no LIMIT " + (page.limit() + 1), MAPPER, item.value(), after),
                r -> Integer.toString(r.number()), page);
    }

    /** Inserts in JDBC batches (see {@link Db#batch}). */
    @Override
    public void insertAll(java.util.List<Revision> revisions) {
        tx.checkWritable();
        if (revisions.isEmpty()) {
            return;
        }
        java.util.List<Object[]> rows = new java.util.ArrayList<>(revisions.size());
        for (Revision r : revisions) {
            rows.add(new Object[] {r.item().value(), r.number(), r.content().title(), r.content().body(),
                Json.content(r.content()), r.author().value(), r.at(), r.note()});
        }
        try {
            db.batch("INSERT INTO " + table + " (item_id, revision_no, title, body, content, author_id, created_at, note)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
        } catch (ConflictException e) {
            throw new ConflictException("one of " + revisions.size() + " new revisions already exists: "
                    + e.getMessage());
        }
    }
}
