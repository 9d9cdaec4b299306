package org.copkit.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.community.CommunityId;
import org.copkit.member.MemberId;
import org.copkit.spi.Repositories;
import org.copkit.value.ValueCycle;
import org.copkit.value.ValueStory;
import org.copkit.value.ValueStoryId;

/** Table {@code value_stories}: cycle, title and story as columns; language, evidence and audience as JSON. */
final class ValueStoriesRepo extends VersionedRepo<ValueStoryId, ValueStory> implements Repositories.ValueStories {
    ValueStoriesRepo(JdbcTransaction tx) {
        super(tx, ObjectType.VALUE_STORY, "value_stories", "id");
    }

    @Override
    ValueStoryId key(ValueStory s) {
        return s.id();
    }

    @Override
    List<Object> keyValues(ValueStoryId key) {
        return List.of(key.value());
    }

    @Override
    String refId(ValueStoryId key) {
        return key.value();
    }

    @Override
    long version(ValueStory s) {
        return s.version();
    }

    @Override
    LinkedHashMap<String, Object> columns(ValueStory s) {
        LinkedHashMap<String, Object> c = new LinkedHashMap<>();
        c.put("community_id", s.community().value());
        c.put("author_id", s.author().value());
        c.put("value_cycle", s.content().cycle());
        c.put("title", s.content().title());
        c.put("story", s.content().story());
        c.put("content", Json.storyContent(s.content()));
        c.put("audience", Json.audience(s.audience()));
        c.put("created_at", s.createdAt());
        c.put("updated_at", s.updatedAt());
        return c;
    }

    @Override
    Db.Mapper<ValueStory> mapper() {
        return r -> new ValueStory(ValueStoryId.of(r.text("id")), CommunityId.of(r.text("community_id")),
                MemberId.of(r.text("author_id")), Json.storyContent(r.enumValue("value_cycle", ValueCycle.class),
                        r.text("title"), r.text("story"), r.text("content")),
                Json.audience(r.text("audience")), r.instant("created_at"), r.instant("updated_at"),
                r.longValue("version"));
    }

    @Override
    public Page<ValueStory> listByCommunity(CommunityId community, PageRequest page) {
        return page(Where.eq("community_id", community.value()), "id", s -> s.id().value(), page);
    }
}
