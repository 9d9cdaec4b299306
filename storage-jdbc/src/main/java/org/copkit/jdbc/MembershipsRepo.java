package org.copkit.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.MembershipState;
import org.copkit.community.Role;
import org.copkit.member.MemberId;
import org.copkit.spi.MembershipKey;
import org.copkit.spi.Repositories;

/** Table {@code memberships}, keyed by community and member. */
final class MembershipsRepo extends VersionedRepo<MembershipKey, Membership> implements Repositories.Memberships {
    MembershipsRepo(JdbcTransaction tx) {
        super(tx, ObjectType.MEMBERSHIP, "memberships", "community_id", "member_id");
    }

    @Override
    MembershipKey key(Membership m) {
        return new MembershipKey(m.community(), m.member());
    }

    @Override
    List<Object> keyValues(MembershipKey key) {
        return List.of(key.community().value(), key.member().value());
    }

    @Override
    String refId(MembershipKey key) {
        return key.toString();
    }

    @Override
    long version(Membership m) {
        return m.version();
    }

    @Override
    LinkedHashMap<String, Object> columns(Membership m) {
        LinkedHashMap<String, Object> c = new LinkedHashMap<>();
        c.put("member_role", m.role());
        c.put("state", m.state());
        c.put("since", m.since());
        c.put("joined_at", Db.timestamp(m.joinedAt()));
        c.put("invited_by", Db.text(m.invitedBy()));
        return c;
    }

    @Override
    Db.Mapper<Membership> mapper() {
        return r -> new Membership(CommunityId.of(r.text("community_id")), MemberId.of(r.text("member_id")),
                r.enumValue("member_role", Role.class), r.enumValue("state", MembershipState.class),
                r.instant("since"), r.optInstant("joined_at"), r.optText("invited_by").map(MemberId::of),
                r.longValue("version"));
    }

    @Override
    public Page<Membership> listByCommunity(CommunityId community, Set<MembershipState> states, PageRequest page) {
        return page(Where.eq("community_id", community.value()).andIn("state", states), "member_id",
                m -> m.member().value(), page);
    }

    @Override
    public List<Membership> listByMember(MemberId member) {
        return db.query("SELECT * FROM " + table + " WHERE member_id = ? ORDER BY community_id", mapper(),
                member.value());
    }
}
