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
     * The member's memberships (ordered by community) and stewarded practices in one statement: the
     * rows of both tables under one column list, told apart by {@code practice_id} (null for a membership).
     */
    org.copkit.spi.MemberRoles rolesOf(MemberId member) {
        String cols = "community_id, member_id, member_role, state, since, joined_at, invited_by, version";
        List<Membership> memberships = new java.util.ArrayList<>();
        java.util.Map<org.copkit.community.PracticeId, CommunityId> stewarded = new java.util.HashMap<>();
        Db.Mapper<Membership> membership = mapper();
        db.query("SELECT " + cols + ", NULL AS practice_id FROM " + table + " WHERE member_id = ?"
                + " UNION ALL SELECT p.community_id, s.member_id, NULL, NULL, NULL, NULL, NULL, NULL, p.id FROM "
                + db.schema.t("practice_stewards") + " s JOIN " + db.schema.t("practices")
                + " p ON p.id = s.practice_id WHERE s.member_id = ?", r -> {
                    java.util.Optional<String> practice = r.optText("practice_id");
                    if (practice.isPresent()) {
                        stewarded.put(org.copkit.community.PracticeId.of(practice.get()),
                                CommunityId.of(r.text("community_id")));
                    } else {
                        memberships.add(membership.map(r));
                    }
                    return Boolean.TRUE;
                }, member.value(), member.value());
        memberships.sort(java.util.Comparator.comparing(m -> m.community().value()));
        return new org.copkit.spi.MemberRoles(memberships, stewarded);
    }

    /**
     * The member row, its memberships (ordered by community) and stewarded practices in one statement:
     * the rows of the three tables under one column list, told apart by {@code kind}.
     *
     * @param memberMapper maps the member's columns ({@link MembersRepo#mapper})
     * @return empty when the member is not registered
     */
    java.util.Optional<org.copkit.spi.MemberAndRoles> memberAndRoles(MemberId member,
            Db.Mapper<org.copkit.member.Member> memberMapper) {
        List<org.copkit.member.Member> found = new java.util.ArrayList<>(1);
        List<Membership> memberships = new java.util.ArrayList<>();
        java.util.Map<org.copkit.community.PracticeId, CommunityId> stewarded = new java.util.HashMap<>();
        Db.Mapper<Membership> membership = mapper();
        String cols = "kind, id, organization_id, display_name, profile, registered_at, community_id, member_id,"
                + " member_role, state, since, joined_at, invited_by, version, practice_id";
        db.query("SELECT " + cols + " FROM (SELECT 'm' AS kind, id, organization_id, display_name, profile,"
                + " registered_at, NULL AS community_id, id AS member_id, NULL AS member_role, NULL AS state,"
                + " NULL AS since, NULL AS joined_at, NULL AS invited_by, version, NULL AS practice_id FROM "
                + db.schema.t("members") + " WHERE id = ?"
                + " UNION ALL SELECT 'r', NULL, NULL, NULL, NULL, NULL, community_id, member_id, member_role, state,"
                + " since, joined_at, invited_by, version, NULL FROM " + table + " WHERE member_id = ?"
                + " UNION ALL SELECT 's', NULL, NULL, NULL, NULL, NULL, p.community_id, s.member_id, NULL, NULL,"
                + " NULL, NULL, NULL, NULL, p.id FROM " + db.schema.t("practice_stewards") + " s JOIN "
                + db.schema.t("practices") + " p ON p.id = s.practice_id WHERE s.member_id = ?) x", r -> {
                    switch (r.text("kind")) {
                        case "m" -> found.add(memberMapper.map(r));
                        case "r" -> memberships.add(membership.map(r));
                        default -> stewarded.put(org.copkit.community.PracticeId.of(r.text("practice_id")),
                                CommunityId.of(r.text("community_id")));
                    }
                    return Boolean.TRUE;
                }, member.value(), member.value(), member.value());
        if (found.isEmpty()) {
            return java.util.Optional.empty();
        }
        memberships.sort(java.util.Comparator.comparing(m -> m.community().value()));
        return java.util.Optional.of(new org.copkit.spi.MemberAndRoles(found.get(0),
                new org.copkit.spi.MemberRoles(memberships, stewarded)));
    }
}
