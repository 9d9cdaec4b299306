package org.copkit.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationId;
import org.copkit.conversation.ConversationKind;
import org.copkit.conversation.ConversationStatus;
import org.copkit.conversation.PostId;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;
import org.copkit.spi.Repositories;

/**
 * Table {@code conversations}: query columns (community, practice, kind, status, author), title and
 * body as text, the rest of the content and the audience as JSON.
 */
final class ConversationsRepo extends VersionedRepo<ConversationId, Conversation>
        implements Repositories.Conversations {
    ConversationsRepo(JdbcTransaction tx) {
        super(tx, ObjectType.CONVERSATION, "conversations", "id");
    }

    @Override
    ConversationId key(Conversation c) {
        return c.id();
    }

    @Override
    List<Object> keyValues(ConversationId key) {
        return List.of(key.value());
    }

    @Override
    String refId(ConversationId key) {
        return key.value();
    }

    @Override
    long version(Conversation c) {
        return c.version();
    }

    @Override
    LinkedHashMap<String, Object> columns(Conversation c) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("community_id", c.community().value());
        m.put("practice_id", Db.text(c.practice()));
        m.put("kind", c.kind());
        m.put("status", c.status());
        m.put("author_id", c.author().value());
        m.put("title", c.content().title());
        m.put("body", c.content().body());
        m.put("content", Json.content(c.content()));
        m.put("audience", Json.audience(c.audience()));
        m.put("revision_no", c.revision());
        m.put("accepted_answer", Db.text(c.acceptedAnswer()));
        m.put("duplicate_of", Db.text(c.duplicateOf()));
        m.put("promoted_to", Db.text(c.promotedTo()));
        m.put("score", c.score());
        m.put("created_at", c.createdAt());
        m.put("updated_at", c.updatedAt());
        return m;
    }

    @Override
    Db.Mapper<Conversation> mapper() {
        return r -> new Conversation(ConversationId.of(r.text("id")), CommunityId.of(r.text("community_id")),
                r.optText("practice_id").map(PracticeId::of), r.enumValue("kind", ConversationKind.class),
                Json.content(r.text("title"), r.text("body"), r.text("content")), Json.audience(r.text("audience")),
                MemberId.of(r.text("author_id")), r.enumValue("status", ConversationStatus.class),
                r.intValue("revision_no"), r.optText("accepted_answer").map(PostId::of),
                r.optText("duplicate_of").map(ConversationId::of), r.optText("promoted_to").map(KnowledgeItemId::of),
                r.intValue("score"), r.instant("created_at"), r.instant("updated_at"), r.longValue("version"));
    }

    @Override
    public Page<Conversation> listByCommunity(CommunityId community, Set<ConversationKind> kinds,
            Set<ConversationStatus> statuses, PageRequest page) {
        return page(Where.eq("community_id", community.value()).andIn("kind", kinds).andIn("status", statuses), "id",
                c -> c.id().value(), page);
    }

    @Override
    public Page<Conversation> list(PageRequest page) {
        return page(Where.all(), "id", c -> c.id().value(), page);
    }

    /** Reads the head's columns only (no body or content). */
    @Override
    public java.util.Map<ConversationId, org.copkit.spi.ConversationHead> findHeads(
            java.util.Collection<ConversationId> ids) {
        org.copkit.internal.Checks.present("ids", ids);
        return findColumns(ids, "id, community_id, practice_id, kind, status, author_id, title, audience",
                r -> new org.copkit.spi.ConversationHead(ConversationId.of(r.text("id")),
                        CommunityId.of(r.text("community_id")), r.optText("practice_id").map(PracticeId::of),
                        r.enumValue("kind", ConversationKind.class), r.enumValue("status", ConversationStatus.class),
                        MemberId.of(r.text("author_id")), r.text("title"), Json.audience(r.text("audience"))),
                org.copkit.spi.ConversationHead::id);
    }
}
