package org.copkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.copkit.ConflictException;
import org.copkit.CopKit;
import org.copkit.CopKitException;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.access.Audience;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityDraft;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.MembershipState;
import org.copkit.community.Role;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationDraft;
import org.copkit.conversation.Post;
import org.copkit.conversation.VoteValue;
import org.copkit.digest.Digest;
import org.copkit.digest.DigestReport;
import org.copkit.domain.CompetencyDraft;
import org.copkit.domain.CompetencyId;
import org.copkit.domain.DomainId;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.Competence;
import org.copkit.member.Endorsement;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;
import org.copkit.member.Proficiency;
import org.copkit.notification.Notification;
import org.copkit.notification.Notifier;
import org.copkit.participation.ParticipationConfig;
import org.copkit.participation.ParticipationLevel;
import org.copkit.participation.ParticipationRules;
import org.copkit.review.FreshnessReport;
import org.copkit.review.ReviewTask;
import org.copkit.review.ReviewTaskStatus;
import org.copkit.session.AttendanceMode;
import org.copkit.session.Capacity;
import org.copkit.session.Rsvp;
import org.copkit.session.RsvpResponse;
import org.copkit.session.Session;
import org.copkit.session.SessionDraft;
import org.copkit.session.SessionFormat;
import org.copkit.session.SessionKind;
import org.copkit.spi.ActivityFilter;
import org.copkit.spi.Storage;
import org.copkit.spi.Transaction;
import org.copkit.subscription.NotificationFrequency;
import org.copkit.subscription.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The concurrency contract of a {@link Storage}: every rule of CoPKit that spans rows holds when
 * {@value #THREADS} calls arrive at the same moment. Each test releases {@value #THREADS} threads at a
 * barrier, {@link #rounds()} times, and checks the rule after every round. The threads alternate between
 * two kits, each on its own {@link Storage} from {@link #secondNode} when a backend can open one on the same
 * database (PostgreSQL: two application nodes), so the rules are checked across nodes as well.
 *
 * <p>Extend it with one factory method, like {@link StorageContract} (docs/spi.md shows a full example):
 *
 * <pre>{@code
 * class PostgresConcurrencyTest extends ConcurrencyContract {
 *     protected Storage newStorage() { ... a new, empty schema ... }
 *     protected Storage secondNode(Storage first) { ... another pool on the same schema ... }
 * }
 * }</pre>
 *
 * <p>A backend whose write transactions overlap must implement {@link Transaction#lock}; this kit fails
 * when it does not. A backend that serialises its writes passes with a {@code lock} that does nothing.
 */
public abstract class ConcurrencyContract {
    /** Calls released at the same moment in each round. */
    protected static final int THREADS = 16;
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final OrganizationId ACME = OrganizationId.of("acme");
    private static final OrganizationId BETA = OrganizationId.of("beta");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    private final Map<MemberId, AtomicInteger> digests = new ConcurrentHashMap<>();
    /** Members whose next digest the notifier refuses once (throws), leaving it pending. */
    private final Set<MemberId> refuseOnce = ConcurrentHashMap.newKeySet();
    private final List<Notification> notified = java.util.Collections.synchronizedList(new ArrayList<>());
    private Storage storage;
    private Storage second;
    private CopKit a;
    private CopKit b;
    private ExecutorService pool;
    private DomainId domain;
    private MemberId coordinator;
    private List<MemberId> members;
    private int communities;

    /** @return a new, empty storage; closed by the kit */
    protected abstract Storage newStorage();

    /**
     * A second storage on the same data as {@code first}, as a second application node opens it (a new
     * connection pool on the same PostgreSQL schema). The default returns {@code first}: both kits share it.
     *
     * @param first the storage from {@link #newStorage()}
     * @return a storage on the same data; closed by the kit when it is not {@code first}
     */
    protected Storage secondNode(Storage first) {
        return first;
    }

    /** @return how many rounds each rule is hammered; default 5 */
    protected int rounds() {
        return 5;
    }

    @BeforeEach
    void openKits() {
        storage = newStorage();
        second = secondNode(storage);
        // JOINED counts 10: every member who joined is ACTIVE at the next recomputation
        ParticipationRules participation = ParticipationRules.of(ParticipationConfig.defaults().withWeight("JOINED",
                10));
        Notifier notifier = new Notifier() {
            @Override
            public void deliver(Notification n) {
                notified.add(n);
            }

            @Override
            public void deliverDigest(Digest digest) {
                if (refuseOnce.remove(digest.member())) {
                    throw new IllegalStateException("mail server down for " + digest.member());
                }
                digests.computeIfAbsent(digest.member(), m -> new AtomicInteger()).incrementAndGet();
            }
        };
        a = CopKit.builder().storage(new Unclosed(storage)).search(new NoSearch()).clock(clock).notifier(notifier)
                .participationRules(participation).build();
        b = CopKit.builder().storage(new Unclosed(second)).search(new NoSearch()).clock(clock).notifier(notifier)
                .participationRules(participation).build();
        pool = Executors.newFixedThreadPool(THREADS);
        a.system().organizations().register(ACME, "Acme", "");
        a.system().organizations().register(BETA, "Beta", "");
        domain = a.system().domains().create("Energy transition", "Heat and grids").id();
        coordinator = register("coordinator", ACME);
        members = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            members.add(register(String.format(Locale.ROOT, "m%02d", i), i % 2 == 0 ? ACME : BETA));
        }
    }

    @AfterEach
    void closeKits() throws InterruptedException {
        if (pool != null) {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        try {
            if (b != null) {
                b.close();
            }
            if (a != null) {
                a.close();
            }
        } finally {
            if (second != null && second != storage) {
                second.close();
            }
            if (storage != null) {
                storage.close();
            }
        }
    }

    // ---- sessions --------------------------------------------------------------------------------

    @Test
    @DisplayName("16 members RSVP for 4 seats at once: 4 confirmed, 12 waitlisted in arrival order; "
            + "when the 4 decline at once, the next 4 get the seats")
    void rsvp_neverOverbooks_keepsArrivalOrder_andPromotionFillsEverySeat() {
        CommunityId c = communityWithAllMembers();
        for (int round = 0; round < rounds(); round++) {
            ZonedDateTime start = clock.instant().atZone(AMSTERDAM).plusDays(7);
            Session s = a.as(coordinator).sessions().schedule(SessionDraft.of(c, SessionKind.WORKSHOP,
                    SessionFormat.HYBRID, "Workshop " + round, start, start.plusHours(2), "Utrecht, room 4",
                    URI.create("https://meet.example/w" + round)).withCapacity(Capacity.of(4, THREADS)));

            List<Outcome<Rsvp>> going = race(i -> kit(i).as(members.get(i)).sessions().rsvp(s.id(),
                    RsvpResponse.GOING, AttendanceMode.IN_PERSON));
            assertAllSucceeded(going);
            List<Rsvp> all = rsvps(s);
            assertThat(all.stream().map(Rsvp::arrival).distinct()).as("distinct arrival numbers").hasSize(THREADS);
            assertSeatsInArrivalOrder(all, 4);
            assertThat(all.stream().filter(Rsvp::waitlisted)).hasSize(THREADS - 4);

            List<MemberId> confirmed = all.stream().filter(Rsvp::confirmed).map(Rsvp::member).toList();
            List<MemberId> waiting = all.stream().filter(Rsvp::waitlisted).map(Rsvp::member).toList();
            // the 4 confirmed decline while the waitlisted answer GOING again (which changes nothing)
            List<Outcome<Rsvp>> change = race(i -> {
                MemberId m = members.get(i);
                RsvpResponse r = confirmed.contains(m) ? RsvpResponse.DECLINED : RsvpResponse.GOING;
                return kit(i).as(m).sessions().rsvp(s.id(), r, AttendanceMode.IN_PERSON);
            });
            assertAllSucceeded(change);
            List<Rsvp> after = rsvps(s);
            assertSeatsInArrivalOrder(after, 4);
            assertThat(after.stream().filter(Rsvp::waitlisted)).hasSize(THREADS - 8);
            assertThat(after.stream().filter(r -> r.response() == RsvpResponse.DECLINED).map(Rsvp::member))
                    .containsExactlyInAnyOrderElementsOf(confirmed);
            assertThat(after.stream().filter(Rsvp::confirmed).map(Rsvp::member)).allMatch(waiting::contains);
            assertThat(activities(Verb.PROMOTED_FROM_WAITLIST, Ref.of(ObjectType.SESSION, s.id())))
                    .as("one promotion per freed seat").hasSize(4);
        }
    }

    /** Exactly {@code seats} confirmed, and they are the earliest arrivals of everyone answering GOING. */
    private static void assertSeatsInArrivalOrder(List<Rsvp> all, int seats) {
        List<Rsvp> going = all.stream().filter(r -> r.response() == RsvpResponse.GOING)
                .sorted(Comparator.comparingLong(Rsvp::arrival)).toList();
        assertThat(going.stream().filter(Rsvp::confirmed)).as("confirmed on " + seats + " seats").hasSize(seats);
        assertThat(going.subList(0, seats)).as("the earliest arrivals hold the seats").allMatch(Rsvp::confirmed);
        assertThat(going.subList(seats, going.size())).allMatch(Rsvp::waitlisted);
    }

    private List<Rsvp> rsvps(Session s) {
        return a.as(coordinator).sessions().rsvps(s.id()).rsvps();
    }

    // ---- conversations ---------------------------------------------------------------------------

    @Test
    @DisplayName("16 votes at once on a question and on an answer all count, once per member")
    void votes_countOncePerMember() {
        CommunityId c = communityWithAllMembers();
        MemberId answerer = register("answerer", BETA);
        a.as(answerer).communities().join(c);
        for (int round = 0; round < rounds(); round++) {
            Conversation q = a.as(coordinator).conversations().ask(ConversationDraft.of(c,
                    ItemContent.of("Question " + round, "Which heat pump?", Locale.ENGLISH)));
            Post answer = a.as(answerer).conversations().answer(q.id(), "An air-to-water one.");
            for (VoteValue value : List.of(VoteValue.UP, VoteValue.DOWN)) {
                assertAllSucceeded(race(i -> kit(i).as(members.get(i)).conversations().vote(q.id(), value)));
                assertAllSucceeded(race(i -> kit(i).as(members.get(i)).conversations().vote(answer.id(), value)));
                assertThat(a.system().conversations().get(q.id()).score()).isEqualTo(THREADS * value.weight());
                assertThat(a.system().conversations().getPost(answer.id()).score())
                        .isEqualTo(THREADS * value.weight());
            }
        }
    }

    @Test
    @DisplayName("16 answers at once all land; 16 accepts of different answers at once: exactly one wins")
    void answersAllLand_andOneAcceptWins() {
        CommunityId c = communityWithAllMembers();
        for (int round = 0; round < rounds(); round++) {
            Conversation q = a.as(coordinator).conversations().ask(ConversationDraft.of(c,
                    ItemContent.of("Question " + round, "Who knows?", Locale.ENGLISH)));
            List<Outcome<Post>> answers = race(i -> kit(i).as(members.get(i)).conversations().answer(q.id(),
                    "Answer " + i));
            assertAllSucceeded(answers);
            assertThat(a.system().conversations().posts(q.id())).hasSize(THREADS);
            long version = a.system().conversations().get(q.id()).version();

            List<Outcome<Conversation>> accepts = race(i -> kit(i).as(coordinator).conversations()
                    .accept(answers.get(i).value().id(), version));
            List<Outcome<Conversation>> won = accepts.stream().filter(Outcome::succeeded).toList();
            assertThat(won).as("accepts that succeeded").hasSize(1);
            assertOnlyRuleFailures(accepts, ConflictException.class);
            Conversation stored = a.system().conversations().get(q.id());
            assertThat(stored.acceptedAnswer()).isEqualTo(won.get(0).value().acceptedAnswer());
            assertThat(activities(Verb.ACCEPTED, null).stream()
                    .filter(x -> x.target().equals(Optional.of(Ref.of(ObjectType.CONVERSATION, q.id())))))
                    .hasSize(1);
        }
    }

    // ---- memberships -----------------------------------------------------------------------------

    @Test
    @DisplayName("16 coordinators leave at once: exactly one stays; 16 coordinators demote each other at once: "
            + "at least one stays")
    void theLastCoordinatorStays() {
        for (int round = 0; round < rounds(); round++) {
            // the creator and members 1..15 coordinate; member 0 does not
            CommunityId c = communityWithAllMembers();
            List<MemberId> racing = new ArrayList<>(members);
            racing.set(0, coordinator);
            racing.stream().skip(1).forEach(m -> a.as(coordinator).communities().changeRole(c, m, Role.COORDINATOR));
            List<Outcome<Membership>> leaving = race(i -> kit(i).as(racing.get(i)).communities().leave(c));
            assertThat(leaving.stream().filter(Outcome::succeeded)).as("coordinators who left").hasSize(THREADS - 1);
            assertOnlyRuleFailures(leaving, ConflictException.class);
            assertThat(coordinators(c)).hasSize(1);

            CommunityId d = communityWithAllMembers();
            members.forEach(m -> a.as(coordinator).communities().changeRole(d, m, Role.COORDINATOR));
            a.as(members.get(0)).communities().changeRole(d, coordinator, Role.MEMBER);
            // every coordinator demotes the next one at once; a demoted one may no longer demote
            List<Outcome<Membership>> demoting = race(i -> kit(i).as(members.get(i)).communities().changeRole(d,
                    members.get((i + 1) % THREADS), Role.MEMBER));
            assertOnlyRuleFailures(demoting, CopKitException.class);
            assertThat(coordinators(d)).as("coordinators left").isNotEmpty();
            // replayed in commit order, every demotion was made by a coordinator and left one
            Set<MemberId> coordinating = new HashSet<>(members);
            for (Activity x : activities(Verb.ROLE_CHANGED, null).stream()
                    .sorted(Comparator.comparingLong(Activity::sequence)).toList()) {
                if (x.community().equals(Optional.of(d)) && "MEMBER".equals(x.details().get("to"))
                        && x.target().isPresent() && !x.target().get().id().equals(coordinator.value())) {
                    assertThat(coordinating).as("coordinators when " + x.actor() + " demoted " + x.target().get().id())
                            .contains(x.actor());
                    coordinating.remove(MemberId.of(x.target().get().id()));
                    assertThat(coordinating).isNotEmpty();
                }
            }
            assertThat(coordinating).containsExactlyInAnyOrderElementsOf(coordinators(d));
        }
    }

    @Test
    @DisplayName("one member joining 16 times at once has one membership; 16 members joining at once all do")
    void oneMembershipPerMemberAndCommunity() {
        for (int round = 0; round < rounds(); round++) {
            CommunityId c = a.as(coordinator).communities().create(CommunityDraft.of(domain, "Open " + round
                    + "-" + (communities++), "Open to all")).id();
            MemberId one = members.get(round % THREADS);
            List<Outcome<Membership>> same = race(i -> kit(i).as(one).communities().join(c));
            assertOnlyRuleFailures(same, CopKitException.class);
            assertThat(a.as(coordinator).communities().membership(c, one)).get().extracting(Membership::state)
                    .isEqualTo(MembershipState.ACTIVE);
            assertThat(activities(Verb.JOINED, null).stream().filter(x -> x.community().equals(Optional.of(c))
                    && x.actor().equals(one))).hasSize(1);

            List<Outcome<Membership>> all = race(i -> kit(i).as(members.get(i)).communities().join(c));
            assertOnlyRuleFailures(all, CopKitException.class);
            for (int i = 0; i < THREADS; i++) {
                assertThat(all.get(i).succeeded() || members.get(i).equals(one)).as("join of " + members.get(i))
                        .isTrue();
            }
            assertThat(members).allMatch(m -> a.as(coordinator).communities().membership(c, m)
                    .filter(Membership::active).isPresent());
        }
    }

    // ---- endorsements, subscriptions, views ------------------------------------------------------

    @Test
    @DisplayName("one endorsement 16 times at once is stored once; 16 endorsers at once are all stored")
    void endorsementsAreUnique() {
        CommunityId c = communityWithAllMembers();
        for (int round = 0; round < rounds(); round++) {
            CompetencyId skill = a.system().domains().addCompetency(domain, CompetencyDraft.of(Map.of(Locale.ENGLISH,
                    "Skill " + round))).id();
            MemberId endorsee = register("endorsee" + round, ACME, skill);
            a.as(endorsee).communities().join(c);
            MemberId endorser = members.get(round % THREADS);
            List<Outcome<Endorsement>> same = race(i -> kit(i).as(endorser).endorsements().endorse(endorsee, skill));
            assertThat(same.stream().filter(Outcome::succeeded)).hasSize(1);
            assertOnlyRuleFailures(same, ConflictException.class);
            List<Outcome<Endorsement>> many = race(i -> members.get(i).equals(endorser)
                    ? same.stream().filter(Outcome::succeeded).findFirst().get().value()
                    : kit(i).as(members.get(i)).endorsements().endorse(endorsee, skill));
            assertAllSucceeded(many);
            List<Endorsement> stored = a.system().endorsements().endorsementsOf(endorsee, PageRequest.first(100))
                    .items();
            assertThat(stored).hasSize(THREADS).allMatch(Endorsement::current);
            assertThat(stored.stream().map(Endorsement::endorser).distinct()).hasSize(THREADS);
        }
    }

    @Test
    @DisplayName("following one thing 16 times at once gives one subscription")
    void oneSubscriptionPerTarget() {
        for (int round = 0; round < rounds(); round++) {
            MemberId m = members.get(round % THREADS);
            Ref target = new Ref(ObjectType.TAG, "tag-" + round);
            assertAllSucceeded(race(i -> kit(i).as(m).subscriptions().follow(target)));
            List<Subscription> mine = a.as(m).subscriptions().mine(PageRequest.first(100)).items().stream()
                    .filter(s -> s.target().equals(target)).toList();
            assertThat(mine).hasSize(1).allMatch(Subscription::active);
            assertThat(activities(Verb.FOLLOWED, null).stream().filter(x -> x.actor().equals(m)
                    && x.target().equals(Optional.of(target)))).hasSize(1);
        }
    }

    @Test
    @DisplayName("16 views of one item by one reader at once are one view (learning-path progress counts it once)")
    void oneViewPerReaderAndDay() {
        CommunityId c = communityWithAllMembers();
        for (int round = 0; round < rounds(); round++) {
            KnowledgeItem item = publish(c, members.get(0), "Read me " + round);
            MemberId reader = members.get(1 + round % (THREADS - 1));
            List<Outcome<Boolean>> views = race(i -> kit(i).as(reader).knowledge().viewed(item.id()));
            assertAllSucceeded(views);
            assertThat(views.stream().filter(Outcome::value)).as("views recorded").hasSize(1);
            assertThat(activities(Verb.VIEWED, Ref.of(ObjectType.KNOWLEDGE_ITEM, item.id())).stream()
                    .filter(x -> x.actor().equals(reader))).hasSize(1);
        }
    }

    // ---- scheduled work --------------------------------------------------------------------------

    @Test
    @DisplayName("maintenance run 16 times at once on two nodes: every due item flagged once, one open task each")
    void maintenanceOnSeveralNodesIsOneRun() {
        CommunityId c = communityWithAllMembers();
        for (int round = 0; round < rounds(); round++) {
            List<KnowledgeItem> items = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                items.add(publish(c, members.get(i), "Ages " + round + "-" + i));
            }
            clock.advance(Duration.ofDays(400));
            List<Outcome<FreshnessReport>> runs = race(i -> kit(i).maintenance().run());
            assertAllSucceeded(runs);
            List<KnowledgeItemIdAndCount> flagged = new ArrayList<>();
            for (KnowledgeItem item : items) {
                long reported = runs.stream().filter(o -> o.value().flagged().contains(item.id())).count();
                flagged.add(new KnowledgeItemIdAndCount(item.id().value(), reported));
            }
            assertThat(flagged).as("runs that report each item flagged").allMatch(f -> f.count() == 1);
            Map<String, Integer> open = new HashMap<>();
            for (ReviewTask t : a.system().reviews().inCommunity(c, Set.of(ReviewTaskStatus.OPEN),
                    PageRequest.first(100)).items()) {
                open.merge(t.item().value(), 1, Integer::sum);
            }
            for (KnowledgeItem item : items) {
                assertThat(open.get(item.id().value())).as("open tasks of " + item.id()).isEqualTo(1);
                assertThat(activities(Verb.FLAGGED, Ref.of(ObjectType.KNOWLEDGE_ITEM, item.id()))).hasSize(1);
            }
        }
    }

    private record KnowledgeItemIdAndCount(String item, long count) {}

    @Test
    @DisplayName("participation recomputed 16 times at once stores each level change once")
    void participationRecomputeCountsOnce() {
        for (int round = 0; round < rounds(); round++) {
            CommunityId c = communityWithAllMembers();
            List<Outcome<List<ParticipationLevel>>> runs = race(i -> kit(i).system().participation().recompute(c));
            assertAllSucceeded(runs);
            List<MemberId> changed = runs.stream().flatMap(o -> o.value().stream()).map(ParticipationLevel::member)
                    .toList();
            assertThat(changed).as("members whose level changed, over all runs").doesNotHaveDuplicates()
                    .containsAll(members);
            for (MemberId m : members) {
                assertThat(activities(Verb.LEVEL_CHANGED, null).stream().filter(x -> x.community().equals(
                        Optional.of(c)) && x.target().equals(Optional.of(Ref.of(ObjectType.MEMBER, m)))))
                        .hasSize(1);
            }
        }
    }

    @Test
    @DisplayName("weekly digests sent 16 times at once on two nodes reach every member exactly once")
    void digestsAreSentOncePerMemberAndPeriod() {
        CommunityId c = communityWithAllMembers();
        for (MemberId m : members) {
            a.as(m).subscriptions().setPreference(NotificationFrequency.WEEKLY);
            a.as(m).subscriptions().follow(Ref.of(ObjectType.COMMUNITY, c));
        }
        for (int round = 0; round < rounds(); round++) {
            clock.advance(Duration.ofDays(1));
            publish(c, coordinator, "News of week " + round);
            clock.advance(Duration.ofDays(6));
            digests.clear();
            List<Outcome<DigestReport>> runs = race(i -> kit(i).system().digests()
                    .sendDue(NotificationFrequency.WEEKLY));
            assertAllSucceeded(runs);
            List<MemberId> marked = runs.stream().flatMap(o -> o.value().marked().stream()).toList();
            assertThat(marked).as("members marked, over all runs").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(members);
            assertThat(members).allMatch(m -> digests.containsKey(m) && digests.get(m).get() == 1);
        }
    }

    @Test
    @DisplayName("digests the notifier refused stay pending and are delivered again exactly once by 16 runs at once on two nodes after the lease")
    void refusedDigestsAreDeliveredAgainOnce() {
        CommunityId c = communityWithAllMembers();
        for (MemberId m : members) {
            a.as(m).subscriptions().setPreference(NotificationFrequency.WEEKLY);
            a.as(m).subscriptions().follow(Ref.of(ObjectType.COMMUNITY, c));
        }
        for (int round = 0; round < rounds(); round++) {
            clock.advance(Duration.ofDays(1));
            publish(c, coordinator, "News of week " + round);
            clock.advance(Duration.ofDays(6));
            digests.clear();
            List<MemberId> refused = new ArrayList<>();
            for (int i = round % 2; i < members.size(); i += 2) {
                refused.add(members.get(i));
            }
            refuseOnce.addAll(refused);
            List<Outcome<DigestReport>> first = race(i -> kit(i).system().digests()
                    .sendDue(NotificationFrequency.WEEKLY));
            assertAllSucceeded(first);
            assertThat(refuseOnce).as("every refused member's digest was offered").isEmpty();
            assertThat(digests.keySet()).doesNotContainAnyElementsOf(refused);
            assertThat(digests.values()).allMatch(n -> n.get() == 1);

            clock.advance(org.copkit.digest.DigestService.DELIVERY_LEASE);
            List<Outcome<DigestReport>> again = race(i -> kit(i).system().digests()
                    .sendDue(NotificationFrequency.WEEKLY));
            assertAllSucceeded(again);
            assertThat(again.stream().flatMap(o -> o.value().delivered().stream()).map(Digest::member))
                    .as("delivered again, over all runs").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(refused);
            assertThat(members).allMatch(m -> digests.containsKey(m) && digests.get(m).get() == 1);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private CopKit kit(int thread) {
        return thread % 2 == 0 ? a : b;
    }

    private MemberId register(String id, OrganizationId organization, CompetencyId... competences) {
        MemberId m = MemberId.of(id);
        MemberProfile profile = MemberProfile.of("Member " + id, organization);
        if (competences.length > 0) {
            profile = profile.withCompetences(java.util.Arrays.stream(competences)
                    .map(x -> new Competence(x, Proficiency.PRACTITIONER)).toList());
        }
        a.system().members().register(m, profile);
        return m;
    }

    /** An OPEN community of the coordinator that every member has joined. */
    private CommunityId communityWithAllMembers() {
        CommunityId c = a.as(coordinator).communities().create(CommunityDraft.of(domain, "Community "
                + (communities++), "Heat pumps")).id();
        members.forEach(m -> a.as(m).communities().join(c));
        return c;
    }

    private KnowledgeItem publish(CommunityId c, MemberId owner, String title) {
        KnowledgeItem d = a.as(owner).knowledge().create(ItemDraft.of(c, ItemKind.ARTICLE, ItemContent.of(title,
                "Body of " + title, Locale.ENGLISH)).withAudience(Audience.community()));
        return a.as(owner).knowledge().publish(d.id(), d.version());
    }

    private List<MemberId> coordinators(CommunityId c) {
        return all(p -> a.system().communities().memberships(c, Set.of(MembershipState.ACTIVE), p)).stream()
                .filter(m -> m.role() == Role.COORDINATOR).map(Membership::member).toList();
    }

    /** Activities of a verb, on an object or (object null) all, straight from storage. */
    private List<Activity> activities(Verb verb, Ref object) {
        ActivityFilter filter = new ActivityFilter(Optional.empty(), Optional.empty(), Optional.ofNullable(object));
        return storage.read(tx -> all(p -> tx.activities().list(filter, p))).stream()
                .filter(x -> x.verb() == verb).toList();
    }

    private static <T> List<T> all(Function<PageRequest, Page<T>> listing) {
        List<T> out = new ArrayList<>();
        PageRequest p = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<T> page = listing.apply(p);
            out.addAll(page.items());
            if (page.next().isEmpty()) {
                return out;
            }
            p = p.after(page.next().get());
        }
    }

    /** What one thread's call returned or threw. */
    protected record Outcome<T>(T value, RuntimeException failure) {
        boolean succeeded() {
            return failure == null;
        }
    }

    /**
     * Runs {@value #THREADS} calls released together at a barrier, thread {@code i} running call {@code i};
     * returns their outcomes in thread order. Waits for all of them (a deadlock fails the test after
     * minutes, not a slow machine).
     */
    private <T> List<Outcome<T>> race(IntFunction<T> call) {
        CyclicBarrier barrier = new CyclicBarrier(THREADS);
        List<Future<Outcome<T>>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int thread = i;
            futures.add(pool.submit(() -> {
                barrier.await();
                try {
                    return new Outcome<>(call.apply(thread), null);
                } catch (RuntimeException e) {
                    return new Outcome<T>(null, e);
                }
            }));
        }
        List<Outcome<T>> outcomes = new ArrayList<>();
        for (Future<Outcome<T>> f : futures) {
            try {
                outcomes.add(f.get(5, TimeUnit.MINUTES));
            } catch (Exception e) {
                throw new AssertionError("a racing call did not finish", e);
            }
        }
        return outcomes;
    }

    /**
     * Every failure is a rule's answer of the expected type (a conflict, a refusal), never a storage
     * failure or a deadlock that escaped.
     */
    private static <T> void assertOnlyRuleFailures(List<Outcome<T>> outcomes, Class<? extends CopKitException> type) {
        for (Outcome<T> o : outcomes) {
            if (!o.succeeded() && (!type.isInstance(o.failure())
                    || ((CopKitException) o.failure()).code() == org.copkit.ErrorCode.STORAGE)) {
                throw new AssertionError("a concurrent call failed with " + o.failure() + ", expected a "
                        + type.getSimpleName(), o.failure());
            }
        }
    }

    private static <T> void assertAllSucceeded(List<Outcome<T>> outcomes) {
        for (Outcome<T> o : outcomes) {
            if (!o.succeeded()) {
                throw new AssertionError("a concurrent call failed: " + o.failure(), o.failure());
            }
        }
    }

    /** The storage of a kit whose close must not close it: the kit closes the storages itself. */
    private static final class Unclosed extends ForwardingStorage {
        Unclosed(Storage storage) {
            super(storage);
        }

        @Override
        public void close() {
        }
    }
}
