package org.copkit.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;
import org.copkit.spi.Repositories;

/** Table {@code members}: organisation and display name as columns, the rest of the profile as JSON. */
final class MembersRepo extends VersionedRepo<MemberId, Member> implements Repositories.Members {
    MembersRepo(JdbcTransaction tx) {
        super(tx, ObjectType.MEMBER, "members", "id");
    }

    @Override
    MemberId key(Member m) {
        return m.id();
    }

    @Override
    List<Object> keyValues(MemberId key) {
        return List.of(key.value());
    }

    @Override
    String refId(MemberId key) {
        return key.value();
    }

    @Override
    long version(Member m) {
        return m.version();
    }

    @Override
    LinkedHashMap<String, Object> columns(Member m) {
        LinkedHashMap<String, Object> c = new LinkedHashMap<>();
        c.put("organization_id", m.organization().value());
        c.put("display_name", m.displayName());
        c.put("profile", Json.profile(m.profile()));
        c.put("registered_at", m.registeredAt());
        return c;
    }

    @Override
    Db.Mapper<Member> mapper() {
        return r -> new Member(MemberId.of(r.text("id")), Json.profile(r.text("display_name"),
                OrganizationId.of(r.text("organization_id")), r.text("profile")), r.instant("registered_at"),
                r.longValue("version"));
    }

    @Override
    public Page<Member> list(PageRequest page) {
        return page(Where.all(), "id", m -> m.id().value(), page);
    }

    @Override
    public Page<Member> listByOrganization(OrganizationId organization, PageRequest page) {
        return page(Where.eq("organization_id", organization.value()), "id", m -> m.id().value(), page);
    }
}
