package org.copkit.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.community.CommunityId;
import org.copkit.member.MemberId;
import org.copkit.onboarding.LearningPath;
import org.copkit.onboarding.LearningPathContent;
import org.copkit.onboarding.LearningPathId;
import org.copkit.spi.Repositories;

/** Table {@code learning_paths}: title and description as columns; steps (in order) and audience as JSON. */
final class LearningPathsRepo extends VersionedRepo<LearningPathId, LearningPath> implements Repositories.LearningPaths {
    LearningPathsRepo(JdbcTransaction tx) {
        super(tx, ObjectType.LEARNING_PATH, "learning_paths", "id");
    }

    @Override
    LearningPathId key(LearningPath p) {
        return p.id();
    }

    @Override
    List<Object> keyValues(LearningPathId key) {
        return List.of(key.value());
    }

    @Override
    String refId(LearningPathId key) {
        return key.value();
    }

    @Override
    long version(LearningPath p) {
        return p.version();
    }

    @Override
    LinkedHashMap<String, Object> columns(LearningPath p) {
        LinkedHashMap<String, Object> c = new LinkedHashMap<>();
        c.put("community_id", p.community().value());
        c.put("title", p.content().title());
        c.put("description", p.content().description());
        c.put("steps", Json.steps(p.content().steps()));
        c.put("audience", Json.audience(p.audience()));
        c.put("created_by", p.createdBy().value());
        c.put("created_at", p.createdAt());
        c.put("updated_at", p.updatedAt());
        return c;
    }

    @Override
    Db.Mapper<LearningPath> mapper() {
        return r -> new LearningPath(LearningPathId.of(r.text("id")), CommunityId.of(r.text("community_id")),
                new LearningPathContent(r.text("title"), r.text("description"), Json.steps(r.text("steps"))),
                Json.audience(r.text("audience")), MemberId.of(r.text("created_by")), r.instant("created_at"),
                r.instant("updated_at"), r.longValue("version"));
    }

    @Override
    public Page<LearningPath> listByCommunity(CommunityId community, PageRequest page) {
        return page(Where.eq("community_id", community.value()), "id", p -> p.id().value(), page);
    }
}
