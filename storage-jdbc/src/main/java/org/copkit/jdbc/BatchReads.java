package org.copkit.jdbc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.copkit.Ref;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.PracticeId;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.spi.MemberAndRoles;
import org.copkit.spi.MemberRoles;
import org.copkit.spi.ReadBatch;
import org.copkit.subscription.Subscription;

/**
 * {@link JdbcTransaction#readBatch}, {@link JdbcTransaction#memberAndRoles} and {@link JdbcTransaction#rolesOf}
 * as one {@link UnionRead} statement: the member row, its memberships and stewarded practices, communities by
 * id and active subscriptions to targets, each part under the column names of its table so the repositories'
 * mappers read the rows.
 */
final class BatchReads {
    /** Up to this many targets the subscriptions are part of the statement; more are read as listByTargets does. */
    static final int TARGETS_IN_STATEMENT = 200;

    private BatchReads() {}

    /** A statement with the SQL types of the labels of every part that are not text. */
    private static UnionRead union() {
        String timestamp = "TIMESTAMP(6) WITH TIME ZONE";
        return new UnionRead().type("registered_at", timestamp).type("since", timestamp).type("joined_at", timestamp)
                .type("created_at", timestamp).type("updated_at", timestamp).type("version", "BIGINT")
                .type("active", "BOOLEAN");
    }

    /** The memberships (ordered by community) and stewarded practices of the member, one statement. */
    static MemberRoles rolesOf(JdbcTransaction tx, MemberId member) {
        List<Membership> memberships = new ArrayList<>();
        Map<PracticeId, CommunityId> stewarded = new HashMap<>();
        UnionRead read = union();
        roles(tx, read, member, memberships, stewarded);
        Schema s = tx.db().schema;
        read.run(tx.db(), s.dialect() + " " + s.name() + " roles");
        return roles(memberships, stewarded);
    }

    /** The whole batch in one statement (the subscriptions of more than {@value #TARGETS_IN_STATEMENT} targets apart). */
    static ReadBatch.Result read(JdbcTransaction tx, ReadBatch batch) {
        Schema s = tx.db().schema;
        UnionRead read = union();
        List<Member> members = new ArrayList<>(1);
        List<Membership> memberships = new ArrayList<>();
        Map<PracticeId, CommunityId> stewarded = new HashMap<>();
        if (batch.member().isPresent()) {
            MemberId id = batch.member().get();
            Db.Mapper<Member> mapper = ((MembersRepo) tx.members()).mapper();
            read.part("m", "FROM " + s.t("members") + " WHERE id = ?", List.of(id.value()),
                    r -> members.add(mapper.map(r)), "id", "organization_id", "display_name", "profile",
                    "registered_at", "version");
            roles(tx, read, id, memberships, stewarded);
        }
        Map<CommunityId, Community> communities = new HashMap<>();
        if (!batch.communities().isEmpty()) {
            Db.Mapper<Community> mapper = ((CommunitiesRepo) tx.communities()).mapper();
            read.part("c", "FROM " + s.t("communities") + " WHERE " + VersionedRepo.in("id", batch.communities().size()),
                    batch.communities().stream().<Object>map(CommunityId::value).toList(), r -> {
                        Community c = mapper.map(r);
                        communities.put(c.id(), c);
                    }, "id", "domain_id", "name", "purpose", "policy", "organizations", "default_audience", "stage",
                    "created_by", "created_at", "version");
        }
        List<Subscription> subscriptions = new ArrayList<>();
        boolean followersApart = batch.followed().size() > TARGETS_IN_STATEMENT;
        if (!batch.followed().isEmpty() && !followersApart) {
            Db.Mapper<Subscription> mapper = ((SubscriptionsRepo) tx.subscriptions()).mapper();
            read.part("f", SubscriptionsRepo.activeTo(s.t("subscriptions"), batch.followed().size()),
                    SubscriptionsRepo.activeToArgs(batch.followed()), r -> subscriptions.add(mapper.map(r)), "id",
                    "member_id", "target_type", "target_id", "active", "since", "updated_at", "version");
        }
        // the statement text follows from the schema and how many values each part has
        read.run(tx.db(), s.dialect() + " " + s.name() + " batch " + batch.member().isPresent() + " "
                + batch.communities().size() + " " + (followersApart ? 0 : batch.followed().size()));
        Map<CommunityId, Community> inOrder = new LinkedHashMap<>();
        batch.communities().forEach(id -> {
            Community c = communities.get(id);
            if (c != null) {
                inOrder.put(id, c);
            }
        });
        List<Subscription> followers;
        if (followersApart) {
            followers = tx.subscriptions().listByTargets(batch.followed());
        } else {
            Map<Ref, Integer> order = new HashMap<>();
            batch.followed().forEach(t -> order.put(t, order.size()));
            subscriptions.sort(Comparator.<Subscription>comparingInt(x -> order.get(x.target()))
                    .thenComparing(Subscription::member));
            followers = subscriptions;
        }
        Optional<MemberAndRoles> member = members.stream().findFirst()
                .map(m -> new MemberAndRoles(m, roles(memberships, stewarded)));
        return new ReadBatch.Result(member, inOrder, followers);
    }

    /** Adds the parts for the member's memberships ({@code r}) and stewarded practices ({@code s}). */
    private static void roles(JdbcTransaction tx, UnionRead read, MemberId member, List<Membership> memberships,
            Map<PracticeId, CommunityId> stewarded) {
        Schema s = tx.db().schema;
        Db.Mapper<Membership> mapper = ((MembershipsRepo) tx.memberships()).mapper();
        read.part("r", "FROM " + s.t("memberships") + " WHERE member_id = ?", List.of(member.value()),
                r -> memberships.add(mapper.map(r)), "community_id", "member_id", "member_role", "state", "since",
                "joined_at", "invited_by", "version");
        read.part("s", "FROM " + s.t("practice_stewards") + " st JOIN " + s.t("practices")
                + " p ON p.id = st.practice_id WHERE st.member_id = ?", List.of(member.value()),
                r -> stewarded.put(PracticeId.of(r.text("practice_id")), CommunityId.of(r.text("community_id"))),
                "community_id=p.community_id", "member_id=st.member_id", "practice_id=p.id");
    }

    private static MemberRoles roles(List<Membership> memberships, Map<PracticeId, CommunityId> stewarded) {
        memberships.sort(Comparator.comparing(m -> m.community().value()));
        return new MemberRoles(memberships, stewarded);
    }
}
