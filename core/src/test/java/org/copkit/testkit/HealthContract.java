package org.copkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.copkit.CopKit;
import org.copkit.access.Actor;
import org.copkit.access.Audience;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.MembershipState;
import org.copkit.community.Practice;
import org.copkit.community.PracticeId;
import org.copkit.community.Role;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationId;
import org.copkit.conversation.ConversationKind;
import org.copkit.conversation.ConversationStatus;
import org.copkit.conversation.Post;
import org.copkit.conversation.PostId;
import org.copkit.conversation.PostKind;
import org.copkit.health.HealthReport;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.knowledge.Provenance;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;
import org.copkit.participation.Level;
import org.copkit.participation.ParticipationLevel;
import org.copkit.session.Attendance;
import org.copkit.session.AttendanceMode;
import org.copkit.session.Capacity;
import org.copkit.session.Placement;
import org.copkit.session.Rsvp;
import org.copkit.session.RsvpResponse;
import org.copkit.session.Session;
import org.copkit.session.SessionFormat;
import org.copkit.session.SessionId;
import org.copkit.session.SessionKind;
import org.copkit.session.SessionStatus;
import org.copkit.spi.HealthFacts;
import org.copkit.spi.Storage;
import org.copkit.spi.Transaction;
import org.copkit.value.ValueCycle;
import org.copkit.value.ValueStory;
import org.copkit.value.ValueStoryContent;
import org.copkit.value.ValueStoryId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of {@link Transaction#healthFacts} that every {@link Storage} backend must pass: a health
 * report built from the backend's aggregates equals the report of {@link HealthOracle} (CoPKit's former
 * object-by-object implementation) on random communities, for several readers and periods. The data is
 * written straight through the storage SPI, so it holds states that services reach only through long
 * histories (answers merged from duplicates that predate their question, items in every status, cancelled
 * sessions with check-ins). A backend's test extends this class and implements {@link #newStorage()}.
 */
public abstract class HealthContract {
    private static final CommunityId HEAT = CommunityId.of("heat");
    private static final CommunityId OTHER = CommunityId.of("other");
    private static final List<String> ORGS = List.of("org-a", "org-b", "org-c");
    /** Every timestamp lies within this many seconds after {@link Fixtures#AT}. */
    private static final long WINDOW = 60L * 86_400;

    private Storage storage;
    private CopKit kit;
    private ManualClock clock;

    /** @return a fresh, empty storage; it is closed after the test */
    protected abstract Storage newStorage();

    @BeforeEach
    final void open() {
        storage = newStorage();
        clock = new ManualClock(Fixtures.AT);
        kit = CopKit.builder().storage(storage).search(new NoSearch()).clock(clock).build();
    }

    @AfterEach
    final void close() {
        kit.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    @DisplayName("a report from the storage's aggregates equals the object-by-object report, for every reader and period")
    void reportEqualsTheOracle(long seed) {
        Random random = new Random(seed);
        World w = new World(random);
        storage.write(tx -> {
            w.write(tx, HEAT);
            w.write(tx, OTHER);
            return null;
        });
        List<MemberId> readers = new ArrayList<>(w.readers(HEAT));
        readers.add(MemberId.SYSTEM);
        assertThat(readers).hasSizeGreaterThan(3);
        int compared = 0;
        int hidden = 0;
        int answered = 0;
        int held = 0;
        long[] nows = random.longs(4, 0, WINDOW + WINDOW / 4).sorted().toArray();
        for (int p = 0; p < 4; p++) {
            long a = random.nextLong(WINDOW);
            long b = random.nextLong(WINDOW);
            Instant from = Fixtures.at(Math.min(a, b));
            Instant to = Fixtures.at(Math.max(a, b) + 1 + (p == 0 ? WINDOW : 0));
            clock.advance(Duration.between(clock.instant(), Fixtures.at(nows[p])));
            Set<List<Integer>> seen = new java.util.HashSet<>();
            for (MemberId reader : readers) {
                HealthReport expected = storage.read(tx -> HealthOracle.report(tx, actor(tx, reader),
                        tx.communities().find(HEAT).orElseThrow(), from, to, clock.instant()));
                HealthReport actual = (reader.equals(MemberId.SYSTEM) ? kit.system() : kit.as(reader)).health()
                        .report(HEAT, from, to);
                assertThat(actual).as("seed %s, reader %s, period %s to %s, now %s", seed, reader, from, to,
                        clock.instant()).isEqualTo(expected);
                compared++;
                seen.add(List.of(expected.itemsStale(), expected.itemsPublished(), expected.questions().asked()));
                answered += expected.questions().answered();
                held += expected.sessions().size();
            }
            hidden += seen.size() > 1 ? 1 : 0;
        }
        assertThat(compared).isGreaterThan(12);
        assertThat(hidden).as("periods in which readers see different counts").isPositive();
        assertThat(answered).as("answered questions over all reports").isPositive();
        assertThat(held).as("held sessions over all reports").isPositive();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7})
    @DisplayName("the facts count exactly what the repositories' listings hold, per visibility group")
    void factsMatchTheListings(long seed) {
        World w = new World(new Random(seed));
        storage.write(tx -> {
            w.write(tx, HEAT);
            return null;
        });
        MemberId reader = w.readers(HEAT).get(0);
        Instant from = Fixtures.at(WINDOW / 4);
        Instant to = Fixtures.at(WINDOW * 3 / 4);
        Instant now = Fixtures.at(WINDOW / 2);
        HealthFacts facts = storage.read(tx -> tx.healthFacts(HEAT, reader, from, to, now));
        int stale = (int) w.items.stream().filter(i -> i.status() == ItemStatus.NEEDS_REVIEW
                || (i.status() == ItemStatus.PUBLISHED && i.reviewBy().filter(now::isAfter).isPresent())).count();
        assertThat(facts.items().stale().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(stale);
        int published = (int) w.items.stream().filter(i -> i.publishedAt()
                .filter(t -> !t.isBefore(from) && t.isBefore(to)).isPresent()).count();
        assertThat(facts.items().published().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(published);
        int active = (int) w.memberships.stream().filter(m -> m.state() == MembershipState.ACTIVE).count();
        assertThat(facts.members().byLevel().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(active);
        assertThat(facts.questions().asked()).extracting(HealthFacts.AskedQuestion::id).isSorted();
        assertThat(facts.sessions()).allSatisfy(s -> assertThat(s.start()).isBefore(now).isAfterOrEqualTo(from));
        assertThatThrownBy(() -> storage.read(tx -> tx.healthFacts(HEAT, reader, to, from, now)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("to must be after from");
        HealthFacts none = storage.read(tx -> tx.healthFacts(CommunityId.of("nowhere"), reader, from, to, now));
        assertThat(none.members().byLevel().values()).allMatch(n -> n == 0);
        assertThat(none.items().stale()).isEmpty();
        assertThat(none.sessions()).isEmpty();
    }

    private static Actor actor(Transaction tx, MemberId reader) {
        if (reader.equals(MemberId.SYSTEM)) {
            return Actor.systemActor();
        }
        Member m = tx.members().find(reader).orElseThrow();
        Set<PracticeId> stewarded = new LinkedHashSet<>();
        tx.practices().listStewardedBy(reader).forEach(p -> stewarded.add(p.id()));
        return Actor.of(reader, m.organization(), tx.memberships().listByMember(reader), stewarded);
    }

    /** Random members, memberships, levels, practices, questions, answers, items, sessions and stories. */
    private static final class World {
        private final Random random;
        private final List<MemberId> members = new ArrayList<>();
        private final Map<MemberId, String> orgOf = new java.util.HashMap<>();
        final List<Membership> memberships = new ArrayList<>();
        final List<KnowledgeItem> items = new ArrayList<>();
        private boolean shared;

        World(Random random) {
            this.random = random;
            for (int i = 0; i < 14; i++) {
                MemberId id = MemberId.of("m" + i);
                members.add(id);
                orgOf.put(id, ORGS.get(random.nextInt(ORGS.size())));
            }
        }

        private Instant time() {
            return Fixtures.at(random.nextLong(WINDOW));
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }

        private <T> T pick(T[] from) {
            return from[random.nextInt(from.length)];
        }

        private Audience audience() {
            return switch (random.nextInt(5)) {
                case 0 -> Audience.platform();
                case 1 -> Audience.organization(OrganizationId.of(pick(ORGS)));
                case 2 -> Audience.partners(OrganizationId.of("org-b"), OrganizationId.of("org-c"));
                default -> Audience.community();
            };
        }

        private Optional<PracticeId> practice(CommunityId c) {
            return random.nextInt(3) == 0 ? Optional.empty() : Optional.of(PracticeId.of(c.value() + "-p"
                    + random.nextInt(2)));
        }

        /**
         * Active members of the community who may read its health report: the first six and every
         * coordinator (of any organisation).
         */
        List<MemberId> readers(CommunityId c) {
            Set<MemberId> readers = new LinkedHashSet<>();
            memberships.stream().filter(m -> m.community().equals(c) && m.state() == MembershipState.ACTIVE)
                    .map(Membership::member).limit(6).forEach(readers::add);
            memberships.stream().filter(m -> m.community().equals(c) && m.state() == MembershipState.ACTIVE
                    && m.role() == Role.COORDINATOR).map(Membership::member).forEach(readers::add);
            return List.copyOf(readers);
        }

        void write(Transaction tx, CommunityId c) {
            if (!shared) {
                shared = true;
                ORGS.forEach(o -> tx.organizations().insert(Fixtures.organization(o)));
                members.forEach(m -> tx.members().insert(Fixtures.member(m.value(), orgOf.get(m))));
            }
            tx.communities().insert(Fixtures.community(c.value(), "dom", "m0", "org-a", "org-b", "org-c"));
            List<Practice> practices = List.of(Fixtures.practice(c.value() + "-p0", c.value(), pick(members).value()),
                    Fixtures.practice(c.value() + "-p1", c.value(), pick(members).value(), pick(members).value()));
            practices.forEach(tx.practices()::insert);
            MembershipState[] states = MembershipState.values();
            for (MemberId m : members) {
                MembershipState state = random.nextInt(4) == 0 ? pick(states) : MembershipState.ACTIVE;
                Optional<Instant> joined = random.nextInt(5) == 0 ? Optional.empty() : Optional.of(time());
                Membership ms = new Membership(c, m, pick(Role.values()), state, Fixtures.AT, joined,
                        Optional.empty(), 1);
                tx.memberships().insert(ms);
                if (c.equals(HEAT)) {
                    memberships.add(ms);
                }
                if (random.nextInt(3) > 0) {
                    tx.participationLevels().insert(new ParticipationLevel(c, m, pick(Level.values()), Fixtures.AT,
                            1));
                }
            }
            questions(tx, c);
            for (int i = 0; i < 60; i++) {
                ItemStatus status = pick(ItemStatus.values());
                KnowledgeItem item = new KnowledgeItem(KnowledgeItemId.of(c.value() + "-i" + i), c, practice(c),
                        ItemKind.ARTICLE, Fixtures.content("Item " + i), audience(), status, pick(members), 1,
                        List.of(), random.nextInt(4) == 0 ? Optional.empty() : Optional.of(time()),
                        random.nextInt(4) == 0 ? Optional.empty() : Optional.of(time()), Optional.empty(),
                        Provenance.authored(), Fixtures.AT, Fixtures.AT, 1);
                tx.items().insert(item);
                if (c.equals(HEAT)) {
                    items.add(item);
                }
            }
            sessions(tx, c);
            for (int i = 0; i < 20; i++) {
                tx.valueStories().insert(new ValueStory(ValueStoryId.of(c.value() + "-v" + i), c, pick(members),
                        new ValueStoryContent(pick(ValueCycle.values()), "Story " + i, "It helped.", Locale.ENGLISH,
                                List.of()), audience(), time(), Fixtures.AT, 1));
            }
        }

        private void questions(Transaction tx, CommunityId c) {
            int n = 30;
            int post = 0;
            for (int i = 0; i < n; i++) {
                ConversationId id = ConversationId.of(c.value() + "-q" + i);
                boolean discussion = random.nextInt(8) == 0;
                List<Post> posts = new ArrayList<>();
                int answers = random.nextInt(4);
                for (int a = 0; a < answers; a++) {
                    // some answers predate their question: merged from a duplicate asked earlier
                    posts.add(new Post(PostId.of(c.value() + "-a" + post++), id,
                            random.nextInt(4) == 0 ? PostKind.REPLY : PostKind.ANSWER, Optional.empty(),
                            pick(members), "Answer", 1, 0, time(), Fixtures.AT, 1));
                }
                ConversationStatus status;
                if (discussion) {
                    status = random.nextBoolean() ? ConversationStatus.OPEN : ConversationStatus.CLOSED;
                } else {
                    int s = random.nextInt(4);
                    status = s == 0 ? ConversationStatus.CLOSED_DUPLICATE
                            : s == 1 && !posts.isEmpty() ? ConversationStatus.ANSWERED : ConversationStatus.OPEN;
                }
                tx.conversations().insert(new Conversation(id, c, practice(c),
                        discussion ? ConversationKind.DISCUSSION : ConversationKind.QUESTION,
                        Fixtures.content("Question " + i), audience(), pick(members), status, 1,
                        status == ConversationStatus.ANSWERED ? Optional.of(posts.get(0).id()) : Optional.empty(),
                        status == ConversationStatus.CLOSED_DUPLICATE
                                ? Optional.of(ConversationId.of(c.value() + "-q" + ((i + 1) % n))) : Optional.empty(),
                        Optional.empty(), 0, time(), Fixtures.AT, 1));
                posts.forEach(tx.posts()::insert);
            }
        }

        private void sessions(Transaction tx, CommunityId c) {
            for (int i = 0; i < 12; i++) {
                SessionId id = SessionId.of(c.value() + "-s" + i);
                Instant start = time();
                Set<MemberId> hosts = new LinkedHashSet<>(List.of(pick(members)));
                if (random.nextBoolean()) {
                    hosts.add(pick(members));
                }
                tx.sessions().insert(new Session(id, c, practice(c), SessionKind.WORKSHOP, SessionFormat.HYBRID,
                        "Session " + i, "", start, start.plus(Duration.ofHours(1)), ZoneId.of("Europe/Amsterdam"),
                        Optional.of("Room"), Optional.of(URI.create("https://meet.example/" + i)),
                        new Capacity(OptionalInt.of(5), OptionalInt.empty()), hosts, audience(),
                        random.nextInt(4) == 0 ? SessionStatus.CANCELLED : SessionStatus.SCHEDULED, 0,
                        Optional.empty(), "", Set.of(), Set.of(), Fixtures.AT, Fixtures.AT, 1));
                long arrival = 0;
                for (MemberId m : members) {
                    int r = random.nextInt(5);
                    if (r == 0) {
                        continue;
                    }
                    RsvpResponse response = r <= 2 ? RsvpResponse.GOING : pick(RsvpResponse.values());
                    Optional<Placement> placement = response == RsvpResponse.GOING
                            ? Optional.of(random.nextInt(3) == 0 ? Placement.WAITLISTED : Placement.CONFIRMED)
                            : Optional.empty();
                    tx.rsvps().insert(new Rsvp(id, m, response, AttendanceMode.IN_PERSON, placement, Fixtures.AT,
                            ++arrival, 1));
                    if (random.nextInt(3) == 0) {
                        tx.attendances().insert(new Attendance(id, m, start, pick(members), 1));
                    }
                }
            }
        }
    }
}
