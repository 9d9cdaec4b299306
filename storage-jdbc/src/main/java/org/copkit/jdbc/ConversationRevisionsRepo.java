package org.copkit.jdbc;

import java.util.Optional;
import org.copkit.ConflictException;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.conversation.ConversationId;
import org.copkit.conversation.ConversationRevision;
import org.copkit.member.MemberId;
import org.copkit.spi.Repositories;

/** Table {@code conversation_revisions}: append-only, keyed by conversation and number. */
final class ConversationRevisionsRepo implements Repositories.ConversationRevisions {
    private final JdbcTransaction tx;
    private final Db db;
    private final String table;

    ConversationRevisionsRepo(JdbcTransaction tx) {
        this.tx = tx;
        this.db = tx.db();
        this.table = db.schema.t("conversation_revisions");
    }

    private static final Db.Mapper<ConversationRevision> MAPPER = r -> new ConversationRevision(
            ConversationId.of(r.text("conversation_id")), r.intValue("revision_no"),
            Json.content(r.text("title"), r.text("body"), r.text("content")), MemberId.of(r.text("author_id")),
            r.instant("created_at"), r.text("note"));

    @Override
    public void insert(ConversationRevision revision) {
        tx.checkWritable();
        db.later("conversation_revisions", "INSERT INTO " + table + " (conversation_id, revision_no, title, body,"
                + " content, author_id, created_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "conversation "
                + revision.conversation() + " already has revision " + revision.number(), Db.ANY_ROWS,
                revision.conversation().value(), revision.number(), revision.content().title(),
                revision.content().body(), Json.content(revision.content()), revision.author().value(), revision.at(),
                revision.note());
    }

    @Override
    public Optional<ConversationRevision> find(ConversationId conversation, int number) {
        return db.one("SELECT * FROM " + table + " WHERE conversation_id = ? AND revision_no = ?", MAPPER,
                conversation.value(), number);
    }

    @Override
    public Page<ConversationRevision> list(ConversationId conversation, PageRequest page) {
        int after = page.after().map(c -> (int) Paging.numericCursor(c, "revision number", Integer.MAX_VALUE))
                .orElse(0);
        return Paging.page(db.query("SELECT * FROM " + table + " WHERE conversation_id = ? AND revision_no > ?"
                + " ORDER BY revision_no LIMIT " + (page.limit() + 1), MAPPER, conversation.value(), after),
                r -> Integer.toString(r.number()), page);
    }
}
