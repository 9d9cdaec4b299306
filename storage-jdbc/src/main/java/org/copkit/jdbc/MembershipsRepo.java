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
        List<Object> args = list(community.value());
        String where = "community_id = ?";
        if (!states.isEmpty()) {
            where += " AND " + in("state", states.size());
            states.stream().map(Enum::name).sorted().forEach(args::add);
        }
        return page(where, args, "member_id", m -> m.member().value(), page);
    }

    @Override
    public List<Membership> listByMember(MemberId member) {
        return db.query("SELECT * FROM " + table + " WHERE member_id = ? ORDER BY community_id", mapper(),
                member.value());
    }

    /**
     * The member's memberships (ordered by community) and stewarded practices in one statement.
     */
    org.copkit.spi.MemberRoles rolesOf(MemberId member) {
        return load(member, null).roles();
    }

    /**
     * The member row, its memberships (ordered by community) and stewarded practices in one statement.
     *
     * @param memberMapper maps the member's columns ({@link MembersRepo#mapper})
     * @return empty when the member is not registered
     */
    java.util.Optional<org.copkit.spi.MemberAndRoles> memberAndRoles(MemberId member,
            Db.Mapper<org.copkit.member.Member> memberMapper) {
        Loaded loaded = load(member, memberMapper);
        return loaded.member().map(m -> new org.copkit.spi.MemberAndRoles(m, loaded.roles()));
    }

    private record Loaded(java.util.Optional<org.copkit.member.Member> member, org.copkit.spi.MemberRoles roles) {}

    /**
     * The rows of the member (when {@code memberMapper} is given), its memberships and its stewardships under
     * one column list, told apart by {@code kind}, in one {@code UNION ALL} statement.
     */
    private Loaded load(MemberId member, Db.Mapper<org.copkit.member.Member> memberMapper) {
        List<org.copkit.member.Member> found = new java.util.ArrayList<>(1);
        List<Membership> memberships = new java.util.ArrayList<>();
        java.util.Map<org.copkit.community.PracticeId, CommunityId> stewarded = new java.util.HashMap<>();
        Db.Mapper<Membership> membership = mapper();
        List<Object> args = new java.util.ArrayList<>(3);
        StringBuilder sql = new StringBuilder("SELECT kind, id, organization_id, display_name, profile,"
                + " registered_at, community_id, member_id, member_role, state, since, joined_at, invited_by,"
                + " version, practice_id FROM (");
        if (memberMapper != null) {
            sql.append("SELECT 'm' AS kind, id, organization_id, display_name, profile, registered_at,"
                    + " NULL AS community_id, id AS member_id, NULL AS member_role, NULL AS state, NULL AS since,"
                    + " NULL AS joined_at, NULL AS invited_by, version, NULL AS practice_id FROM ")
                    .append(db.schema.t("members")).append(" WHERE id = ? UNION ALL ");
            args.add(member.value());
        }
        sql.append("SELECT 'r' AS kind, NULL AS id, NULL AS organization_id, NULL AS display_name,"
                + " NULL AS profile, NULL AS registered_at, community_id, member_id, member_role, state, since,"
                + " joined_at, invited_by, version, NULL AS practice_id FROM ").append(table)
                .append(" WHERE member_id = ? UNION ALL SELECT 's', NULL, NULL, NULL, NULL, NULL, p.community_id,"
                        + " s.member_id, NULL, NULL, NULL, NULL, NULL, NULL, p.id FROM ")
                .append(db.schema.t("practice_stewards")).append(" s JOIN ").append(db.schema.t("practices"))
                .append(" p ON p.id = s.practice_id WHERE s.member_id = ?) x");
        args.add(member.value());
        args.add(member.value());
        db.query(sql.toString(), r -> {
            switch (r.text("kind")) {
                case "m" -> found.add(memberMapper.map(r));
                case "r" -> memberships.add(membership.map(r));
                default -> stewarded.put(org.copkit.community.PracticeId.of(r.text("practice_id")),
                        CommunityId.of(r.text("community_id")));
            }
            return Boolean.TRUE;
        }, args.toArray());
        memberships.sort(java.util.Comparator.comparing(m -> m.community().value()));
        return new Loaded(found.stream().findFirst(), new org.copkit.spi.MemberRoles(memberships, stewarded));
    }
}
