package org.copkit.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.access.Audience;
import org.copkit.access.Visibility;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.MembershipState;
import org.copkit.community.Practice;
import org.copkit.community.PracticeId;
import org.copkit.community.Role;
import org.copkit.conversation.Vote;
import org.copkit.conversation.VoteValue;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;
import org.copkit.spi.ActivityFilter;
import org.copkit.spi.MembershipKey;
import org.copkit.spi.Storage;
import org.copkit.spi.Transaction;
import org.copkit.subscription.Subscription;
import org.copkit.testkit.Fixtures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The indexes of {@link InMemoryStorage} follow every change the contract does not already move rows
 * with: a row whose indexed fields change moves between listings, a transaction's own writes are in
 * its listings (merged with the committed rows in listing order), a rollback leaves every listing as it
 * was. The randomised tests compare the listings, read page by page, with a plain filter-and-sort of
 * what the storage should hold.
 */
class InMemoryIndexTest {
    private final Storage storage = InMemoryStorage.create();

    private static final CommunityId C1 = CommunityId.of("c1");
    private static final CommunityId C2 = CommunityId.of("c2");

    /** Thrown by work to roll its transaction back. */
    private static final class Rollback extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rollback() {
            super("roll back", null, false, false);
        }
    }

    private static KnowledgeItem item(String id, CommunityId community, Optional<PracticeId> practice,
            ItemStatus status, Optional<Instant> reviewBy, long version) {
        KnowledgeItem base = Fixtures.item(id, community.value(), "ann");
        return new KnowledgeItem(base.id(), community, practice, base.kind(), base.content(), base.audience(), status,
                base.owner(), 1, List.of(), reviewBy, Optional.empty(), Optional.empty(), base.provenance(),
                base.createdAt(), base.updatedAt(), version);
    }

    private static KnowledgeItem moved(KnowledgeItem i, CommunityId community, ItemStatus status) {
        return item(i.id().value(), community, i.practice(), status, i.reviewBy(), i.version() + 1);
    }

    /** Reads a listing page by page with the given page size. */
    private static <T> List<T> allPages(int limit, Function<PageRequest, Page<T>> listing) {
        List<T> all = new ArrayList<>();
        PageRequest request = PageRequest.first(limit);
        while (true) {
            Page<T> page = listing.apply(request);
            all.addAll(page.items());
            if (page.next().isEmpty()) {
                return all;
            }
            request = request.after(page.next().get());
        }
    }

    private static List<String> ids(Transaction tx, CommunityId community, Set<ItemStatus> statuses) {
        return allPages(2, p -> tx.items().listByCommunity(community, Optional.empty(), statuses, p)).stream()
                .map(i -> i.id().value()).toList();
    }

    @Test
    @DisplayName("an item whose status or community changes moves from one listing to the other")
    void itemMovesBetweenListings() {
        storage.write(tx -> {
            tx.items().insert(item("a", C1, Optional.empty(), ItemStatus.DRAFT, Optional.empty(), 1));
            tx.items().insert(item("b", C1, Optional.empty(), ItemStatus.DRAFT, Optional.empty(), 1));
            return null;
        });
        storage.write(tx -> tx.items().update(moved(tx.items().find(KnowledgeItemId.of("a")).orElseThrow(), C1,
                ItemStatus.PUBLISHED)));
        storage.read(tx -> {
            assertThat(ids(tx, C1, Set.of(ItemStatus.DRAFT))).containsExactly("b");
            assertThat(ids(tx, C1, Set.of(ItemStatus.PUBLISHED))).containsExactly("a");
            assertThat(ids(tx, C1, Set.of())).containsExactly("a", "b");
            return null;
        });
        storage.write(tx -> tx.items().update(moved(tx.items().find(KnowledgeItemId.of("a")).orElseThrow(), C2,
                ItemStatus.PUBLISHED)));
        storage.read(tx -> {
            assertThat(ids(tx, C1, Set.of())).containsExactly("b");
            assertThat(ids(tx, C2, Set.of(ItemStatus.PUBLISHED))).containsExactly("a");
            assertThat(tx.items().list(PageRequest.first()).items()).extracting(i -> i.id().value())
                    .containsExactly("a", "b");
            return null;
        });
    }

    @Test
    @DisplayName("a transaction's listings show its own inserts and updates, in order, before it commits")
    void ownWritesInListings() {
        storage.write(tx -> {
            for (String id : List.of("b", "d", "f")) {
                tx.items().insert(item(id, C1, Optional.empty(), ItemStatus.PUBLISHED, Optional.empty(), 1));
            }
            return null;
        });
        storage.write(tx -> {
            tx.items().insert(item("a", C1, Optional.empty(), ItemStatus.PUBLISHED, Optional.empty(), 1));
            tx.items().insert(item("e", C1, Optional.empty(), ItemStatus.PUBLISHED, Optional.empty(), 1));
            tx.items().update(moved(tx.items().find(KnowledgeItemId.of("d")).orElseThrow(), C1, ItemStatus.ARCHIVED));
            assertThat(ids(tx, C1, Set.of(ItemStatus.PUBLISHED))).containsExactly("a", "b", "e", "f");
            assertThat(ids(tx, C1, Set.of(ItemStatus.ARCHIVED))).containsExactly("d");
            // written twice in one transaction: only the last state is listed
            tx.items().update(moved(tx.items().find(KnowledgeItemId.of("e")).orElseThrow(), C2, ItemStatus.DRAFT));
            assertThat(ids(tx, C1, Set.of())).containsExactly("a", "b", "d", "f");
            assertThat(ids(tx, C2, Set.of(ItemStatus.DRAFT))).containsExactly("e");
            return null;
        });
        storage.read(tx -> {
            assertThat(ids(tx, C1, Set.of(ItemStatus.PUBLISHED))).containsExactly("a", "b", "f");
            assertThat(ids(tx, C2, Set.of())).containsExactly("e");
            return null;
        });
    }

    @Test
    @DisplayName("a rolled back transaction leaves every listing as it was")
    void rollbackLeavesIndexes() {
        storage.write(tx -> {
            tx.items().insert(item("a", C1, Optional.empty(), ItemStatus.PUBLISHED, Optional.of(Fixtures.at(10)), 1));
            tx.memberships().insert(Fixtures.membership("c1", "ann", MembershipState.ACTIVE));
            tx.subscriptions().insert(Fixtures.subscription("s1", "ann", Ref.of(ObjectType.COMMUNITY, C1)));
            tx.practices().insert(Fixtures.practice("p1", "c1", "ann"));
            tx.activities().append(Fixtures.activity("ann", Verb.JOINED, Ref.of(ObjectType.COMMUNITY, C1),
                    Optional.of(C1)));
            return null;
        });
        assertThatThrownBy(() -> storage.write(tx -> {
            tx.items().update(moved(tx.items().find(KnowledgeItemId.of("a")).orElseThrow(), C2, ItemStatus.ARCHIVED));
            tx.items().insert(item("b", C1, Optional.empty(), ItemStatus.PUBLISHED, Optional.of(Fixtures.at(5)), 1));
            tx.memberships().update(withState(tx.memberships().find(new MembershipKey(C1, MemberId.of("ann")))
                    .orElseThrow(), MembershipState.LEFT));
            tx.memberships().insert(Fixtures.membership("c1", "bob", MembershipState.PENDING));
            tx.subscriptions().update(Fixtures.touched(tx.subscriptions().find(MemberId.of("ann"),
                    Ref.of(ObjectType.COMMUNITY, C1)).orElseThrow()));
            Practice p = tx.practices().find(PracticeId.of("p1")).orElseThrow();
            tx.practices().update(new Practice(p.id(), p.community(), p.name(), p.description(),
                    Set.of(MemberId.of("bob")), p.reviewInterval(), p.requiredApprovals(), p.createdAt(),
                    p.version() + 1));
            tx.activities().append(Fixtures.activity("bob", Verb.JOINED, Ref.of(ObjectType.COMMUNITY, C1),
                    Optional.of(C1)));
            throw new Rollback();
        })).isInstanceOf(Rollback.class);
        storage.read(tx -> {
            assertThat(ids(tx, C1, Set.of(ItemStatus.PUBLISHED))).containsExactly("a");
            assertThat(ids(tx, C2, Set.of())).isEmpty();
            assertThat(tx.items().listDueForReview(Fixtures.at(100), PageRequest.first()).items())
                    .extracting(i -> i.id().value()).containsExactly("a");
            assertThat(tx.memberships().listByCommunity(C1, Set.of(), PageRequest.first()).items())
                    .extracting(m -> m.member().value() + ":" + m.state()).containsExactly("ann:ACTIVE");
            assertThat(tx.subscriptions().listByTarget(Ref.of(ObjectType.COMMUNITY, C1), PageRequest.first())
                    .items()).hasSize(1);
            assertThat(tx.practices().listStewardedBy(MemberId.of("ann"))).hasSize(1);
            assertThat(tx.practices().listStewardedBy(MemberId.of("bob"))).isEmpty();
            assertThat(tx.activities().list(ActivityFilter.all(), PageRequest.first()).items()).hasSize(1);
            return null;
        });
        // the next transaction's activity takes the sequence the rolled back one had
        long sequence = storage.write(tx -> tx.activities().append(Fixtures.activity("cat", Verb.JOINED,
                Ref.of(ObjectType.COMMUNITY, C1), Optional.of(C1))).sequence());
        assertThat(sequence).isEqualTo(2);
    }

    private static Membership withState(Membership m, MembershipState state) {
        return new Membership(m.community(), m.member(), m.role(), state, m.since(), m.joinedAt(), m.invitedBy(),
                m.version() + 1);
    }

    @Test
    @DisplayName("a subscription switched off leaves the listings by target and member but is still found")
    void inactiveSubscription() {
        Ref target = Ref.of(ObjectType.COMMUNITY, C1);
        storage.write(tx -> tx.subscriptions().insert(Fixtures.subscription("s1", "ann", target)));
        storage.write(tx -> {
            Subscription s = tx.subscriptions().find(MemberId.of("ann"), target).orElseThrow();
            tx.subscriptions().update(Fixtures.touched(s));
            assertThat(tx.subscriptions().listByTarget(target, PageRequest.first()).items()).isEmpty();
            assertThat(tx.subscriptions().listByTargets(List.of(target))).isEmpty();
            assertThat(tx.subscriptions().listByMember(MemberId.of("ann"), PageRequest.first()).items()).isEmpty();
            assertThat(tx.subscriptions().find(MemberId.of("ann"), target)).map(Subscription::active)
                    .contains(false);
            assertThatThrownBy(() -> tx.subscriptions().insert(Fixtures.subscription("s2", "ann", target)))
                    .isInstanceOf(org.copkit.ConflictException.class);
            return null;
        });
        storage.read(tx -> {
            assertThat(tx.subscriptions().listByTarget(target, PageRequest.first()).items()).isEmpty();
            assertThat(tx.subscriptions().find(MemberId.of("ann"), target)).isPresent();
            return null;
        });
    }

    @Test
    @DisplayName("rows with several index values (stewards, assignees, hosts) move when the values change")
    void multiValuedIndexes() {
        storage.write(tx -> {
            tx.practices().insert(Fixtures.practice("p1", "c1", "ann", "bob"));
            tx.reviewTasks().insert(Fixtures.reviewTask("t1", "a", "c1", "ann", "bob"));
            tx.sessions().insert(Fixtures.session("s1", "c1", "ann", 100));
            return null;
        });
        storage.write(tx -> {
            Practice p = tx.practices().find(PracticeId.of("p1")).orElseThrow();
            tx.practices().update(new Practice(p.id(), p.community(), p.name(), p.description(),
                    Set.of(MemberId.of("bob"), MemberId.of("cat")), p.reviewInterval(), p.requiredApprovals(),
                    p.createdAt(), p.version() + 1));
            tx.reviewTasks().update(Fixtures.touched(tx.reviewTasks().find(
                    org.copkit.review.ReviewTaskId.of("t1")).orElseThrow()));
            return null;
        });
        storage.read(tx -> {
            assertThat(tx.practices().listStewardedBy(MemberId.of("ann"))).isEmpty();
            assertThat(tx.practices().listStewardedBy(MemberId.of("bob"))).hasSize(1);
            assertThat(tx.practices().listStewardedBy(MemberId.of("cat"))).hasSize(1);
            assertThat(tx.reviewTasks().listByAssignee(MemberId.of("bob"),
                    Set.of(org.copkit.review.ReviewTaskStatus.OPEN), PageRequest.first()).items()).isEmpty();
            assertThat(tx.reviewTasks().listByAssignee(MemberId.of("bob"),
                    Set.of(org.copkit.review.ReviewTaskStatus.DONE), PageRequest.first()).items()).hasSize(1);
            assertThat(tx.reviewTasks().listByAssignee(MemberId.of("ann"), Set.of(), PageRequest.first()).items())
                    .hasSize(1);
            assertThat(tx.sessions().listByHost(MemberId.of("ann"))).hasSize(1);
            return null;
        });
    }

    @Test
    @DisplayName("a session whose start moves takes its new place in both directions, own writes included")
    void sessionsReorder() {
        storage.write(tx -> {
            for (int i = 1; i <= 4; i++) {
                tx.sessions().insert(Fixtures.session("s" + i, "c1", "ann", i * 100L));
            }
            return null;
        });
        storage.write(tx -> {
            org.copkit.session.Session s1 = tx.sessions().find(org.copkit.session.SessionId.of("s1")).orElseThrow();
            tx.sessions().update(startingAt(s1, Fixtures.at(250)));
            tx.sessions().insert(Fixtures.session("s0", "c1", "ann", 250));
            assertThat(allPages(2, p -> tx.sessions().listByCommunity(C1, false, p))).extracting(s -> s.id().value())
                    .containsExactly("s2", "s0", "s1", "s3", "s4");
            assertThat(allPages(2, p -> tx.sessions().listByCommunity(C1, true, p))).extracting(s -> s.id().value())
                    .containsExactly("s4", "s3", "s1", "s0", "s2");
            assertThat(tx.sessions().listByHost(MemberId.of("ann"))).extracting(s -> s.id().value())
                    .containsExactly("s2", "s0", "s1", "s3", "s4");
            return null;
        });
    }

    private static org.copkit.session.Session startingAt(org.copkit.session.Session s, Instant start) {
        return new org.copkit.session.Session(s.id(), s.community(), s.practice(), s.kind(), s.format(), s.title(),
                s.agenda(), start, start.plusSeconds(3_600), s.zone(), s.place(), s.joinLink(), s.capacity(),
                s.hosts(), s.audience(), s.status(), s.sequence() + 1, s.series(), s.notes(), s.outcomes(),
                s.questions(), s.createdAt(), s.updatedAt(), s.version() + 1);
    }

    @Test
    @DisplayName("votes a transaction puts or removes are in its listing by target, merged by voter")
    void ownVotes() {
        Ref target = new Ref(ObjectType.CONVERSATION, "q");
        Ref other = new Ref(ObjectType.CONVERSATION, "q2"); // an id that starts with the other one
        storage.write(tx -> {
            for (String voter : List.of("b", "d", "f")) {
                tx.votes().put(new Vote(target, MemberId.of(voter), VoteValue.UP, Fixtures.AT));
            }
            tx.votes().put(new Vote(other, MemberId.of("c"), VoteValue.UP, Fixtures.AT));
            return null;
        });
        storage.write(tx -> {
            tx.votes().remove(target, MemberId.of("d"));
            tx.votes().put(new Vote(target, MemberId.of("a"), VoteValue.UP, Fixtures.AT));
            tx.votes().put(new Vote(target, MemberId.of("e"), VoteValue.DOWN, Fixtures.AT));
            assertThat(allPages(2, p -> tx.votes().listByTarget(target, p))).extracting(v -> v.voter().value())
                    .containsExactly("a", "b", "e", "f");
            return null;
        });
        storage.read(tx -> {
            assertThat(allPages(3, p -> tx.votes().listByTarget(target, p))).extracting(v -> v.voter().value())
                    .containsExactly("a", "b", "e", "f");
            assertThat(allPages(3, p -> tx.votes().listByTarget(other, p))).hasSize(1);
            return null;
        });
    }

    @Test
    @DisplayName("a cursor that is no valid id (white space) still pages by the binary order of the id text")
    void cursorThatIsNoId() {
        storage.write(tx -> {
            for (String id : List.of("a", "m", "m5", "z")) {
                tx.members().insert(Fixtures.member(id, "org"));
            }
            return null;
        });
        storage.read(tx -> {
            assertThat(tx.members().list(PageRequest.first(2).after("m 5")).items()).extracting(m -> m.id().value())
                    .containsExactly("m5", "z");
            return null;
        });
    }

    // ---- randomised: listings against a plain filter-and-sort of the expected rows

    private static final List<String> ITEM_IDS = Stream.of("a", "B", "b0", "b10", "b9", "Z", "ä", "x-1", "x_1", "x1",
            "y", "~", "0", "00", "9").toList();

    @Test
    @DisplayName("randomised: items listed by community, practice, status, id and review date match the expected rows"
            + " after commits and rollbacks and inside transactions")
    void randomItems() {
        Random random = new Random(7);
        Map<String, KnowledgeItem> committed = new HashMap<>();
        for (int round = 0; round < 150; round++) {
            Map<String, KnowledgeItem> mine = new HashMap<>(committed);
            boolean rollback = random.nextInt(4) == 0;
            try {
                storage.write(tx -> {
                    int ops = 1 + random.nextInt(8);
                    for (int op = 0; op < ops; op++) {
                        String id = ITEM_IDS.get(random.nextInt(ITEM_IDS.size()));
                        KnowledgeItem current = mine.get(id);
                        KnowledgeItem next = randomItem(random, id, current == null ? 1 : current.version() + 1);
                        if (current == null) {
                            tx.items().insert(next);
                        } else {
                            tx.items().update(next);
                        }
                        mine.put(id, next);
                        if (random.nextInt(3) == 0) {
                            checkItems(tx, mine, random);
                        }
                    }
                    if (rollback) {
                        throw new Rollback();
                    }
                    return null;
                });
                committed.clear();
                committed.putAll(mine);
            } catch (Rollback expected) {
                assertThat(rollback).isTrue();
            }
            storage.read(tx -> {
                checkItems(tx, committed, random);
                return null;
            });
        }
    }

    private static KnowledgeItem randomItem(Random random, String id, long version) {
        CommunityId community = random.nextBoolean() ? C1 : C2;
        Optional<PracticeId> practice = switch (random.nextInt(3)) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(PracticeId.of("p1"));
            default -> Optional.of(PracticeId.of("p2"));
        };
        ItemStatus status = ItemStatus.values()[random.nextInt(ItemStatus.values().length)];
        Optional<Instant> reviewBy = random.nextBoolean() ? Optional.of(Fixtures.at(random.nextInt(100)))
                : Optional.empty();
        return item(id, community, practice, status, reviewBy, version);
    }

    private static void checkItems(Transaction tx, Map<String, KnowledgeItem> expected, Random random) {
        Comparator<KnowledgeItem> byId = Comparator.comparing(i -> i.id().value());
        int limit = 1 + random.nextInt(4);
        for (CommunityId community : List.of(C1, C2)) {
            for (Optional<PracticeId> practice : List.of(Optional.<PracticeId>empty(), Optional.of(PracticeId.of("p1")),
                    Optional.of(PracticeId.of("p2")))) {
                Set<ItemStatus> statuses = randomSubset(random, ItemStatus.class);
                List<KnowledgeItem> want = expected.values().stream().filter(i -> i.community().equals(community))
                        .filter(i -> practice.isEmpty() || i.practice().equals(practice))
                        .filter(i -> statuses.isEmpty() || statuses.contains(i.status())).sorted(byId).toList();
                assertThat(allPages(limit, p -> tx.items().listByCommunity(community, practice, statuses, p)))
                        .as("%s %s %s", community, practice, statuses).containsExactlyElementsOf(want);
            }
        }
        assertThat(allPages(limit, p -> tx.items().list(p)))
                .containsExactlyElementsOf(expected.values().stream().sorted(byId).toList());
        Instant before = Fixtures.at(random.nextInt(100));
        assertThat(allPages(limit, p -> tx.items().listDueForReview(before, p))).containsExactlyElementsOf(
                expected.values().stream().filter(i -> i.status() == ItemStatus.PUBLISHED)
                        .filter(i -> i.reviewBy().map(r -> r.isBefore(before)).orElse(false)).sorted(byId).toList());
    }

    private static <E extends Enum<E>> Set<E> randomSubset(Random random, Class<E> type) {
        Set<E> out = EnumSet.noneOf(type);
        for (E e : type.getEnumConstants()) {
            if (random.nextInt(3) == 0) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    @DisplayName("randomised: memberships listed by community and state and by member match the expected rows")
    void randomMemberships() {
        Random random = new Random(11);
        List<String> members = List.of("ann", "Bob", "bob", "bob2", "cat", "é", "z9");
        Map<MembershipKey, Membership> committed = new HashMap<>();
        for (int round = 0; round < 150; round++) {
            Map<MembershipKey, Membership> mine = new HashMap<>(committed);
            boolean rollback = random.nextInt(4) == 0;
            try {
                storage.write(tx -> {
                    for (int op = 1 + random.nextInt(6); op > 0; op--) {
                        CommunityId community = random.nextBoolean() ? C1 : C2;
                        MemberId member = MemberId.of(members.get(random.nextInt(members.size())));
                        MembershipKey key = new MembershipKey(community, member);
                        Membership current = mine.get(key);
                        MembershipState state = MembershipState.values()[random.nextInt(
                                MembershipState.values().length)];
                        Membership next = new Membership(community, member, Role.MEMBER, state, Fixtures.AT,
                                Optional.empty(), Optional.empty(), current == null ? 1 : current.version() + 1);
                        if (current == null) {
                            tx.memberships().insert(next);
                        } else {
                            tx.memberships().update(next);
                        }
                        mine.put(key, next);
                        if (random.nextInt(3) == 0) {
                            checkMemberships(tx, mine, members, random);
                        }
                    }
                    if (rollback) {
                        throw new Rollback();
                    }
                    return null;
                });
                committed.clear();
                committed.putAll(mine);
            } catch (Rollback expected) {
                assertThat(rollback).isTrue();
            }
            storage.read(tx -> {
                checkMemberships(tx, committed, members, random);
                return null;
            });
        }
    }

    private static void checkMemberships(Transaction tx, Map<MembershipKey, Membership> expected,
            List<String> members, Random random) {
        int limit = 1 + random.nextInt(3);
        for (CommunityId community : List.of(C1, C2)) {
            Set<MembershipState> states = randomSubset(random, MembershipState.class);
            assertThat(allPages(limit, p -> tx.memberships().listByCommunity(community, states, p)))
                    .as("%s %s", community, states)
                    .containsExactlyElementsOf(expected.values().stream().filter(m -> m.community().equals(community))
                            .filter(m -> states.isEmpty() || states.contains(m.state()))
                            .sorted(Comparator.comparing(m -> m.member().value())).toList());
        }
        for (String member : members) {
            assertThat(tx.memberships().listByMember(MemberId.of(member))).containsExactlyElementsOf(
                    expected.values().stream().filter(m -> m.member().value().equals(member))
                            .sorted(Comparator.comparing(m -> m.community().value())).toList());
        }
    }

    @Test
    @DisplayName("randomised: activities listed by filter, since an instant and involving a member match the"
            + " expected rows, own appends included and rolled back ones gone")
    void randomActivities() {
        Random random = new Random(3);
        List<Activity> committed = new ArrayList<>();
        List<String> people = List.of("ann", "bob", "cat");
        for (int round = 0; round < 120; round++) {
            List<Activity> mine = new ArrayList<>(committed);
            boolean rollback = random.nextInt(4) == 0;
            try {
                storage.write(tx -> {
                    for (int op = random.nextInt(5); op > 0; op--) {
                        Optional<CommunityId> community = switch (random.nextInt(3)) {
                            case 0 -> Optional.empty();
                            case 1 -> Optional.of(C1);
                            default -> Optional.of(C2);
                        };
                        String actor = people.get(random.nextInt(people.size()));
                        Optional<Ref> target = random.nextBoolean() ? Optional.empty()
                                : Optional.of(new Ref(ObjectType.MEMBER, people.get(random.nextInt(people.size()))));
                        Ref object = Ref.of(ObjectType.KNOWLEDGE_ITEM, KnowledgeItemId.of("i" + random.nextInt(3)));
                        Visibility visibility = community.isPresent()
                                ? new Visibility(community, Optional.empty(), Audience.community(), false, Set.of())
                                : Visibility.platform();
                        // instants out of sequence order, as clocks of several nodes may give
                        Activity a = new Activity(0, MemberId.of(actor), Verb.EDITED, object, target, community,
                                Fixtures.at(random.nextInt(50)), visibility, Map.of());
                        mine.add(tx.activities().append(a));
                        if (random.nextInt(2) == 0) {
                            checkActivities(tx, mine, people, random);
                        }
                    }
                    if (rollback) {
                        throw new Rollback();
                    }
                    return null;
                });
                committed.clear();
                committed.addAll(mine);
            } catch (Rollback expected) {
                assertThat(rollback).isTrue();
            }
            storage.read(tx -> {
                checkActivities(tx, committed, people, random);
                return null;
            });
        }
    }

    private static void checkActivities(Transaction tx, List<Activity> expected, List<String> people, Random random) {
        for (int i = 0; i < expected.size(); i++) {
            assertThat(expected.get(i).sequence()).isEqualTo(i + 1L);
        }
        List<Activity> newestFirst = new ArrayList<>(expected);
        java.util.Collections.reverse(newestFirst);
        int limit = 1 + random.nextInt(4);
        Optional<CommunityId> community = random.nextBoolean() ? Optional.of(random.nextBoolean() ? C1 : C2)
                : Optional.empty();
        Optional<MemberId> actor = random.nextBoolean()
                ? Optional.of(MemberId.of(people.get(random.nextInt(people.size())))) : Optional.empty();
        Optional<Ref> object = random.nextBoolean()
                ? Optional.of(Ref.of(ObjectType.KNOWLEDGE_ITEM, KnowledgeItemId.of("i" + random.nextInt(3))))
                : Optional.empty();
        ActivityFilter filter = new ActivityFilter(community, actor, object);
        assertThat(allPages(limit, p -> tx.activities().list(filter, p))).as("%s", filter)
                .containsExactlyElementsOf(newestFirst.stream()
                        .filter(a -> community.isEmpty() || a.community().equals(community))
                        .filter(a -> actor.isEmpty() || a.actor().equals(actor.get()))
                        .filter(a -> object.isEmpty() || a.object().equals(object.get())).toList());
        for (CommunityId c : List.of(C1, C2)) {
            Instant since = Fixtures.at(random.nextInt(50));
            assertThat(allPages(limit, p -> tx.activities().listSince(c, since, p))).as("%s since %s", c, since)
                    .containsExactlyElementsOf(expected.stream().filter(a -> a.community().equals(Optional.of(c)))
                            .filter(a -> !a.at().isBefore(since)).toList());
            for (String person : people) {
                MemberId member = MemberId.of(person);
                Ref asTarget = new Ref(ObjectType.MEMBER, person);
                assertThat(allPages(limit, p -> tx.activities().listInvolving(c, member, p)))
                        .as("%s involving %s", c, person)
                        .containsExactlyElementsOf(newestFirst.stream()
                                .filter(a -> a.community().equals(Optional.of(c)))
                                .filter(a -> a.actor().equals(member) || a.target().equals(Optional.of(asTarget)))
                                .collect(Collectors.toList()));
            }
        }
    }
}
