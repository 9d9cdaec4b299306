package org.copkit.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.conversation.ConversationId;
import org.copkit.conversation.Post;
import org.copkit.conversation.PostId;
import org.copkit.conversation.PostKind;
import org.copkit.member.MemberId;
import org.copkit.spi.Repositories;

/** Table {@code posts}: answers, replies and comments, body as text. */
final class PostsRepo extends VersionedRepo<PostId, Post> implements Repositories.Posts {
    PostsRepo(JdbcTransaction tx) {
        super(tx, ObjectType.POST, "posts", "id");
    }

    @Override
    PostId key(Post p) {
        return p.id();
    }

    @Override
    List<Object> keyValues(PostId key) {
        return List.of(key.value());
    }

    @Override
    String refId(PostId key) {
        return key.value();
    }

    @Override
    long version(Post p) {
        return p.version();
    }

    @Override
    LinkedHashMap<String, Object> columns(Post p) {
        LinkedHashMap<String, Object> c = new LinkedHashMap<>();
        c.put("conversation_id", p.conversation().value());
        c.put("kind", p.kind());
        c.put("parent_id", Db.text(p.parent()));
        c.put("author_id", p.author().value());
        c.put("body", p.body());
        c.put("revision_no", p.revision());
        c.put("score", p.score());
        c.put("created_at", p.createdAt());
        c.put("updated_at", p.updatedAt());
        return c;
    }

    @Override
    Db.Mapper<Post> mapper() {
        return r -> new Post(PostId.of(r.text("id")), ConversationId.of(r.text("conversation_id")),
                r.enumValue("kind", PostKind.class), r.optText("parent_id").map(PostId::of),
                MemberId.of(r.text("author_id")), r.text("body"), r.intValue("revision_no"), r.intValue("score"),
                r.instant("created_at"), r.instant("updated_at"), r.longValue("version"));
    }

    @Override
    public Page<Post> listByConversation(ConversationId conversation, PageRequest page) {
        return page(Where.eq("conversation_id", conversation.value()), "id", p -> p.id().value(), page);
    }
}
