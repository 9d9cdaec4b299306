package org.copkit.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.access.AudienceLevel;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.community.MembershipPolicy;
import org.copkit.community.Stage;
import org.copkit.domain.DomainId;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;
import org.copkit.spi.Repositories;

/** Table {@code communities}: the organisations it spans as a JSON array. */
final class CommunitiesRepo extends VersionedRepo<CommunityId, Community> implements Repositories.Communities {
    CommunitiesRepo(JdbcTransaction tx) {
        super(tx, ObjectType.COMMUNITY, "communities", "id");
    }

    @Override
    CommunityId key(Community c) {
        return c.id();
    }

    @Override
    List<Object> keyValues(CommunityId key) {
        return List.of(key.value());
    }

    @Override
    String refId(CommunityId key) {
        return key.value();
    }

    @Override
    long version(Community c) {
        return c.version();
    }

    @Override
    LinkedHashMap<String, Object> columns(Community c) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("domain_id", c.domain().value());
        m.put("name", c.name());
        m.put("purpose", c.purpose());
        m.put("policy", c.policy());
        m.put("organizations", Json.idSet(c.organizations()));
        m.put("default_audience", c.defaultAudience());
        m.put("stage", c.stage());
        m.put("created_by", c.createdBy().value());
        m.put("created_at", c.createdAt());
        return m;
    }

    @Override
    Db.Mapper<Community> mapper() {
        return r -> new Community(CommunityId.of(r.text("id")), DomainId.of(r.text("domain_id")), r.text("name"),
                r.text("purpose"), r.enumValue("policy", MembershipPolicy.class),
                Json.idSet(r.text("organizations"), OrganizationId::of),
                r.enumValue("default_audience", AudienceLevel.class), r.enumValue("stage", Stage.class),
                MemberId.of(r.text("created_by")), r.instant("created_at"), r.longValue("version"));
    }

    @Override
    public Page<Community> list(PageRequest page) {
        return page(Where.all(), "id", c -> c.id().value(), page);
    }
}
