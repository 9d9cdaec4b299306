package org.copkit.jdbc;

import java.util.Optional;
import org.copkit.ConflictException;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.conversation.PostId;
import org.copkit.conversation.PostRevision;
import org.copkit.member.MemberId;
import org.copkit.spi.Repositories;

/** Table {@code post_revisions}: append-only, keyed by post and number. */
final class PostRevisionsRepo implements Repositories.PostRevisions {
    private final JdbcTransaction tx;
    private final Db db;
    private final String table;

    PostRevisionsRepo(JdbcTransaction tx) {
        this.tx = tx;
        this.db = tx.db();
        this.table = db.schema.t("post_revisions");
    }

    private static final Db.Mapper<PostRevision> MAPPER = r -> new PostRevision(PostId.of(r.text("post_id")),
            r.intValue("revision_no"), r.text("body"), MemberId.of(r.text("author_id")), r.instant("created_at"),
            r.text("note"));

    @Override
    public void insert(PostRevision revision) {
        tx.checkWritable();
        db.later("post_revisions", "INSERT INTO " + table + " (post_id, revision_no, body, author_id, created_at, note)"
                + " VALUES (?, ?, ?, ?, ?, ?)", "post " + revision.post() + " already has revision "
                + revision.number(), Db.ANY_ROWS, revision.post().value(), revision.number(), revision.body(),
                revision.author().value(), revision.at(), revision.note());
    }

    @Override
    public Optional<PostRevision> find(PostId post, int number) {
        return db.one("SELECT * FROM " + table + " WHERE post_id = ? AND revision_no = ?", MAPPER, post.value(),
                number);
    }

    @Override
    public Page<PostRevision> list(PostId post, PageRequest page) {
        int after = page.after().map(c -> (int) Paging.numericCursor(c, "revision number", Integer.MAX_VALUE))
                .orElse(0);
        return Paging.page(db.query("SELECT * FROM " + table + " WHERE post_id = ? AND revision_no > ?"
                + " ORDER BY revision_no LIMIT " + (page.limit() + 1), MAPPER, post.value(), after),
                r -> Integer.toString(r.number()), page);
    }
}
