package org.copkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.copkit.testkit.Fixtures.AT;
import static org.copkit.testkit.Fixtures.activity;
import static org.copkit.testkit.Fixtures.at;
import static org.copkit.testkit.Fixtures.community;
import static org.copkit.testkit.Fixtures.competency;
import static org.copkit.testkit.Fixtures.competencyWithParent;
import static org.copkit.testkit.Fixtures.domain;
import static org.copkit.testkit.Fixtures.invitedMembership;
import static org.copkit.testkit.Fixtures.item;
import static org.copkit.testkit.Fixtures.itemRef;
import static org.copkit.testkit.Fixtures.member;
import static org.copkit.testkit.Fixtures.memberWithFullProfile;
import static org.copkit.testkit.Fixtures.membership;
import static org.copkit.testkit.Fixtures.organization;
import static org.copkit.testkit.Fixtures.practice;
import static org.copkit.testkit.Fixtures.revision;
import static org.copkit.testkit.Fixtures.touched;

import java.text.Normalizer;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.copkit.ConflictException;
import org.copkit.InvalidInputException;
import org.copkit.NotFoundException;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.access.Audience;
import org.copkit.access.Visibility;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.MembershipState;
import org.copkit.community.Practice;
import org.copkit.community.PracticeId;
import org.copkit.domain.Competency;
import org.copkit.domain.CompetencyId;
import org.copkit.domain.Domain;
import org.copkit.domain.DomainId;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.knowledge.Revision;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.Organization;
import org.copkit.member.OrganizationId;
import org.copkit.spi.ActivityFilter;
import org.copkit.spi.Change;
import org.copkit.spi.MembershipKey;
import org.copkit.spi.Repository;
import org.copkit.spi.Storage;
import org.copkit.spi.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link Storage} backend must pass. A backend's test extends this class and
 * implements {@link #newStorage()}; nothing else is needed:
 *
 * <pre>{@code
 * class H2StorageTest extends StorageContract {
 *     @Override
 *     protected Storage newStorage() {
 *         return JdbcStorage.create("jdbc:h2:mem:" + UUID.randomUUID());
 *     }
 * }
 * }</pre>
 *
 * <p>What the contract requires beyond the SPI's javadoc, and what it deliberately leaves open:
 * <ul>
 *   <li><b>Instants</b> keep at least <em>microsecond</em> precision, because that is what SQL
 *       databases store. Digits below the microsecond may be dropped (truncated or rounded); the
 *       tests therefore compare instants truncated to microseconds and use sub-microsecond parts
 *       below 500 ns, for which truncation and rounding agree. Instants that are already
 *       microsecond-precise (every {@link Fixtures} instant) must round-trip exactly, from 1900 to
 *       2199, before and after the epoch.</li>
 *   <li><b>Text</b> round-trips exactly, code unit for code unit: quotes, SQL metacharacters,
 *       characters outside the Basic Multilingual Plane, right-to-left scripts, NFC-normalised
 *       text (the backend must not re-normalise) and bodies of about one megabyte.</li>
 *   <li><b>Collections</b>: lists keep their order (member languages, competences, approvals);
 *       sets and maps are compared by content only.</li>
 *   <li><b>Ordering by id</b> is asserted only for ids of one pattern (a lower-case ASCII prefix, a
 *       hyphen and equally wide digits or letters), on which every collation agrees. For other ids the backend may use any total order,
 *       as long as paging by cursor is consistent with it: every row exactly once.</li>
 *   <li><b>Numeric cursors</b> (revision numbers, activity sequences) compare as numbers, not as text;
 *       a malformed one is rejected with {@link InvalidInputException}, like any other bad page request.</li>
 *   <li><b>Activities</b> may be by {@link MemberId#SYSTEM}, which is no registered member, and may
 *       reference objects that do not exist (yet); backends must not enforce foreign keys on them.</li>
 *   <li><b>Isolation</b>: no transaction sees another's uncommitted writes; a backend may either let
 *       readers proceed on the last committed state or block them until the writer ends.</li>
 *   <li><b>Failures</b> leave the transaction's work behind completely: every test provokes
 *       conflicts so that the exception escapes {@link Storage#write}, which must roll back; a backend
 *       need not keep a transaction usable after one of its statements failed.</li>
 *   <li><b>Inserting with a version other than 1</b> and <b>writing in a read transaction</b> must be
 *       rejected; which exception is thrown is not specified.</li>
 *   <li><b>Referential order</b>: the tests insert referenced rows (organisations, members,
 *       competencies, communities, practices, successor items) before the rows naming them, so
 *       backends may enforce foreign keys.</li>
 * </ul>
 *
 * <p>Each test gets a fresh, empty storage from {@link #newStorage()} and closes it afterwards.
 */
public abstract class StorageContract {
    /** Organisation ids of the {@linkplain #givenWorld() world}. */
    protected static final String ORG_A = "org-a", ORG_B = "org-b", ORG_C = "org-c";
    /** Member ids of the world: ann (full profile, org-a), bob (org-a), cat (org-b). */
    protected static final String ANN = "ann", BOB = "bob", CAT = "cat";
    /** The world's domain. */
    protected static final String DOM = "dom-1";
    /** The world's competencies; comp-2 is a child of comp-1. */
    protected static final String COMP_1 = "comp-1", COMP_2 = "comp-2", COMP_3 = "comp-3";
    /** The world's communities: com-1 spans org-a and org-b, com-2 is open to every organisation. */
    protected static final String COM_1 = "com-1", COM_2 = "com-2";
    /** The world's practice in com-1, stewarded by ann. */
    protected static final String PRA_1 = "pra-1";

    private Storage storage;

    /** @return a fresh, empty storage; it is closed after the test */
    protected abstract Storage newStorage();

    /** Opens the storage under test. */
    @BeforeEach
    protected final void openStorage() {
        storage = newStorage();
        assertThat(storage).as("newStorage()").isNotNull();
    }

    /** Closes the storage under test. */
    @AfterEach
    protected final void closeStorage() {
        if (storage != null) {
            storage.close();
        }
    }

    /** @return the storage under test */
    protected final Storage storage() {
        return storage;
    }

    /** Runs {@code work} in one committed write transaction. */
    protected final void given(Consumer<Transaction> work) {
        storage.write(tx -> {
            work.accept(tx);
            return null;
        });
    }

    /** Runs {@code work} in a read transaction. */
    protected final <T> T read(Function<Transaction, T> work) {
        return storage.read(work);
    }

    /**
     * Inserts a small consistent world in referential order: organisations org-a, org-b, org-c;
     * members bob, cat and ann; domain dom-1 with competencies comp-1, comp-2 (child of comp-1),
     * comp-3; communities com-1 and com-2; practice pra-1 in com-1.
     */
    protected final void givenWorld() {
        given(tx -> {
            tx.organizations().insert(organization(ORG_A));
            tx.organizations().insert(organization(ORG_B));
            tx.organizations().insert(organization(ORG_C));
            tx.members().insert(member(BOB, ORG_A));
            tx.members().insert(member(CAT, ORG_B));
            tx.domains().insert(domain(DOM, BOB));
            tx.competencies().insert(competency(COMP_1, DOM));
            tx.competencies().insert(competencyWithParent(COMP_2, DOM, COMP_1));
            tx.competencies().insert(competency(COMP_3, DOM));
            tx.members().insert(memberWithFullProfile(ANN, ORG_A, COMP_1, COMP_2, COMP_3));
            tx.communities().insert(community(COM_1, DOM, ANN, ORG_A, ORG_B));
            tx.communities().insert(community(COM_2, DOM, BOB));
            tx.practices().insert(practice(PRA_1, COM_1, ANN));
        });
    }

    /**
     * Reads every page of a listing and checks the paging invariants on the way: no page is larger
     * than the limit, a page with a next cursor is full, the last page has no next cursor.
     */
    protected static <T> List<T> readAllPages(Function<PageRequest, Page<T>> listing, int limit) {
        List<T> all = new ArrayList<>();
        PageRequest request = PageRequest.first(limit);
        for (int pages = 0; pages < 10_000; pages++) {
            Page<T> page = listing.apply(request);
            assertThat(page.items()).as("page %s", pages + 1).hasSizeLessThanOrEqualTo(limit);
            all.addAll(page.items());
            if (page.next().isEmpty()) {
                return all;
            }
            assertThat(page.items()).as("page %s has a next cursor, so it is full", pages + 1).hasSize(limit);
            request = request.after(page.next().get());
        }
        throw new AssertionError("paging did not end after 10,000 pages");
    }

    /** One aggregate kind, for the behaviours every repository shares. */
    protected record Aggregate<K, T>(String kind, Ref ref, K key, T entity,
            Function<Transaction, Repository<K, T>> repository, UnaryOperator<T> touched) {
        @Override
        public String toString() {
            return kind;
        }
    }

    /** @return one not yet stored aggregate of every kind, in an order that respects references to the world */
    protected static List<Aggregate<?, ?>> freshAggregates() {
        Organization org = organization("org-new");
        Member member = member("dan", ORG_B);
        Domain domain = domain("dom-new", BOB);
        Competency competency = competencyWithParent("comp-new", DOM, COMP_1);
        Community community = community("com-new", DOM, ANN, ORG_C);
        Membership membership = membership(COM_2, CAT, MembershipState.PENDING);
        Practice practice = practice("pra-new", COM_1, ANN, BOB);
        KnowledgeItem item = item("item-new", COM_1, ANN);
        return List.of(
                new Aggregate<OrganizationId, Organization>("organization",
                        new Ref(ObjectType.ORGANIZATION, "org-new"), org.id(), org, Transaction::organizations,
                        Fixtures::touched),
                new Aggregate<MemberId, Member>("member", new Ref(ObjectType.MEMBER, "dan"), member.id(), member,
                        Transaction::members, Fixtures::touched),
                new Aggregate<DomainId, Domain>("domain", new Ref(ObjectType.DOMAIN, "dom-new"), domain.id(), domain,
                        Transaction::domains, Fixtures::touched),
                new Aggregate<CompetencyId, Competency>("competency", new Ref(ObjectType.COMPETENCY, "comp-new"),
                        competency.id(), competency, Transaction::competencies, Fixtures::touched),
                new Aggregate<CommunityId, Community>("community", new Ref(ObjectType.COMMUNITY, "com-new"),
                        community.id(), community, Transaction::communities, Fixtures::touched),
                new Aggregate<MembershipKey, Membership>("membership", new Ref(ObjectType.MEMBERSHIP, "com-2/cat"),
                        new MembershipKey(CommunityId.of(COM_2), MemberId.of(CAT)), membership,
                        Transaction::memberships, Fixtures::touched),
                new Aggregate<PracticeId, Practice>("practice", new Ref(ObjectType.PRACTICE, "pra-new"),
                        practice.id(), practice, Transaction::practices, Fixtures::touched),
                new Aggregate<KnowledgeItemId, KnowledgeItem>("knowledge item",
                        new Ref(ObjectType.KNOWLEDGE_ITEM, "item-new"), item.id(), item, Transaction::items,
                        Fixtures::touched));
    }

    private <K, T> T insert(Aggregate<K, T> a) {
        return storage.write(tx -> a.repository().apply(tx).insert(a.entity()));
    }

    private <K, T> T update(Aggregate<K, T> a, T entity) {
        return storage.write(tx -> a.repository().apply(tx).update(entity));
    }

    private <K, T> Optional<T> find(Aggregate<K, T> a) {
        return storage.read(tx -> a.repository().apply(tx).find(a.key()));
    }

    private List<Change> changesAfter(long sequence) {
        return storage.changes().after(sequence, PageRequest.MAX_LIMIT);
    }

    private List<Change> allChanges() {
        List<Change> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<Change> batch = storage.changes().after(after, 100);
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
            after = batch.get(batch.size() - 1).sequence();
        }
    }

    private static Organization org(String id, String name, String description, Instant at) {
        return new Organization(OrganizationId.of(id), name, description, at, 1);
    }

    // ------------------------------------------------------------------------------------------------
    // round trips, one aggregate kind after the other

    @Test
    @DisplayName("every aggregate kind is found after insert, and found in its new state after an update")
    public void everyAggregateRoundTrips() {
        givenWorld();
        for (Aggregate<?, ?> a : freshAggregates()) {
            roundTrip(a);
        }
    }

    private <K, T> void roundTrip(Aggregate<K, T> a) {
        assertThat(find(a)).as("%s before insert", a).isEmpty();
        assertThat(insert(a)).as("%s returned by insert", a).isEqualTo(a.entity());
        assertThat(find(a)).as("%s after insert", a).contains(a.entity());
        T changed = a.touched().apply(a.entity());
        assertThat(update(a, changed)).as("%s returned by update", a).isEqualTo(changed);
        assertThat(find(a)).as("%s after update", a).contains(changed);
    }

    @Test
    @DisplayName("findAll returns for each key what find returns, leaves out unknown keys and takes duplicates")
    void findAll_equalsFindPerKey() {
        givenWorld();
        java.util.List<org.copkit.member.MemberId> keys = java.util.List.of(org.copkit.member.MemberId.of(CAT),
                org.copkit.member.MemberId.of("nobody"), org.copkit.member.MemberId.of(ANN),
                org.copkit.member.MemberId.of(CAT));
        java.util.Map<org.copkit.member.MemberId, org.copkit.member.Member> found = read(tx -> tx.members().findAll(keys));
        assertThat(found.keySet()).containsExactly(org.copkit.member.MemberId.of(CAT), org.copkit.member.MemberId.of(ANN));
        found.forEach((k, v) -> assertThat(v).isEqualTo(read(tx -> tx.members().find(k)).orElseThrow()));
        java.util.List<org.copkit.community.CommunityId> many = new java.util.ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            many.add(org.copkit.community.CommunityId.of("c" + i));
        }
        many.add(org.copkit.community.CommunityId.of(COM_2));
        java.util.Map<org.copkit.community.CommunityId, org.copkit.community.Community> some =
                read(tx -> tx.communities().findAll(many));
        assertThat(some.keySet()).containsExactly(org.copkit.community.CommunityId.of(COM_2));
        java.util.Map<org.copkit.member.MemberId, org.copkit.member.Member> none =
                read(tx -> tx.members().findAll(java.util.List.of()));
        assertThat(none).isEmpty();
    }

    @Test
    @DisplayName("lock takes aggregates of every lockable type, also ones that do not exist, and rejects other types and read-only transactions")
    void lock_acceptsEveryAggregate_rejectsOtherTypesAndReads() {
        givenWorld();
        java.util.List<org.copkit.Ref> everything = Transaction.LOCKABLE.stream()
                .map(t -> new org.copkit.Ref(t, "no-such-" + t.name().toLowerCase(java.util.Locale.ROOT))).toList();
        java.util.List<org.copkit.Ref> world = java.util.List.of(new org.copkit.Ref(org.copkit.ObjectType.COMMUNITY, COM_2),
                new org.copkit.Ref(org.copkit.ObjectType.MEMBER, BOB), new org.copkit.Ref(org.copkit.ObjectType.COMMUNITY, COM_1),
                new org.copkit.Ref(org.copkit.ObjectType.MEMBER, BOB));
        Long changes = storage.write(tx -> {
            tx.lock(everything);
            tx.lock(world);
            tx.lock(world.get(0));
            return storage.changes().head();
        });
        assertThat(storage.changes().head()).as("locking writes nothing").isEqualTo(changes);

        org.copkit.Ref tag = new org.copkit.Ref(org.copkit.ObjectType.TAG, "heat");
        assertThatThrownBy(() -> given(tx -> tx.lock(tag))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TAG");
        assertThatThrownBy(() -> read(tx -> {
            tx.lock(world.get(0));
            return null;
        })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> given(tx -> tx.lock(java.util.Arrays.asList(world.get(0), null))))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("an unknown key is not found in any repository")
    public void unknownKeysAreNotFound() {
        givenWorld();
        read(tx -> {
            assertThat(tx.organizations().find(OrganizationId.of("nope"))).isEmpty();
            assertThat(tx.members().find(MemberId.of("nope"))).isEmpty();
            assertThat(tx.domains().find(DomainId.of("nope"))).isEmpty();
            assertThat(tx.competencies().find(CompetencyId.of("nope"))).isEmpty();
            assertThat(tx.communities().find(CommunityId.of("nope"))).isEmpty();
            assertThat(tx.memberships().find(new MembershipKey(CommunityId.of(COM_1), MemberId.of(CAT)))).isEmpty();
            assertThat(tx.practices().find(PracticeId.of("nope"))).isEmpty();
            assertThat(tx.items().find(KnowledgeItemId.of("nope"))).isEmpty();
            assertThat(tx.revisions().find(KnowledgeItemId.of("nope"), 1)).isEmpty();
            return null;
        });
    }

    @Test
    @DisplayName("an organisation round-trips with its name, multi-line description and registration instant")
    public void organizationRoundTrips() {
        Organization o = org("gemeente-arnhem", "Gemeente Arnhem", "Line one\n\tindented\n\nlast", AT);
        given(tx -> tx.organizations().insert(o));
        assertThat(read((Transaction tx) -> tx.organizations().find(o.id()))).contains(o);
        Organization emptyDescription = org("empty", "Empty", "", AT);
        given(tx -> tx.organizations().insert(emptyDescription));
        assertThat(read((Transaction tx) -> tx.organizations().find(emptyDescription.id())).orElseThrow().description()).isEmpty();
    }

    @Test
    @DisplayName("a member round-trips with a full profile: location, time zone, ordered languages, competences and ambitions")
    public void memberWithFullProfileRoundTrips() {
        givenWorld();
        Member ann = read(tx -> tx.members().find(MemberId.of(ANN))).orElseThrow();
        Member expected = memberWithFullProfile(ANN, ORG_A, COMP_1, COMP_2, COMP_3);
        assertThat(ann).isEqualTo(expected);
        MemberProfile p = ann.profile();
        assertThat(p.location()).contains("Arnhem, kantoor Rijnstraat");
        assertThat(p.timeZone().getId()).isEqualTo("Europe/Amsterdam");
        assertThat(p.languages()).extracting(Locale::toLanguageTag).containsExactly("nl", "en-GB", "sr-Latn-RS");
        assertThat(p.competences()).isEqualTo(expected.profile().competences());
        assertThat(p.ambitions()).containsExactly(CompetencyId.of(COMP_3));
        assertThat(p.findableAsExpert()).isTrue();
    }

    @Test
    @DisplayName("a member's profile can be replaced, also by one without location, competences or ambitions")
    public void memberProfileUpdateRoundTrips() {
        givenWorld();
        Member ann = read(tx -> tx.members().find(MemberId.of(ANN))).orElseThrow();
        Member plain = new Member(ann.id(), MemberProfile.of("Ann", OrganizationId.of(ORG_B))
                .withLanguages(Locale.forLanguageTag("de"), Locale.forLanguageTag("nl")), ann.registeredAt(), 2);
        given(tx -> tx.members().update(plain));
        Member stored = read(tx -> tx.members().find(ann.id())).orElseThrow();
        assertThat(stored).isEqualTo(plain);
        assertThat(stored.profile().location()).isEmpty();
        assertThat(stored.profile().competences()).isEmpty();
        assertThat(stored.profile().ambitions()).isEmpty();
        assertThat(stored.profile().languages()).extracting(Locale::toLanguageTag).containsExactly("de", "nl");
        assertThat(read((Transaction tx) -> tx.members().listByOrganization(OrganizationId.of(ORG_B), PageRequest.first()).items()))
                .extracting(m -> m.id().value()).containsExactly(ANN, CAT);
    }

    @Test
    @DisplayName("a domain round-trips with its creator and creation instant")
    public void domainRoundTrips() {
        givenWorld();
        assertThat(read((Transaction tx) -> tx.domains().find(DomainId.of(DOM)))).contains(domain(DOM, BOB));
    }

    @Test
    @DisplayName("a competency round-trips with labels in several languages and scripts, its parent and its external URI")
    public void competencyRoundTrips() {
        givenWorld();
        Competency expected = competencyWithParent(COMP_2, DOM, COMP_1);
        Competency stored = read(tx -> tx.competencies().find(CompetencyId.of(COMP_2))).orElseThrow();
        assertThat(stored).isEqualTo(expected);
        assertThat(stored.labels()).hasSize(5).containsAllEntriesOf(expected.labels());
        assertThat(stored.parent()).contains(CompetencyId.of(COMP_1));
        assertThat(stored.externalUri().orElseThrow().toString())
                .isEqualTo("http://data.europa.eu/esco/skill/comp-2?lang=nl#x");
        Competency root = read(tx -> tx.competencies().find(CompetencyId.of(COMP_1))).orElseThrow();
        assertThat(root.parent()).isEmpty();
        assertThat(root.externalUri()).isEmpty();
    }

    @Test
    @DisplayName("competencies are listed per domain, ordered by id")
    public void competenciesAreListedPerDomain() {
        givenWorld();
        given(tx -> {
            tx.domains().insert(domain("dom-2", BOB));
            tx.competencies().insert(competency("comp-0", "dom-2"));
            for (String id : List.of("comp-9", "comp-5", "comp-7")) {
                tx.competencies().insert(competency(id, DOM));
            }
        });
        List<Competency> all = read(tx -> readAllPages(p -> tx.competencies().listByDomain(DomainId.of(DOM), p), 2));
        assertThat(all).extracting(c -> c.id().value())
                .containsExactly(COMP_1, COMP_2, COMP_3, "comp-5", "comp-7", "comp-9");
        assertThat(read((Transaction tx) -> tx.competencies().listByDomain(DomainId.of("dom-2"), PageRequest.first()).items()))
                .extracting(c -> c.id().value()).containsExactly("comp-0");
    }

    @Test
    @DisplayName("a community round-trips with the set of organisations it spans, or none")
    public void communityRoundTrips() {
        givenWorld();
        Community one = read(tx -> tx.communities().find(CommunityId.of(COM_1))).orElseThrow();
        assertThat(one).isEqualTo(community(COM_1, DOM, ANN, ORG_A, ORG_B));
        assertThat(one.organizations()).containsExactlyInAnyOrder(OrganizationId.of(ORG_A), OrganizationId.of(ORG_B));
        Community two = read(tx -> tx.communities().find(CommunityId.of(COM_2))).orElseThrow();
        assertThat(two.organizations()).isEmpty();
        Community narrowed = new Community(one.id(), one.domain(), one.name(), one.purpose(), one.policy(),
                Set.of(OrganizationId.of(ORG_C)), one.defaultAudience(), one.stage(), one.createdBy(), one.createdAt(), 2);
        given(tx -> tx.communities().update(narrowed));
        assertThat(read((Transaction tx) -> tx.communities().find(one.id()))).contains(narrowed);
    }

    @Test
    @DisplayName("a membership is found by community and member, with its optional join instant and inviter")
    public void membershipRoundTrips() {
        givenWorld();
        Membership invited = invitedMembership(COM_1, CAT, ANN);
        Membership pending = membership(COM_1, BOB, MembershipState.PENDING);
        given(tx -> {
            tx.memberships().insert(invited);
            tx.memberships().insert(pending);
        });
        assertThat(read((Transaction tx) -> tx.memberships().find(new MembershipKey(CommunityId.of(COM_1), MemberId.of(CAT)))))
                .contains(invited);
        Membership storedPending = read(
                tx -> tx.memberships().find(new MembershipKey(CommunityId.of(COM_1), MemberId.of(BOB)))).orElseThrow();
        assertThat(storedPending).isEqualTo(pending);
        assertThat(storedPending.joinedAt()).isEmpty();
        assertThat(storedPending.invitedBy()).isEmpty();
        assertThat(read((Transaction tx) -> tx.memberships().find(new MembershipKey(CommunityId.of(COM_2), MemberId.of(BOB)))))
                .as("same member, other community").isEmpty();
    }

    @Test
    @DisplayName("memberships of a community are listed by member id, filtered by state, and empty states mean all")
    public void membershipsAreListedByCommunityWithStateFilter() {
        givenWorld();
        given(tx -> {
            tx.members().insert(member("dan", ORG_A));
            tx.members().insert(member("eve", ORG_B));
            tx.memberships().insert(membership(COM_1, "eve", MembershipState.ACTIVE));
            tx.memberships().insert(membership(COM_1, CAT, MembershipState.INVITED));
            tx.memberships().insert(membership(COM_1, ANN, MembershipState.ACTIVE));
            tx.memberships().insert(membership(COM_1, "dan", MembershipState.LEFT));
            tx.memberships().insert(membership(COM_1, BOB, MembershipState.PENDING));
            tx.memberships().insert(membership(COM_2, ANN, MembershipState.ACTIVE));
        });
        CommunityId com1 = CommunityId.of(COM_1);
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.memberships().listByCommunity(com1, Set.of(), p), 2)))
                .extracting(m -> m.member().value()).containsExactly(ANN, BOB, CAT, "dan", "eve");
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.memberships().listByCommunity(com1,
                Set.of(MembershipState.ACTIVE, MembershipState.PENDING), p), 1)))
                .extracting(m -> m.member().value()).containsExactly(ANN, BOB, "eve");
        assertThat(read((Transaction tx) -> tx.memberships().listByCommunity(com1, Set.of(MembershipState.LEFT), PageRequest.first())
                .items())).extracting(m -> m.member().value()).containsExactly("dan");
        assertThat(read((Transaction tx) -> tx.memberships().listByCommunity(CommunityId.of(COM_2),
                Set.of(MembershipState.INVITED), PageRequest.first()))).satisfies(p -> {
                    assertThat(p.items()).isEmpty();
                    assertThat(p.next()).isEmpty();
                });
    }

    @Test
    @DisplayName("memberships of a member are listed in every state, ordered by community id")
    public void membershipsAreListedByMember() {
        givenWorld();
        given(tx -> {
            tx.communities().insert(community("com-0", DOM, ANN));
            tx.memberships().insert(membership(COM_2, BOB, MembershipState.LEFT));
            tx.memberships().insert(membership(COM_1, BOB, MembershipState.PENDING));
            tx.memberships().insert(membership("com-0", BOB, MembershipState.ACTIVE));
            tx.memberships().insert(membership(COM_1, ANN, MembershipState.ACTIVE));
        });
        assertThat(read((Transaction tx) -> tx.memberships().listByMember(MemberId.of(BOB))))
                .extracting(m -> m.community().value(), Membership::state)
                .containsExactly(tuple("com-0", MembershipState.ACTIVE), tuple(COM_1, MembershipState.PENDING),
                        tuple(COM_2, MembershipState.LEFT));
        assertThat(read((Transaction tx) -> tx.memberships().listByMember(MemberId.of(CAT)))).isEmpty();
    }

    @Test
    @DisplayName("a practice round-trips with its stewards and with or without a review interval")
    public void practiceRoundTrips() {
        givenWorld();
        Practice stored = read(tx -> tx.practices().find(PracticeId.of(PRA_1))).orElseThrow();
        assertThat(stored).isEqualTo(practice(PRA_1, COM_1, ANN));
        assertThat(stored.reviewInterval()).contains(Period.ofMonths(6));
        Practice odd = new Practice(PracticeId.of("pra-odd"), CommunityId.of(COM_1), "Odd", "", Set.of(ANN, BOB, CAT)
                .stream().map(MemberId::of).collect(java.util.stream.Collectors.toSet()),
                Optional.of(Period.of(1, 2, 3)), 10, AT, 1);
        Practice none = new Practice(PracticeId.of("pra-none"), CommunityId.of(COM_1), "None", "", Set.of(),
                Optional.empty(), 0, AT, 1);
        given(tx -> {
            tx.practices().insert(odd);
            tx.practices().insert(none);
        });
        assertThat(read((Transaction tx) -> tx.practices().find(odd.id()))).contains(odd);
        assertThat(read((Transaction tx) -> tx.practices().find(odd.id())).orElseThrow().reviewInterval())
                .contains(Period.of(1, 2, 3));
        assertThat(read((Transaction tx) -> tx.practices().find(none.id()))).contains(none);
    }

    @Test
    @DisplayName("practices are listed per community and per steward, ordered by id")
    public void practicesAreListedByCommunityAndSteward() {
        givenWorld();
        given(tx -> {
            tx.practices().insert(practice("pra-3", COM_2, BOB));
            tx.practices().insert(practice("pra-2", COM_1, ANN, BOB));
            tx.practices().insert(practice("pra-0", COM_1));
        });
        assertThat(read((Transaction tx) -> tx.practices().listByCommunity(CommunityId.of(COM_1))))
                .extracting(p -> p.id().value()).containsExactly("pra-0", PRA_1, "pra-2");
        assertThat(read((Transaction tx) -> tx.practices().listStewardedBy(MemberId.of(BOB))))
                .extracting(p -> p.id().value()).containsExactly("pra-2", "pra-3");
        assertThat(read((Transaction tx) -> tx.practices().listStewardedBy(MemberId.of(ANN))))
                .extracting(p -> p.id().value()).containsExactly(PRA_1, "pra-2");
        assertThat(read((Transaction tx) -> tx.practices().listStewardedBy(MemberId.of(CAT)))).isEmpty();
        assertThat(read((Transaction tx) -> tx.practices().listByCommunity(CommunityId.of("com-none")))).isEmpty();
    }

    @Test
    @DisplayName("a knowledge item round-trips with every optional part set: practice, partner audience, approvals in order, dates, successor and provenance")
    public void fullKnowledgeItemRoundTrips() {
        givenWorld();
        KnowledgeItem full = Fixtures.publishedItem("item-full", COM_1, PRA_1, ANN, BOB, CAT, "item-succ", ORG_A, ORG_B);
        given(tx -> {
            tx.items().insert(item("item-succ", COM_1, ANN));
            tx.items().insert(full);
        });
        KnowledgeItem stored = read(tx -> tx.items().find(full.id())).orElseThrow();
        assertThat(stored).isEqualTo(full);
        assertThat(stored.approvals()).extracting(a -> a.approver().value()).containsExactly(BOB, CAT);
        assertThat(stored.audience().organizations())
                .containsExactlyInAnyOrder(OrganizationId.of(ORG_A), OrganizationId.of(ORG_B));
        assertThat(stored.supersededBy()).contains(KnowledgeItemId.of("item-succ"));
        assertThat(stored.provenance().note()).contains("Imported from the old wiki.");
        assertThat(stored.content().language().toLanguageTag()).isEqualTo("nl");
        assertThat(stored.content().tags()).containsExactlyInAnyOrder("checklist", "omgevingswet");
    }

    @Test
    @DisplayName("a knowledge item round-trips with every optional part empty, and with an organisation audience")
    public void minimalKnowledgeItemRoundTrips() {
        givenWorld();
        KnowledgeItem minimal = item("item-min", COM_1, ANN);
        KnowledgeItem base = item("item-org", COM_1, BOB);
        KnowledgeItem orgOnly = new KnowledgeItem(base.id(), base.community(), base.practice(), base.kind(),
                new ItemContent("T", "", Set.of(), Set.of(CompetencyId.of(COMP_1), CompetencyId.of(COMP_2)),
                        Locale.forLanguageTag("fr-CA")),
                Audience.organization(OrganizationId.of(ORG_A)), base.status(), base.owner(), 1, List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), base.provenance(), AT, AT, 1);
        given(tx -> {
            tx.items().insert(minimal);
            tx.items().insert(orgOnly);
        });
        KnowledgeItem stored = read(tx -> tx.items().find(minimal.id())).orElseThrow();
        assertThat(stored).isEqualTo(minimal);
        assertThat(stored.practice()).isEmpty();
        assertThat(stored.reviewBy()).isEmpty();
        assertThat(stored.publishedAt()).isEmpty();
        assertThat(stored.supersededBy()).isEmpty();
        assertThat(stored.approvals()).isEmpty();
        assertThat(stored.provenance().reference()).isEmpty();
        assertThat(read((Transaction tx) -> tx.items().find(orgOnly.id()))).contains(orgOnly);
    }

    @Test
    @DisplayName("knowledge items of a community are listed by id, filtered by practice and by status")
    public void itemsAreListedByCommunityWithFilters() {
        givenWorld();
        given(tx -> {
            tx.practices().insert(practice("pra-2", COM_1));
            tx.items().insert(Fixtures.inPractice(item("i-4", COM_1, ANN), "pra-2", ItemStatus.PUBLISHED));
            tx.items().insert(Fixtures.inPractice(item("i-3", COM_1, ANN), PRA_1, ItemStatus.DRAFT));
            tx.items().insert(Fixtures.inPractice(item("i-2", COM_1, BOB), PRA_1, ItemStatus.PUBLISHED));
            tx.items().insert(item("i-1", COM_1, BOB));
            tx.items().insert(item("i-0", COM_2, BOB));
        });
        CommunityId com1 = CommunityId.of(COM_1);
        Optional<PracticeId> pra1 = Optional.of(PracticeId.of(PRA_1));
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.items().listByCommunity(com1, Optional.empty(), Set.of(), p), 3)))
                .extracting(i -> i.id().value()).containsExactly("i-1", "i-2", "i-3", "i-4");
        assertThat(read((Transaction tx) -> tx.items().listByCommunity(com1, pra1, Set.of(), PageRequest.first()).items()))
                .extracting(i -> i.id().value()).containsExactly("i-2", "i-3");
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.items().listByCommunity(com1, Optional.empty(),
                Set.of(ItemStatus.DRAFT), p), 1))).extracting(i -> i.id().value()).containsExactly("i-1", "i-3");
        assertThat(read((Transaction tx) -> tx.items().listByCommunity(com1, pra1,
                Set.of(ItemStatus.PUBLISHED, ItemStatus.ARCHIVED), PageRequest.first()).items()))
                .extracting(i -> i.id().value()).containsExactly("i-2");
        assertThat(read((Transaction tx) -> tx.items().listByCommunity(com1, pra1, Set.of(ItemStatus.ARCHIVED),
                PageRequest.first()).items())).isEmpty();
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.items().list(p), 2)))
                .extracting(i -> i.id().value()).containsExactly("i-0", "i-1", "i-2", "i-3", "i-4");
    }

    @Test
    @DisplayName("a status change moves a knowledge item between status-filtered listings")
    public void statusChangeMovesItemBetweenListings() {
        givenWorld();
        KnowledgeItem draft = item("i-1", COM_1, ANN);
        given(tx -> tx.items().insert(draft));
        given(tx -> tx.items().update(Fixtures.withStatus(draft, ItemStatus.ARCHIVED)));
        CommunityId com1 = CommunityId.of(COM_1);
        assertThat(read((Transaction tx) -> tx.items().listByCommunity(com1, Optional.empty(), Set.of(ItemStatus.DRAFT),
                PageRequest.first()).items())).isEmpty();
        assertThat(read((Transaction tx) -> tx.items().listByCommunity(com1, Optional.empty(), Set.of(ItemStatus.ARCHIVED),
                PageRequest.first()).items())).extracting(KnowledgeItem::version).containsExactly(2L);
    }

    // ------------------------------------------------------------------------------------------------
    // revisions

    @Test
    @DisplayName("revisions are found by item and number and listed by number ascending")
    public void revisionsRoundTrip() {
        givenWorld();
        given(tx -> {
            tx.items().insert(item("i-1", COM_1, ANN));
            tx.items().insert(item("i-2", COM_1, ANN));
            tx.revisions().insert(revision("i-1", 1, ANN));
            tx.revisions().insert(revision("i-2", 1, BOB));
        });
        given(tx -> {
            tx.revisions().insert(revision("i-1", 2, BOB));
            tx.revisions().insert(revision("i-1", 3, ANN));
        });
        KnowledgeItemId i1 = KnowledgeItemId.of("i-1");
        assertThat(read((Transaction tx) -> tx.revisions().find(i1, 2))).contains(revision("i-1", 2, BOB));
        assertThat(read((Transaction tx) -> tx.revisions().find(i1, 4))).isEmpty();
        assertThat(read((Transaction tx) -> tx.revisions().list(i1, PageRequest.first()).items()))
                .containsExactly(revision("i-1", 1, ANN), revision("i-1", 2, BOB), revision("i-1", 3, ANN));
        assertThat(read((Transaction tx) -> tx.revisions().list(KnowledgeItemId.of("i-2"), PageRequest.first()).items()))
                .containsExactly(revision("i-2", 1, BOB));
        assertThat(read((Transaction tx) -> tx.revisions().list(KnowledgeItemId.of("i-none"), PageRequest.first())))
                .satisfies(p -> {
                    assertThat(p.items()).isEmpty();
                    assertThat(p.hasNext()).isFalse();
                });
    }

    @Test
    @DisplayName("revisions page by number as a number, so revision 10 comes after revision 9")
    public void revisionsPageNumerically() {
        givenWorld();
        given(tx -> {
            tx.items().insert(item("i-1", COM_1, ANN));
            for (int n = 1; n <= 12; n++) {
                tx.revisions().insert(revision("i-1", n, ANN));
            }
        });
        List<Revision> all = read(tx -> readAllPages(p -> tx.revisions().list(KnowledgeItemId.of("i-1"), p), 5));
        assertThat(all).extracting(Revision::number).containsExactlyElementsOf(IntStream.rangeClosed(1, 12).boxed().toList());
    }

    @Test
    @DisplayName("a second revision with the same number is a conflict and changes nothing")
    public void duplicateRevisionNumberConflicts() {
        givenWorld();
        given(tx -> {
            tx.items().insert(item("i-1", COM_1, ANN));
            tx.revisions().insert(revision("i-1", 1, ANN));
        });
        Revision other = new Revision(KnowledgeItemId.of("i-1"), 1, Fixtures.content("Other"), MemberId.of(BOB),
                at(99), "other");
        assertThatThrownBy(() -> storage.write(tx -> {
            tx.organizations().insert(organization("org-x"));
            tx.revisions().insert(other);
            return null;
        })).isInstanceOf(ConflictException.class);
        assertThat(read((Transaction tx) -> tx.revisions().find(KnowledgeItemId.of("i-1"), 1))).contains(revision("i-1", 1, ANN));
        assertThat(read((Transaction tx) -> tx.revisions().list(KnowledgeItemId.of("i-1"), PageRequest.first()).items())).hasSize(1);
        assertThat(read((Transaction tx) -> tx.organizations().find(OrganizationId.of("org-x")))).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------
    // activities

    private Activity append(Activity a) {
        return storage.write(tx -> tx.activities().append(a));
    }

    private List<Activity> activities(ActivityFilter filter) {
        return read(tx -> readAllPages(p -> tx.activities().list(filter, p), 100));
    }

    @Test
    @DisplayName("an appended activity gets a positive sequence and round-trips with target, visibility and details")
    public void activityRoundTrips() {
        givenWorld();
        Visibility visibility = new Visibility(Optional.of(CommunityId.of(COM_1)), Optional.of(PracticeId.of(PRA_1)),
                Audience.partners(OrganizationId.of(ORG_A), OrganizationId.of(ORG_B)), true, Set.of(MemberId.of(ANN)));
        Activity rich = new Activity(0, MemberId.of(ANN), Verb.SUPERSEDED, itemRef("i-1"), Optional.of(itemRef("i-2")),
                Optional.of(CommunityId.of(COM_1)), at(5), visibility,
                Map.of("reason", "Vervangen door de nieuwe werkwijze — zie i-2 ✓", "state", "SUPERSEDED"));
        Activity stored = append(rich);
        assertThat(stored.sequence()).isPositive();
        assertThat(stored).isEqualTo(rich.withSequence(stored.sequence()));
        assertThat(activities(ActivityFilter.all())).containsExactly(stored);
        Activity plain = append(activity(MemberId.SYSTEM.value(), Verb.REGISTERED,
                new Ref(ObjectType.ORGANIZATION, ORG_A), Optional.empty()));
        assertThat(activities(ActivityFilter.all())).containsExactly(plain, stored);
        assertThat(plain.community()).isEmpty();
        assertThat(plain.target()).isEmpty();
    }

    @Test
    @DisplayName("activity sequences increase in commit order, also within one transaction")
    public void activitySequencesIncrease() {
        givenWorld();
        Activity first = append(activity(ANN, Verb.CREATED, itemRef("i-1"), Optional.of(CommunityId.of(COM_1))));
        List<Activity> batch = storage.write(tx -> List.of(
                tx.activities().append(activity(ANN, Verb.EDITED, itemRef("i-1"), Optional.empty())),
                tx.activities().append(activity(BOB, Verb.APPROVED, itemRef("i-1"), Optional.empty()))));
        Activity last = append(activity(BOB, Verb.PUBLISHED, itemRef("i-1"), Optional.empty()));
        assertThat(List.of(first.sequence(), batch.get(0).sequence(), batch.get(1).sequence(), last.sequence()))
                .isSorted().doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("activities are listed newest first and page by sequence without duplicates or gaps")
    public void activitiesAreListedNewestFirstAndPaged() {
        givenWorld();
        List<Activity> appended = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            appended.add(append(activity(i % 2 == 0 ? ANN : BOB, Verb.EDITED, itemRef("i-" + i), Optional.empty())));
        }
        List<Activity> newestFirst = new ArrayList<>(appended);
        Collections.reverse(newestFirst);
        List<Activity> paged = read(tx -> readAllPages(p -> tx.activities().list(ActivityFilter.all(), p), 5));
        assertThat(paged).containsExactlyElementsOf(newestFirst);
        assertThat(paged).extracting(Activity::sequence).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        Page<Activity> first = read(tx -> tx.activities().list(ActivityFilter.all(), PageRequest.first(5)));
        assertThat(first.items()).containsExactlyElementsOf(newestFirst.subList(0, 5));
        assertThat(first.next()).isPresent();
    }

    @Test
    @DisplayName("activities are filtered by community")
    public void activitiesAreFilteredByCommunity() {
        givenWorld();
        Activity in1 = append(activity(ANN, Verb.JOINED, itemRef("i-1"), Optional.of(CommunityId.of(COM_1))));
        append(activity(ANN, Verb.JOINED, itemRef("i-1"), Optional.of(CommunityId.of(COM_2))));
        append(activity(ANN, Verb.REGISTERED, itemRef("i-1"), Optional.empty()));
        Activity in1Again = append(activity(BOB, Verb.LEFT, itemRef("i-2"), Optional.of(CommunityId.of(COM_1))));
        assertThat(activities(new ActivityFilter(Optional.of(CommunityId.of(COM_1)), Optional.empty(), Optional.empty())))
                .containsExactly(in1Again, in1);
        assertThat(activities(new ActivityFilter(Optional.of(CommunityId.of("com-none")), Optional.empty(),
                Optional.empty()))).isEmpty();
    }

    @Test
    @DisplayName("activities are filtered by actor")
    public void activitiesAreFilteredByActor() {
        givenWorld();
        Activity byBob = append(activity(BOB, Verb.CREATED, itemRef("i-1"), Optional.empty()));
        append(activity(ANN, Verb.CREATED, itemRef("i-2"), Optional.empty()));
        Activity byBobAgain = append(activity(BOB, Verb.EDITED, itemRef("i-2"), Optional.of(CommunityId.of(COM_1))));
        assertThat(activities(new ActivityFilter(Optional.empty(), Optional.of(MemberId.of(BOB)), Optional.empty())))
                .containsExactly(byBobAgain, byBob);
    }

    @Test
    @DisplayName("activities are filtered by object, type and id both counting")
    public void activitiesAreFilteredByObject() {
        givenWorld();
        Ref membershipRef = new Ref(ObjectType.MEMBERSHIP, COM_1 + "/" + BOB);
        Ref practiceNamedLikeItem = new Ref(ObjectType.PRACTICE, "i-1");
        Activity onItem = append(activity(ANN, Verb.CREATED, itemRef("i-1"), Optional.empty()));
        append(activity(ANN, Verb.CREATED, practiceNamedLikeItem, Optional.empty()));
        Activity onMembership = append(activity(BOB, Verb.REQUESTED, membershipRef, Optional.of(CommunityId.of(COM_1))));
        Activity onItemAgain = append(activity(BOB, Verb.EDITED, itemRef("i-1"), Optional.empty()));
        assertThat(activities(new ActivityFilter(Optional.empty(), Optional.empty(), Optional.of(itemRef("i-1")))))
                .containsExactly(onItemAgain, onItem);
        assertThat(activities(new ActivityFilter(Optional.empty(), Optional.empty(), Optional.of(membershipRef))))
                .containsExactly(onMembership);
    }

    @Test
    @DisplayName("activity filter parts combine: community and actor and object must all match")
    public void activityFilterPartsCombine() {
        givenWorld();
        Optional<CommunityId> com1 = Optional.of(CommunityId.of(COM_1));
        Activity match = append(activity(ANN, Verb.EDITED, itemRef("i-1"), com1));
        append(activity(BOB, Verb.EDITED, itemRef("i-1"), com1));
        append(activity(ANN, Verb.EDITED, itemRef("i-2"), com1));
        append(activity(ANN, Verb.EDITED, itemRef("i-1"), Optional.of(CommunityId.of(COM_2))));
        Activity match2 = append(activity(ANN, Verb.PUBLISHED, itemRef("i-1"), com1));
        assertThat(activities(new ActivityFilter(com1, Optional.of(MemberId.of(ANN)), Optional.of(itemRef("i-1")))))
                .containsExactly(match2, match);
        assertThat(activities(new ActivityFilter(com1, Optional.of(MemberId.of(ANN)), Optional.empty()))).hasSize(3);
    }

    @Test
    @DisplayName("filtered activity listings page newest first without duplicates or gaps")
    public void filteredActivitiesPage() {
        givenWorld();
        List<Activity> byAnn = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            byAnn.add(append(activity(ANN, Verb.EDITED, itemRef("i-" + i), Optional.empty())));
            append(activity(BOB, Verb.EDITED, itemRef("i-" + i), Optional.empty()));
        }
        Collections.reverse(byAnn);
        ActivityFilter filter = new ActivityFilter(Optional.empty(), Optional.of(MemberId.of(ANN)), Optional.empty());
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.activities().list(filter, p), 3))).containsExactlyElementsOf(byAnn);
    }

    // ------------------------------------------------------------------------------------------------
    // versions and conflicts

    @Test
    @DisplayName("inserting an existing key is a conflict, for every aggregate kind, and changes nothing")
    public void insertOfExistingKeyConflicts() {
        givenWorld();
        for (Aggregate<?, ?> a : freshAggregates()) {
            insertTwice(a);
        }
    }

    private <K, T> void insertTwice(Aggregate<K, T> a) {
        insert(a);
        long head = storage.changes().head();
        assertThatThrownBy(() -> insert(a)).as(a.kind()).isInstanceOf(ConflictException.class);
        assertThat(find(a)).as(a.kind()).contains(a.entity());
        assertThat(changesAfter(head)).as("changes after conflicting %s insert", a).isEmpty();
    }

    @Test
    @DisplayName("inserting an existing organisation with other content is a conflict and keeps the stored one")
    public void insertOfExistingKeyKeepsStoredContent() {
        Organization first = org("acme", "Acme", "first", AT);
        given(tx -> tx.organizations().insert(first));
        assertThatThrownBy(() -> given(tx -> tx.organizations().insert(org("acme", "Other", "second", at(1)))))
                .isInstanceOf(ConflictException.class);
        assertThat(read((Transaction tx) -> tx.organizations().find(first.id()))).contains(first);
    }

    @Test
    @DisplayName("inserting the same key twice in one transaction is a conflict and the transaction leaves nothing")
    public void insertTwiceInOneTransactionConflicts() {
        assertThatThrownBy(() -> given(tx -> {
            tx.organizations().insert(organization("one"));
            tx.organizations().insert(organization("two"));
            tx.organizations().insert(organization("one"));
        })).isInstanceOf(ConflictException.class);
        assertThat(read((Transaction tx) -> tx.organizations().list(PageRequest.first()).items())).isEmpty();
        assertThat(storage.changes().head()).isZero();
    }

    @Test
    @DisplayName("an update with a stale version is rejected and changes nothing, for every aggregate kind")
    public void staleUpdateConflicts() {
        givenWorld();
        for (Aggregate<?, ?> a : freshAggregates()) {
            updateStale(a);
        }
    }

    private <K, T> void updateStale(Aggregate<K, T> a) {
        insert(a);
        T mine = a.touched().apply(a.entity());
        update(a, mine);
        T current = a.touched().apply(mine);
        update(a, current);
        long head = storage.changes().head();
        assertThatThrownBy(() -> update(a, mine)).as("%s update based on version 1 when 3 is stored", a)
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> update(a, a.touched().apply(a.entity())))
                .as("%s update to version 2 when 3 is stored", a).isInstanceOf(ConflictException.class);
        assertThat(find(a)).as(a.kind()).contains(current);
        assertThat(changesAfter(head)).as("changes after stale %s updates", a).isEmpty();
    }

    @Test
    @DisplayName("an update that skips a version or repeats the stored version is a conflict")
    public void updateMustBeExactlyOneVersionAhead() {
        Organization o = org("acme", "Acme", "", AT);
        given(tx -> tx.organizations().insert(o));
        assertThatThrownBy(() -> given(tx -> tx.organizations().update(new Organization(o.id(), "Skip", "", AT, 3))))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> given(tx -> tx.organizations().update(new Organization(o.id(), "Same", "", AT, 1))))
                .isInstanceOf(ConflictException.class);
        assertThat(read((Transaction tx) -> tx.organizations().find(o.id()))).contains(o);
        given(tx -> tx.organizations().update(new Organization(o.id(), "Next", "", AT, 2)));
        assertThat(read((Transaction tx) -> tx.organizations().find(o.id())).orElseThrow().name()).isEqualTo("Next");
    }

    @Test
    @DisplayName("updating something that was never stored is not found, for every aggregate kind")
    public void updateOfMissingIsNotFound() {
        givenWorld();
        long head = storage.changes().head();
        for (Aggregate<?, ?> a : freshAggregates()) {
            updateMissing(a);
        }
        assertThat(changesAfter(head)).isEmpty();
    }

    private <K, T> void updateMissing(Aggregate<K, T> a) {
        assertThatThrownBy(() -> update(a, a.touched().apply(a.entity()))).as(a.kind())
                .isInstanceOf(NotFoundException.class);
        assertThat(find(a)).as(a.kind()).isEmpty();
    }

    @Test
    @DisplayName("an insert with a version other than 1 is rejected, for every aggregate kind")
    public void insertRequiresVersionOne() {
        givenWorld();
        long head = storage.changes().head();
        for (Aggregate<?, ?> a : freshAggregates()) {
            insertWithVersionTwo(a);
        }
        assertThatThrownBy(() -> given(tx -> tx.organizations().insert(
                new Organization(OrganizationId.of("zero"), "Zero", "", AT, 0))))
                .isInstanceOf(RuntimeException.class);
        assertThat(read((Transaction tx) -> tx.organizations().find(OrganizationId.of("zero")))).isEmpty();
        assertThat(changesAfter(head)).isEmpty();
    }

    private <K, T> void insertWithVersionTwo(Aggregate<K, T> a) {
        T versionTwo = a.touched().apply(a.entity());
        assertThatThrownBy(() -> storage.write(tx -> a.repository().apply(tx).insert(versionTwo))).as(a.kind())
                .isInstanceOf(RuntimeException.class);
        assertThat(find(a)).as(a.kind()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------
    // listings and keyset paging

    @Test
    @DisplayName("keyset paging visits every row exactly once over several pages, and the last page has no next cursor")
    public void keysetPagingHasNoDuplicatesOrGaps() {
        List<String> ids = IntStream.range(0, 23).mapToObj(i -> String.format("org-%02d", (i * 7) % 23)).toList();
        given(tx -> ids.forEach(id -> tx.organizations().insert(organization(id))));
        List<String> expected = ids.stream().sorted().toList();
        for (int limit : new int[] {1, 5, 22, 23, 24, PageRequest.MAX_LIMIT}) {
            assertThat(read((Transaction tx) -> readAllPages(p -> tx.organizations().list(p), limit)))
                    .as("limit %s", limit).extracting(o -> o.id().value()).containsExactlyElementsOf(expected);
        }
        Page<Organization> first = read(tx -> tx.organizations().list(PageRequest.first(10)));
        assertThat(first.items()).hasSize(10);
        assertThat(first.next()).isPresent();
        Page<Organization> second = read(tx -> tx.organizations().list(PageRequest.first(10).after(first.next().get())));
        assertThat(second.items()).extracting(o -> o.id().value()).containsExactlyElementsOf(expected.subList(10, 20));
        Page<Organization> third = read(tx -> tx.organizations().list(PageRequest.first(10).after(second.next().get())));
        assertThat(third.items()).extracting(o -> o.id().value()).containsExactlyElementsOf(expected.subList(20, 23));
        assertThat(third.next()).isEmpty();
    }

    @Test
    @DisplayName("when the rows fill the last page exactly, that page has no next cursor")
    public void exactlyFullLastPageHasNoNext() {
        given(tx -> IntStream.range(0, 10).forEach(i -> tx.organizations().insert(organization("org-" + i))));
        Page<Organization> first = read(tx -> tx.organizations().list(PageRequest.first(5)));
        assertThat(first.next()).isPresent();
        Page<Organization> second = read(tx -> tx.organizations().list(PageRequest.first(5).after(first.next().get())));
        assertThat(second.items()).hasSize(5);
        assertThat(second.next()).isEmpty();
        Page<Organization> all = read(tx -> tx.organizations().list(PageRequest.first(10)));
        assertThat(all.items()).hasSize(10);
        assertThat(all.next()).isEmpty();
    }

    @Test
    @DisplayName("every listing of an empty storage is one empty page without a next cursor")
    public void emptyListingsAreEmpty() {
        PageRequest p = PageRequest.first(3);
        List<Page<?>> pages = read(tx -> List.of(tx.organizations().list(p), tx.members().list(p),
                tx.members().listByOrganization(OrganizationId.of(ORG_A), p), tx.domains().list(p),
                tx.competencies().listByDomain(DomainId.of(DOM), p), tx.communities().list(p),
                tx.memberships().listByCommunity(CommunityId.of(COM_1), Set.of(), p),
                tx.items().listByCommunity(CommunityId.of(COM_1), Optional.empty(), Set.of(), p), tx.items().list(p),
                tx.revisions().list(KnowledgeItemId.of("i-1"), p), tx.activities().list(ActivityFilter.all(), p)));
        assertThat(pages).allSatisfy(page -> {
            assertThat(page.items()).isEmpty();
            assertThat(page.next()).isEmpty();
        });
        assertThat(read((Transaction tx) -> tx.memberships().listByMember(MemberId.of(ANN)))).isEmpty();
        assertThat(read((Transaction tx) -> tx.practices().listByCommunity(CommunityId.of(COM_1)))).isEmpty();
        assertThat(read((Transaction tx) -> tx.practices().listStewardedBy(MemberId.of(ANN)))).isEmpty();
    }

    @Test
    @DisplayName("organisations, members, domains, communities and items are listed by id whatever the insertion order")
    public void listingsAreOrderedById() {
        List<String> ids = List.of("m-3", "m-1", "m-4", "m-0", "m-2");
        List<String> sorted = ids.stream().sorted().toList();
        given(tx -> {
            tx.organizations().insert(organization(ORG_A));
            ids.forEach(id -> tx.organizations().insert(organization(id)));
            ids.forEach(id -> tx.members().insert(member(id, ORG_A)));
            ids.forEach(id -> tx.domains().insert(domain(id, "m-0")));
            ids.forEach(id -> tx.communities().insert(community(id, "m-0", "m-0")));
            ids.forEach(id -> tx.items().insert(item(id, "m-0", "m-0")));
        });
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.organizations().list(p), 2))).extracting(o -> o.id().value())
                .containsExactlyElementsOf(List.of("m-0", "m-1", "m-2", "m-3", "m-4", ORG_A));
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.members().list(p), 2))).extracting(m -> m.id().value())
                .containsExactlyElementsOf(sorted);
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.members().listByOrganization(OrganizationId.of(ORG_A), p), 2)))
                .extracting(m -> m.id().value()).containsExactlyElementsOf(sorted);
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.domains().list(p), 2))).extracting(d -> d.id().value())
                .containsExactlyElementsOf(sorted);
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.communities().list(p), 2))).extracting(c -> c.id().value())
                .containsExactlyElementsOf(sorted);
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.items().list(p), 2))).extracting(i -> i.id().value())
                .containsExactlyElementsOf(sorted);
    }

    @Test
    @DisplayName("members are listed per organisation, only that organisation's, paged")
    public void membersAreListedByOrganization() {
        givenWorld();
        given(tx -> IntStream.range(0, 7).forEach(i -> tx.members().insert(member("b-" + i, i % 2 == 0 ? ORG_B : ORG_C))));
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.members().listByOrganization(OrganizationId.of(ORG_B), p), 2)))
                .extracting(m -> m.id().value()).containsExactly("b-0", "b-2", "b-4", "b-6", CAT);
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.members().listByOrganization(OrganizationId.of(ORG_C), p), 2)))
                .extracting(m -> m.id().value()).containsExactly("b-1", "b-3", "b-5");
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.members().list(p), 4))).hasSize(10);
    }

    @Test
    @DisplayName("paging is consistent with the listing order for ids of mixed case, digits, punctuation and non-ASCII letters")
    public void pagingIsConsistentForAnyIds() {
        List<String> ids = List.of("Zeta", "alpha", "Beta-2", "beta_1", "10", "9", "a.b", "A~b", "über", "ÿ", "日本",
                "x%", "x_", "o'brien", "a/b", "😀-smile", "Ω", "-", "~");
        given(tx -> ids.forEach(id -> tx.organizations().insert(organization(id))));
        List<String> oneShot = read(tx -> tx.organizations().list(PageRequest.first(PageRequest.MAX_LIMIT)).items())
                .stream().map(o -> o.id().value()).toList();
        assertThat(oneShot).containsExactlyInAnyOrderElementsOf(ids);
        for (int limit = 1; limit <= 4; limit++) {
            int pageSize = limit;
            assertThat(read((Transaction tx) -> readAllPages(p -> tx.organizations().list(p), pageSize))).as("limit %s", limit)
                    .extracting(o -> o.id().value()).containsExactlyElementsOf(oneShot);
        }
    }

    @Test
    @DisplayName("a cursor stays valid while rows are inserted: rows before it stay out, rows after it appear once")
    public void cursorIsStableUnderInserts() {
        given(tx -> IntStream.range(10, 20).forEach(i -> tx.organizations().insert(organization("org-" + i))));
        Page<Organization> first = read(tx -> tx.organizations().list(PageRequest.first(4)));
        assertThat(first.items()).extracting(o -> o.id().value()).containsExactly("org-10", "org-11", "org-12", "org-13");
        given(tx -> {
            tx.organizations().insert(organization("org-05"));
            tx.organizations().insert(organization("org-15a"));
            tx.organizations().insert(organization("org-99"));
        });
        List<String> rest = new ArrayList<>();
        PageRequest next = PageRequest.first(4).after(first.next().orElseThrow());
        while (true) {
            PageRequest request = next;
            Page<Organization> page = read(tx -> tx.organizations().list(request));
            page.items().forEach(o -> rest.add(o.id().value()));
            if (page.next().isEmpty()) {
                break;
            }
            next = request.after(page.next().get());
        }
        assertThat(rest).containsExactly("org-14", "org-15", "org-15a", "org-16", "org-17", "org-18", "org-19",
                "org-99");
    }

    @Test
    @DisplayName("a malformed numeric cursor for revisions or activities is rejected as invalid input")
    public void malformedNumericCursorIsInvalid() {
        givenWorld();
        for (String cursor : List.of("not-a-number", "1.5", "99999999999999999999999")) {
            PageRequest request = PageRequest.first(5).after(cursor);
            assertThatThrownBy(() -> read(tx -> tx.revisions().list(KnowledgeItemId.of("i-1"), request)))
                    .as("revision cursor %s", cursor).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> read(tx -> tx.activities().list(ActivityFilter.all(), request)))
                    .as("activity cursor %s", cursor).isInstanceOf(InvalidInputException.class);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // change feed

    @Test
    @DisplayName("the change feed of an empty storage is empty, with head 0")
    public void emptyChangeFeed() {
        assertThat(storage.changes().head()).isZero();
        assertThat(storage.changes().after(0, 10)).isEmpty();
    }

    @Test
    @DisplayName("every insert and update appends a change with the aggregate's type, id and new version")
    public void insertsAndUpdatesAppendChanges() {
        givenWorld();
        long head = storage.changes().head();
        List<Aggregate<?, ?>> aggregates = freshAggregates();
        List<org.assertj.core.groups.Tuple> expected = new ArrayList<>();
        for (Aggregate<?, ?> a : aggregates) {
            insert(a);
            expected.add(tuple(a.ref(), 1L));
        }
        for (Aggregate<?, ?> a : aggregates) {
            touch(a);
            expected.add(tuple(a.ref(), 2L));
        }
        List<Change> changes = changesAfter(head);
        assertThat(changes).extracting(Change::ref, Change::version).containsExactlyElementsOf(expected);
        assertThat(changes).allSatisfy(c -> assertThat(c.at()).isNotNull());
        assertThat(storage.changes().head()).isEqualTo(changes.get(changes.size() - 1).sequence());
    }

    private <K, T> void touch(Aggregate<K, T> a) {
        update(a, a.touched().apply(a.entity()));
    }

    @Test
    @DisplayName("a membership's change names it as communityId/memberId")
    public void membershipChangeRef() {
        givenWorld();
        long head = storage.changes().head();
        given(tx -> tx.memberships().insert(membership(COM_1, CAT, MembershipState.INVITED)));
        assertThat(changesAfter(head)).extracting(Change::ref, Change::version)
                .containsExactly(tuple(new Ref(ObjectType.MEMBERSHIP, "com-1/cat"), 1L));
        assertThat(new MembershipKey(CommunityId.of(COM_1), MemberId.of(CAT)).toString()).isEqualTo("com-1/cat");
    }

    @Test
    @DisplayName("change sequences strictly increase across transactions, the changes of one transaction keep their order, and head is the last sequence")
    public void changeSequencesIncrease() {
        given(tx -> tx.organizations().insert(organization("a")));
        given(tx -> {
            tx.organizations().insert(organization("c"));
            tx.organizations().update(touched(organization("a")));
            tx.organizations().insert(organization("b"));
        });
        given(tx -> tx.organizations().update(touched(organization("c"))));
        List<Change> all = allChanges();
        assertThat(all).extracting(c -> c.ref().id(), Change::version)
                .containsExactly(tuple("a", 1L), tuple("c", 1L), tuple("a", 2L), tuple("b", 1L), tuple("c", 2L));
        assertThat(all).extracting(Change::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(all.get(0).sequence()).isPositive();
        assertThat(storage.changes().head()).isEqualTo(all.get(all.size() - 1).sequence());
    }

    @Test
    @DisplayName("after(sequence, limit) returns at most limit changes with a larger sequence, ascending")
    public void changeFeedAfterPages() {
        for (int i = 0; i < 10; i++) {
            String id = "org-" + i;
            given(tx -> tx.organizations().insert(organization(id)));
        }
        List<Change> all = storage.changes().after(0, 1000);
        assertThat(all).hasSize(10);
        assertThat(storage.changes().after(0, 3)).containsExactlyElementsOf(all.subList(0, 3));
        assertThat(storage.changes().after(all.get(2).sequence(), 4)).containsExactlyElementsOf(all.subList(3, 7));
        assertThat(storage.changes().after(all.get(8).sequence(), 4)).containsExactly(all.get(9));
        assertThat(storage.changes().after(storage.changes().head(), 10)).isEmpty();
        assertThat(storage.changes().after(all.get(9).sequence() + 1_000, 10)).isEmpty();
        List<Change> followed = new ArrayList<>();
        long cursor = 0;
        for (List<Change> batch = storage.changes().after(cursor, 3); !batch.isEmpty();
                batch = storage.changes().after(cursor, 3)) {
            followed.addAll(batch);
            cursor = batch.get(batch.size() - 1).sequence();
        }
        assertThat(followed).containsExactlyElementsOf(all);
    }

    @Test
    @DisplayName("reading the change feed with a limit below 1 is rejected")
    public void changeFeedLimitMustBePositive() {
        assertThatThrownBy(() -> storage.changes().after(0, 0)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> storage.changes().after(0, -1)).isInstanceOf(RuntimeException.class);
    }

    @Test
    @DisplayName("changes of a rolled-back transaction never appear in the feed")
    public void rolledBackChangesNeverAppear() {
        given(tx -> tx.organizations().insert(organization("kept")));
        long head = storage.changes().head();
        assertThatThrownBy(() -> given(tx -> {
            tx.organizations().insert(organization("lost"));
            tx.organizations().update(touched(organization("kept")));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(storage.changes().head()).isEqualTo(head);
        assertThat(changesAfter(head)).isEmpty();
        given(tx -> tx.organizations().insert(organization("later")));
        List<Change> after = changesAfter(head);
        assertThat(after).extracting(c -> c.ref().id()).containsExactly("later");
        assertThat(after.get(0).sequence()).isGreaterThan(head);
        assertThat(allChanges()).extracting(c -> c.ref().id()).containsExactly("kept", "later");
    }

    // ------------------------------------------------------------------------------------------------
    // transactions

    @Test
    @DisplayName("read and write return what their work returned")
    public void transactionsReturnTheWorkResult() {
        assertThat(storage.read((Transaction tx) -> "read result")).isEqualTo("read result");
        assertThat(storage.write(tx -> tx.organizations().insert(organization("acme"))).id().value()).isEqualTo("acme");
        assertThat(storage.<Object>write(tx -> null)).isNull();
    }

    @Test
    @DisplayName("an exception thrown inside write propagates unchanged and leaves no rows, revisions, activities or changes behind")
    public void exceptionInsideWriteRollsBackEverything() {
        givenWorld();
        long head = storage.changes().head();
        RuntimeException boom = new IllegalArgumentException("boom from the work");
        Throwable thrown = catchThrowable(() -> storage.write(tx -> {
            tx.organizations().insert(organization("org-lost"));
            tx.members().insert(member("lost", ORG_A));
            tx.members().update(touched(member(BOB, ORG_A)));
            tx.memberships().insert(membership(COM_1, BOB, MembershipState.ACTIVE));
            tx.items().insert(item("i-lost", COM_1, ANN));
            tx.revisions().insert(revision("i-lost", 1, ANN));
            tx.activities().append(activity(ANN, Verb.CREATED, itemRef("i-lost"), Optional.of(CommunityId.of(COM_1))));
            throw boom;
        }));
        assertThat(thrown).isSameAs(boom);
        read(tx -> {
            assertThat(tx.organizations().find(OrganizationId.of("org-lost"))).isEmpty();
            assertThat(tx.members().find(MemberId.of("lost"))).isEmpty();
            assertThat(tx.members().find(MemberId.of(BOB))).contains(member(BOB, ORG_A));
            assertThat(tx.memberships().find(new MembershipKey(CommunityId.of(COM_1), MemberId.of(BOB)))).isEmpty();
            assertThat(tx.items().find(KnowledgeItemId.of("i-lost"))).isEmpty();
            assertThat(tx.revisions().find(KnowledgeItemId.of("i-lost"), 1)).isEmpty();
            assertThat(tx.activities().list(ActivityFilter.all(), PageRequest.first()).items()).isEmpty();
            return null;
        });
        assertThat(storage.changes().head()).isEqualTo(head);
        assertThat(changesAfter(head)).isEmpty();
    }

    @Test
    @DisplayName("a checked exception smuggled out of write and an Error both roll back")
    public void errorsInsideWriteRollBack() {
        AssertionError error = new AssertionError("an error");
        assertThat(catchThrowable(() -> given(tx -> {
            tx.organizations().insert(organization("by-error"));
            throw error;
        }))).isSameAs(error);
        Exception checked = new java.io.IOException("checked");
        assertThat(catchThrowable(() -> given(tx -> {
            tx.organizations().insert(organization("by-checked"));
            StorageContract.<RuntimeException>sneakyThrow(checked);
        }))).isSameAs(checked);
        assertThat(read((Transaction tx) -> tx.organizations().list(PageRequest.first()).items())).isEmpty();
        assertThat(storage.changes().head()).isZero();
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }

    @Test
    @DisplayName("a read transaction cannot write, and its attempts leave nothing behind")
    public void readTransactionCannotWrite() {
        givenWorld();
        long head = storage.changes().head();
        List<Consumer<Transaction>> writes = List.of(
                tx -> tx.organizations().insert(organization("org-new")),
                tx -> tx.organizations().update(touched(organization(ORG_A))),
                tx -> tx.members().insert(member("dan", ORG_A)),
                tx -> tx.memberships().insert(membership(COM_1, CAT, MembershipState.PENDING)),
                tx -> tx.items().insert(item("i-1", COM_1, ANN)),
                tx -> tx.revisions().insert(revision("i-1", 1, ANN)),
                tx -> tx.activities().append(activity(ANN, Verb.CREATED, itemRef("i-1"), Optional.empty())));
        for (int i = 0; i < writes.size(); i++) {
            Consumer<Transaction> write = writes.get(i);
            assertThatThrownBy(() -> storage.read(tx -> {
                write.accept(tx);
                return null;
            })).as("write attempt %s in a read transaction", i).isInstanceOf(RuntimeException.class);
        }
        read(tx -> {
            assertThat(tx.organizations().find(OrganizationId.of("org-new"))).isEmpty();
            assertThat(tx.organizations().find(OrganizationId.of(ORG_A))).contains(organization(ORG_A));
            assertThat(tx.members().find(MemberId.of("dan"))).isEmpty();
            assertThat(tx.memberships().listByMember(MemberId.of(CAT))).isEmpty();
            assertThat(tx.items().find(KnowledgeItemId.of("i-1"))).isEmpty();
            assertThat(tx.activities().list(ActivityFilter.all(), PageRequest.first()).items()).isEmpty();
            return null;
        });
        assertThat(storage.changes().head()).isEqualTo(head);
    }

    @Test
    @DisplayName("a write transaction sees its own uncommitted writes in finds and listings")
    public void transactionSeesItsOwnWrites() {
        givenWorld();
        storage.write(tx -> {
            tx.organizations().insert(organization("org-0"));
            assertThat(tx.organizations().find(OrganizationId.of("org-0"))).isPresent();
            assertThat(tx.organizations().list(PageRequest.first()).items()).extracting(o -> o.id().value())
                    .containsExactly("org-0", ORG_A, ORG_B, ORG_C);
            tx.organizations().update(touched(organization("org-0")));
            assertThat(tx.organizations().find(OrganizationId.of("org-0")).orElseThrow().version()).isEqualTo(2);
            tx.members().insert(member("dan", "org-0"));
            assertThat(tx.members().listByOrganization(OrganizationId.of("org-0"), PageRequest.first()).items())
                    .extracting(m -> m.id().value()).containsExactly("dan");
            tx.memberships().insert(membership(COM_1, "dan", MembershipState.ACTIVE));
            assertThat(tx.memberships().listByCommunity(CommunityId.of(COM_1), Set.of(MembershipState.ACTIVE),
                    PageRequest.first()).items()).extracting(m -> m.member().value()).containsExactly("dan");
            assertThat(tx.memberships().listByMember(MemberId.of("dan"))).hasSize(1);
            tx.practices().insert(practice("pra-0", COM_1, "dan"));
            assertThat(tx.practices().listStewardedBy(MemberId.of("dan"))).extracting(p -> p.id().value())
                    .containsExactly("pra-0");
            tx.items().insert(item("i-1", COM_1, "dan"));
            assertThat(tx.items().listByCommunity(CommunityId.of(COM_1), Optional.empty(), Set.of(),
                    PageRequest.first()).items()).extracting(i -> i.id().value()).containsExactly("i-1");
            tx.revisions().insert(revision("i-1", 1, "dan"));
            assertThat(tx.revisions().find(KnowledgeItemId.of("i-1"), 1)).isPresent();
            assertThat(tx.revisions().list(KnowledgeItemId.of("i-1"), PageRequest.first()).items()).hasSize(1);
            Activity a = tx.activities().append(activity("dan", Verb.CREATED, itemRef("i-1"), Optional.empty()));
            assertThat(tx.activities().list(ActivityFilter.all(), PageRequest.first()).items()).containsExactly(a);
            return null;
        });
        assertThat(read((Transaction tx) -> tx.organizations().find(OrganizationId.of("org-0")).orElseThrow().version())).isEqualTo(2);
    }

    @Test
    @Timeout(60)
    @DisplayName("a read transaction never sees another transaction's uncommitted writes")
    public void noDirtyReads() throws Exception {
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch observed = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean workDone = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<Thread> reader = new java.util.concurrent.atomic.AtomicReference<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> dirty = pool.submit(() -> {
                written.await(30, TimeUnit.SECONDS);
                reader.set(Thread.currentThread());
                boolean seen = storage.read(tx -> tx.organizations().find(OrganizationId.of("uncommitted")).isPresent());
                boolean dirtyRead = seen && !workDone.get();
                observed.countDown();
                return dirtyRead;
            });
            given(tx -> {
                tx.organizations().insert(organization("uncommitted"));
                written.countDown();
                // the transaction's work lasts until the reader has read (a backend that does not block readers
                // during writes) or is blocked by it (one that does): the condition, not a fixed time, so that a
                // reader slowed down by a loaded machine still reads in the middle of the transaction
                awaitReadOrBlocked(reader, observed);
                workDone.set(true);
            });
            assertThat(dirty.get(30, TimeUnit.SECONDS)).as("saw the row before its transaction's work ended").isFalse();
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(read((Transaction tx) -> tx.organizations().find(OrganizationId.of("uncommitted")))).isPresent();
    }

    /**
     * Waits until the reader has read ({@code observed}) or has been waiting (blocked, parked) for 100 ms
     * without a break, which a reader that a backend holds back until the writing transaction ends does;
     * at most 30 s.
     */
    private static void awaitReadOrBlocked(java.util.concurrent.atomic.AtomicReference<Thread> reader,
            java.util.concurrent.CountDownLatch observed) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long waitingSince = -1;
        try {
            while (System.nanoTime() - deadline < 0 && !observed.await(1, TimeUnit.MILLISECONDS)) {
                Thread t = reader.get();
                Thread.State state = t == null ? Thread.State.RUNNABLE : t.getState();
                boolean waiting = state == Thread.State.BLOCKED || state == Thread.State.WAITING
                        || state == Thread.State.TIMED_WAITING;
                if (!waiting) {
                    waitingSince = -1;
                } else if (waitingSince < 0) {
                    waitingSince = System.nanoTime();
                } else if (System.nanoTime() - waitingSince > TimeUnit.MILLISECONDS.toNanos(100)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @DisplayName("closing the storage twice is harmless")
    public void closeIsIdempotent() {
        Storage s = newStorage();
        s.close();
        s.close();
    }

    // ------------------------------------------------------------------------------------------------
    // text and time

    /** Text that trips up escaping, encodings and collations. */
    protected static final String EXOTIC = "O'Brien \"quoted\" `tick` \\back\\slash '; DROP TABLE x; -- %_*? "
            + "emoji 😀👩🏽‍💻🇳🇱 math 𝔘𝔫𝔦 CJK 漢字 "
            + "Arabic مرحبا بالعالم Hebrew שלום עולם ‏mixed‎ Zürich Ærø ß ǅ";

    @Test
    @DisplayName("text with quotes, SQL metacharacters, supplementary characters and right-to-left scripts round-trips exactly")
    public void exoticTextRoundTrips() {
        givenWorld();
        Organization o = org("org-x", EXOTIC, EXOTIC + "\n" + EXOTIC + "\t$1 ${x} ?1 :name", AT);
        KnowledgeItem base = item("i-x", COM_1, ANN);
        KnowledgeItem item = new KnowledgeItem(base.id(), base.community(), base.practice(), base.kind(),
                new ItemContent(EXOTIC, "```sql\n" + EXOTIC + "\n```\n", Set.of("c#", "ü-ber", "😀"), Set.of(),
                        Locale.forLanguageTag("ar")),
                base.audience(), base.status(), base.owner(), 1, List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), new org.copkit.knowledge.Provenance(org.copkit.knowledge.Provenance.Source.IMPORT,
                        Optional.of(EXOTIC), Optional.of(EXOTIC)), AT, AT, 1);
        given(tx -> {
            tx.organizations().insert(o);
            tx.members().insert(new Member(MemberId.of("rtl"), MemberProfile.of(EXOTIC, OrganizationId.of(ORG_A))
                    .withLocation("שלום, مرحبا"), AT, 1));
            tx.items().insert(item);
        });
        Organization stored = read(tx -> tx.organizations().find(o.id())).orElseThrow();
        assertThat(stored.name()).isEqualTo(o.name());
        assertThat(stored.description()).isEqualTo(o.description());
        assertThat(stored.name().codePointCount(0, stored.name().length()))
                .isEqualTo(o.name().codePointCount(0, o.name().length()));
        assertThat(read((Transaction tx) -> tx.members().find(MemberId.of("rtl"))).orElseThrow().profile().location())
                .contains("שלום, مرحبا");
        assertThat(read((Transaction tx) -> tx.items().find(item.id()))).contains(item);
    }

    @Test
    @DisplayName("ids with quotes, SQL wildcards, slashes and non-ASCII characters are stored and found exactly")
    public void exoticIdsRoundTrip() {
        List<String> ids = List.of("o'brien;--", "x%", "x_", "x\\y", "a/b", "über", "😀", "日本", "X%");
        given(tx -> ids.forEach(id -> tx.organizations().insert(organization(id))));
        for (String id : ids) {
            assertThat(read((Transaction tx) -> tx.organizations().find(OrganizationId.of(id)))).as(id).contains(organization(id));
        }
        assertThat(read((Transaction tx) -> tx.organizations().find(OrganizationId.of("x")))).isEmpty();
        assertThat(read((Transaction tx) -> tx.organizations().find(OrganizationId.of("xy")))).isEmpty();
        assertThat(read((Transaction tx) -> tx.organizations().find(OrganizationId.of("O'BRIEN;--")))).as("ids are case-sensitive")
                .isEmpty();
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.organizations().list(p), 2))).hasSize(ids.size());
        assertThat(allChanges()).extracting(c -> c.ref().id()).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    @DisplayName("a markdown body of about one megabyte round-trips exactly, in the item and in its revision")
    public void largeBodyRoundTrips() {
        givenWorld();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 1_000_000; i++) {
            sb.append("## Section ").append(i).append("\n\nParagraph with *emphasis*, `code`, ünïcödé, 😀 and ")
                    .append("a [link](https://example.org/").append(i).append(").\n\n");
        }
        String body = sb.substring(0, 1_000_000);
        if (Character.isHighSurrogate(body.charAt(body.length() - 1))) {
            body = body.substring(0, body.length() - 1);
        }
        ItemContent content = new ItemContent("Big", body, Set.of(), Set.of(), Locale.ENGLISH);
        KnowledgeItem base = item("i-big", COM_1, ANN);
        KnowledgeItem big = new KnowledgeItem(base.id(), base.community(), base.practice(), base.kind(), content,
                base.audience(), base.status(), base.owner(), 1, List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), base.provenance(), AT, AT, 1);
        Revision revision = new Revision(big.id(), 1, content, MemberId.of(ANN), AT, "");
        given(tx -> {
            tx.items().insert(big);
            tx.revisions().insert(revision);
        });
        String storedBody = read(tx -> tx.items().find(big.id())).orElseThrow().content().body();
        assertThat(storedBody).hasSameSizeAs(body);
        assertThat(storedBody.equals(body)).as("item body equals the original").isTrue();
        String revisionBody = read(tx -> tx.revisions().find(big.id(), 1)).orElseThrow().content().body();
        assertThat(revisionBody.equals(body)).as("revision body equals the original").isTrue();
    }

    @Test
    @DisplayName("NFC-normalised text comes back exactly as stored, neither decomposed nor re-normalised")
    public void normalisedTextRoundTrips() {
        String decomposed = "Cafe\u0301 \u212B ﬁ \u1E9B\u0323 한국어 "
                + Normalizer.normalize("한국어", Normalizer.Form.NFD);
        Organization o = org("nfc", decomposed, decomposed, AT);
        String nfc = Normalizer.normalize(decomposed, Normalizer.Form.NFC);
        assertThat(o.name()).as("the record normalises").isEqualTo(nfc);
        given(tx -> tx.organizations().insert(o));
        Organization stored = read(tx -> tx.organizations().find(o.id())).orElseThrow();
        assertThat(stored.name()).isEqualTo(nfc).hasSameSizeAs(nfc);
        assertThat(stored.description()).isEqualTo(nfc);
        assertThat(Normalizer.isNormalized(stored.name(), Normalizer.Form.NFC)).isTrue();
        assertThat(stored.name()).as("compatibility characters are not folded (NFKC)").contains("ﬁ");
    }

    @Test
    @DisplayName("instants keep at least microsecond precision: compared truncated to microseconds they round-trip")
    public void instantsKeepMicroseconds() {
        givenWorld();
        Instant nanos = Instant.parse("2024-07-15T12:34:56.123456321Z");
        Instant micros = nanos.truncatedTo(ChronoUnit.MICROS);
        given(tx -> {
            tx.items().insert(item("i-t", COM_1, ANN));
            tx.organizations().insert(org("org-t", "T", "", nanos));
            tx.memberships().insert(new Membership(CommunityId.of(COM_1), MemberId.of(CAT),
                    org.copkit.community.Role.MEMBER, MembershipState.ACTIVE, nanos, Optional.of(nanos.plusNanos(1)),
                    Optional.empty(), 1));
            tx.revisions().insert(new Revision(KnowledgeItemId.of("i-t"), 1, Fixtures.content("T"), MemberId.of(ANN),
                    nanos, ""));
            tx.activities().append(new Activity(0, MemberId.of(ANN), Verb.JOINED, itemRef("i-t"), Optional.empty(),
                    Optional.empty(), nanos, Visibility.platform(), Map.of()));
        });
        read(tx -> {
            assertThat(tx.organizations().find(OrganizationId.of("org-t")).orElseThrow().registeredAt()
                    .truncatedTo(ChronoUnit.MICROS)).isEqualTo(micros);
            Membership m = tx.memberships().find(new MembershipKey(CommunityId.of(COM_1), MemberId.of(CAT)))
                    .orElseThrow();
            assertThat(m.since().truncatedTo(ChronoUnit.MICROS)).isEqualTo(micros);
            assertThat(m.joinedAt().orElseThrow().truncatedTo(ChronoUnit.MICROS)).isEqualTo(micros);
            assertThat(tx.revisions().find(KnowledgeItemId.of("i-t"), 1).orElseThrow().at()
                    .truncatedTo(ChronoUnit.MICROS)).isEqualTo(micros);
            assertThat(tx.activities().list(ActivityFilter.all(), PageRequest.first()).items().get(0).at()
                    .truncatedTo(ChronoUnit.MICROS)).isEqualTo(micros);
            return null;
        });
    }

    @Test
    @DisplayName("microsecond-precise instants round-trip exactly, before and after the epoch, from 1900 to 2199")
    public void microsecondInstantsRoundTripExactly() {
        givenWorld();
        List<Instant> instants = List.of(Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999999Z"),
                Instant.parse("1900-01-01T00:00:00Z"), Instant.parse("2199-12-31T23:59:59.999999Z"),
                Instant.parse("2024-03-31T01:30:00.000001Z"), Instant.parse("2024-10-27T02:30:00.5Z"));
        given(tx -> {
            for (int i = 0; i < instants.size(); i++) {
                tx.organizations().insert(org("t-" + i, "T" + i, "", instants.get(i)));
            }
        });
        for (int i = 0; i < instants.size(); i++) {
            String id = "t-" + i;
            assertThat(read((Transaction tx) -> tx.organizations().find(OrganizationId.of(id))).orElseThrow().registeredAt())
                    .isEqualTo(instants.get(i));
        }
        KnowledgeItem full = Fixtures.publishedItem("i-full", COM_1, PRA_1, ANN, BOB, CAT, "i-succ", ORG_A, ORG_B);
        given(tx -> {
            tx.items().insert(item("i-succ", COM_1, ANN));
            tx.items().insert(full);
        });
        KnowledgeItem stored = read(tx -> tx.items().find(full.id())).orElseThrow();
        assertThat(stored.reviewBy()).isEqualTo(full.reviewBy());
        assertThat(stored.publishedAt()).isEqualTo(full.publishedAt());
        assertThat(stored.approvals()).extracting(a -> a.at()).containsExactly(at(10), at(20));
        assertThat(stored.updatedAt()).isEqualTo(at(40));
    }

    // ------------------------------------------------------------------------------------------------
    // concurrency

    private static final int THREADS = 8;

    @Test
    @Timeout(120)
    @DisplayName("8 threads updating the same item from the same version: exactly one wins each round, the others conflict, no update is lost")
    public void concurrentUpdatesOfOneItem() throws Exception {
        givenWorld();
        KnowledgeItem hot = item("i-hot", COM_1, ANN);
        given(tx -> tx.items().insert(hot));
        int rounds = 5;
        int successes = 0;
        int conflicts = 0;
        String lastWinner = null;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < rounds; round++) {
                KnowledgeItem current = read(tx -> tx.items().find(hot.id())).orElseThrow();
                assertThat(current.version()).isEqualTo(1L + round);
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<KnowledgeItem>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    String title = "round " + round + " thread " + t;
                    futures.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        return storage.write(tx -> tx.items().update(Fixtures.retitled(current, title)));
                    }));
                }
                int roundSuccesses = 0;
                for (Future<KnowledgeItem> f : futures) {
                    try {
                        lastWinner = f.get(60, TimeUnit.SECONDS).title();
                        roundSuccesses++;
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof ConflictException)) {
                            throw new AssertionError("expected only ConflictException but got " + e.getCause(), e);
                        }
                        conflicts++;
                    }
                }
                assertThat(roundSuccesses).as("winners in round %s", round).isEqualTo(1);
                successes += roundSuccesses;
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(successes).isEqualTo(rounds);
        assertThat(conflicts).isEqualTo(rounds * (THREADS - 1));
        KnowledgeItem last = read(tx -> tx.items().find(hot.id())).orElseThrow();
        assertThat(last.version()).isEqualTo(1L + rounds);
        assertThat(last.title()).isEqualTo(lastWinner);
        assertThat(allChanges()).filteredOn(c -> c.ref().equals(itemRef("i-hot"))).extracting(Change::version)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    @Timeout(120)
    @DisplayName("concurrent inserts of distinct rows all land, with exactly one change each and strictly increasing sequences")
    public void concurrentInsertsAllLand() throws Exception {
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        Set<String> expected = new HashSet<>();
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                for (int i = 0; i < perThread; i++) {
                    expected.add(String.format("org-%d-%02d", thread, i));
                }
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    for (int i = 0; i < perThread; i++) {
                        String id = String.format("org-%d-%02d", thread, i);
                        storage.write(tx -> tx.organizations().insert(organization(id)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.organizations().list(p), 37))).extracting(o -> o.id().value())
                .containsExactlyElementsOf(expected.stream().sorted().toList());
        List<Change> changes = allChanges();
        assertThat(changes).hasSize(THREADS * perThread);
        assertThat(changes).extracting(c -> c.ref().id()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(changes).extracting(Change::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(changes).allSatisfy(c -> assertThat(c.version()).isEqualTo(1L));
        assertThat(storage.changes().head()).isEqualTo(changes.get(changes.size() - 1).sequence());
    }

    // =====================================================================================================
    // Participation levels, endorsements and value stories (and activities of a community since an instant)
    // =====================================================================================================

    @Test
    @DisplayName("participation levels round-trip by community and member, conflict on a duplicate or stale write, and feed the change feed")
    public void participationLevelsRoundTrip() {
        givenWorld();
        long head = storage.changes().head();
        var level = Fixtures.participationLevel(COM_1, ANN, org.copkit.participation.Level.ACTIVE);
        MembershipKey key = new MembershipKey(CommunityId.of(COM_1), MemberId.of(ANN));
        given(tx -> tx.participationLevels().insert(level));
        assertThat(read((Transaction tx) -> tx.participationLevels().find(key))).contains(level);
        assertThatThrownBy(() -> given(tx -> tx.participationLevels().insert(level)))
                .isInstanceOf(ConflictException.class);
        var core = new org.copkit.participation.ParticipationLevel(level.community(), level.member(),
                org.copkit.participation.Level.CORE, at(100), 2);
        given(tx -> tx.participationLevels().update(core));
        assertThatThrownBy(() -> given(tx -> tx.participationLevels().update(core)))
                .isInstanceOf(ConflictException.class);
        assertThat(read((Transaction tx) -> tx.participationLevels().find(key))).contains(core);
        assertThat(storage.changes().after(head, 100)).extracting(Change::ref, Change::version).containsExactly(
                tuple(new Ref(ObjectType.PARTICIPATION_LEVEL, COM_1 + "/" + ANN), 1L),
                tuple(new Ref(ObjectType.PARTICIPATION_LEVEL, COM_1 + "/" + ANN), 2L));
    }

    @Test
    @DisplayName("participation levels of one community are listed by member id, page by page, and no other community's")
    public void participationLevelsListByCommunity() {
        givenWorld();
        given(tx -> {
            for (String m : List.of("m-05", "m-01", "m-04", "m-02", "m-03")) {
                tx.participationLevels().insert(Fixtures.participationLevel(COM_1, m,
                        org.copkit.participation.Level.PERIPHERAL));
            }
            tx.participationLevels().insert(Fixtures.participationLevel(COM_2, "m-00",
                    org.copkit.participation.Level.CORE));
        });
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.participationLevels()
                .listByCommunity(CommunityId.of(COM_1), p), 2))).extracting(l -> l.member().value())
                .containsExactly("m-01", "m-02", "m-03", "m-04", "m-05");
    }

    @Test
    @DisplayName("endorsements round-trip, are found by endorsee, competency and endorser, and are unique per that triple")
    public void endorsementsRoundTripAndUniqueness() {
        givenWorld();
        long head = storage.changes().head();
        var e = Fixtures.endorsement("end-1", ANN, COMP_1, BOB);
        given(tx -> tx.endorsements().insert(e));
        assertThat(read((Transaction tx) -> tx.endorsements().find(e.id()))).contains(e);
        assertThat(read((Transaction tx) -> tx.endorsements().find(MemberId.of(ANN), CompetencyId.of(COMP_1), MemberId.of(BOB))))
                .contains(e);
        assertThat(read((Transaction tx) -> tx.endorsements().find(MemberId.of(BOB), CompetencyId.of(COMP_1), MemberId.of(ANN))))
                .isEmpty();
        assertThatThrownBy(() -> given(tx -> tx.endorsements().insert(Fixtures.endorsement("end-2", ANN, COMP_1, BOB))))
                .isInstanceOf(ConflictException.class);
        assertThat(read((Transaction tx) -> tx.endorsements().find(org.copkit.member.EndorsementId.of("end-2")))).isEmpty();
        var withdrawn = new org.copkit.member.Endorsement(e.id(), e.endorsee(), e.competency(), e.endorser(),
                e.endorsedAt(), Optional.of(at(50)), 2);
        given(tx -> tx.endorsements().update(withdrawn));
        assertThatThrownBy(() -> given(tx -> tx.endorsements().update(withdrawn))).isInstanceOf(ConflictException.class);
        assertThat(read((Transaction tx) -> tx.endorsements().find(e.id()))).contains(withdrawn);
        assertThat(storage.changes().after(head, 100)).extracting(Change::ref, Change::version).containsExactly(
                tuple(new Ref(ObjectType.ENDORSEMENT, "end-1"), 1L), tuple(new Ref(ObjectType.ENDORSEMENT, "end-1"), 2L));
    }

    @Test
    @DisplayName("endorsements of one member are listed by id, page by page, withdrawn ones included")
    public void endorsementsListByEndorsee() {
        givenWorld();
        given(tx -> {
            tx.endorsements().insert(Fixtures.endorsement("end-3", ANN, COMP_1, BOB));
            tx.endorsements().insert(Fixtures.endorsement("end-1", ANN, COMP_2, BOB));
            tx.endorsements().insert(Fixtures.endorsement("end-2", ANN, COMP_1, CAT));
            tx.endorsements().insert(Fixtures.endorsement("end-0", BOB, COMP_1, ANN));
            tx.endorsements().update(new org.copkit.member.Endorsement(org.copkit.member.EndorsementId.of("end-2"),
                    MemberId.of(ANN), CompetencyId.of(COMP_1), MemberId.of(CAT), AT, Optional.of(at(9)), 2));
        });
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.endorsements().listByEndorsee(MemberId.of(ANN), p), 2)))
                .extracting(x -> x.id().value()).containsExactly("end-1", "end-2", "end-3");
    }

    @Test
    @DisplayName("value stories round-trip with evidence in order and audience, conflict when stale, list by community and feed the change feed")
    public void valueStoriesRoundTrip() {
        givenWorld();
        long head = storage.changes().head();
        var s = Fixtures.valueStory("vs-2", COM_1, ANN);
        given(tx -> {
            tx.valueStories().insert(s);
            tx.valueStories().insert(Fixtures.valueStory("vs-1", COM_1, BOB));
            tx.valueStories().insert(Fixtures.valueStory("vs-3", COM_1, CAT));
            tx.valueStories().insert(Fixtures.valueStory("vs-0", COM_2, BOB));
        });
        assertThat(read((Transaction tx) -> tx.valueStories().find(s.id()))).contains(s);
        assertThatThrownBy(() -> given(tx -> tx.valueStories().insert(s))).isInstanceOf(ConflictException.class);
        var edited = new org.copkit.value.ValueStory(s.id(), s.community(), s.author(), s.content().withEvidence(
                List.of(new Ref(ObjectType.COMMUNITY, COM_1), itemRef("i-9"))), Audience.community(), s.createdAt(),
                at(60), 2);
        given(tx -> tx.valueStories().update(edited));
        assertThatThrownBy(() -> given(tx -> tx.valueStories().update(edited))).isInstanceOf(ConflictException.class);
        assertThat(read((Transaction tx) -> tx.valueStories().find(s.id()))).contains(edited);
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.valueStories().listByCommunity(CommunityId.of(COM_1), p),
                2))).extracting(x -> x.id().value()).containsExactly("vs-1", "vs-2", "vs-3");
        assertThat(storage.changes().after(head, 100)).filteredOn(c -> c.ref().id().equals("vs-2"))
                .extracting(Change::ref, Change::version).containsExactly(
                        tuple(new Ref(ObjectType.VALUE_STORY, "vs-2"), 1L), tuple(new Ref(ObjectType.VALUE_STORY, "vs-2"), 2L));
    }

    @Test
    @DisplayName("activities of a community since an instant are listed oldest first, from that instant on, page by page")
    public void activitiesOfACommunitySince() {
        givenWorld();
        Optional<CommunityId> com1 = Optional.of(CommunityId.of(COM_1));
        given(tx -> {
            for (int i = 0; i < 7; i++) {
                Activity a = activity(ANN, Verb.EDITED, itemRef("i-" + i), com1);
                tx.activities().append(new Activity(0, a.actor(), a.verb(), a.object(), a.target(), a.community(),
                        at(i * 10L), a.visibility(), a.details()));
            }
            tx.activities().append(activity(ANN, Verb.EDITED, itemRef("i-other"), Optional.of(CommunityId.of(COM_2))));
            tx.activities().append(activity(ANN, Verb.EDITED, itemRef("i-none"), Optional.empty()));
        });
        List<Activity> since = read((Transaction tx) -> readAllPages(p -> tx.activities()
                .listSince(CommunityId.of(COM_1), at(20), p), 2));
        assertThat(since).extracting(a -> a.object().id()).containsExactly("i-2", "i-3", "i-4", "i-5", "i-6");
        assertThat(since).extracting(Activity::sequence).isSorted();
        assertThat(read((Transaction tx) -> tx.activities().listSince(CommunityId.of(COM_1), at(1_000), PageRequest.first(5)))
                .items()).isEmpty();
        assertThatThrownBy(() -> read(tx -> tx.activities().listSince(CommunityId.of(COM_1), AT,
                PageRequest.first(5).after("not-a-number")))).isInstanceOf(InvalidInputException.class);
    }

    // ------------------------------------------------------------------------------------------------
    // freshness and subscriptions: review tasks, items due for review, subscriptions, preferences

    /**
     * Six subscriptions: CAT and ANN follow the community, BOB and ANN the tag "warmtepomp", BOB the tag
     * "zonnepaneel", and ANN the member, whose subscription (sub-5) is then updated once.
     */
    private void givenSubscriptionsOf(Ref community, Ref member) {
        given(tx -> {
            tx.subscriptions().insert(Fixtures.subscription("sub-1", CAT, community));
            tx.subscriptions().insert(Fixtures.subscription("sub-2", ANN, community));
            tx.subscriptions().insert(Fixtures.subscription("sub-3", BOB, tagRef("warmtepomp")));
            tx.subscriptions().insert(Fixtures.subscription("sub-4", ANN, tagRef("warmtepomp")));
            tx.subscriptions().insert(Fixtures.subscription("sub-5", ANN, member));
            tx.subscriptions().insert(Fixtures.subscription("sub-6", BOB, tagRef("zonnepaneel")));
        });
        given(tx -> tx.subscriptions().update(Fixtures.touched(tx.subscriptions()
                .find(org.copkit.subscription.SubscriptionId.of("sub-5")).orElseThrow())));
    }

    private static Ref tagRef(String tag) {
        return new Ref(ObjectType.TAG, tag);
    }

    @Test
    @DisplayName("review tasks, subscriptions and preferences round-trip, conflict on a stale or duplicate write and leave change-feed entries")
    public void freshnessAggregatesRoundTrip() {
        givenWorld();
        given(tx -> tx.items().insert(item("item-1", COM_1, ANN)));
        long head = storage.changes().head();
        List<Aggregate<?, ?>> aggregates = List.of(
                new Aggregate<org.copkit.review.ReviewTaskId, org.copkit.review.ReviewTask>("review task",
                        new Ref(ObjectType.REVIEW_TASK, "task-1"), org.copkit.review.ReviewTaskId.of("task-1"),
                        Fixtures.reviewTask("task-1", "item-1", COM_1, ANN, BOB), Transaction::reviewTasks,
                        Fixtures::touched),
                new Aggregate<org.copkit.subscription.SubscriptionId, org.copkit.subscription.Subscription>(
                        "subscription", new Ref(ObjectType.SUBSCRIPTION, "sub-1"),
                        org.copkit.subscription.SubscriptionId.of("sub-1"),
                        Fixtures.subscription("sub-1", CAT, tagRef("omgevingswet")), Transaction::subscriptions,
                        Fixtures::touched),
                new Aggregate<MemberId, org.copkit.subscription.NotificationPreference>("preference",
                        new Ref(ObjectType.NOTIFICATION_PREFERENCE, CAT), MemberId.of(CAT),
                        Fixtures.preference(CAT, org.copkit.subscription.NotificationFrequency.DAILY),
                        Transaction::notificationPreferences, Fixtures::touched));
        for (Aggregate<?, ?> a : aggregates) {
            roundTrip(a);
            staleAndDuplicateWritesConflict(a);
        }
        assertThat(changesAfter(head)).extracting(c -> tuple(c.ref(), c.version())).containsExactly(
                tuple(new Ref(ObjectType.REVIEW_TASK, "task-1"), 1L), tuple(new Ref(ObjectType.REVIEW_TASK, "task-1"), 2L),
                tuple(new Ref(ObjectType.SUBSCRIPTION, "sub-1"), 1L), tuple(new Ref(ObjectType.SUBSCRIPTION, "sub-1"), 2L),
                tuple(new Ref(ObjectType.NOTIFICATION_PREFERENCE, CAT), 1L),
                tuple(new Ref(ObjectType.NOTIFICATION_PREFERENCE, CAT), 2L));
    }

    private <K, T> void staleAndDuplicateWritesConflict(Aggregate<K, T> a) {
        T stored = find(a).orElseThrow();
        assertThatThrownBy(() -> insert(a)).as("%s inserted twice", a).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> update(a, a.touched().apply(a.entity()))).as("%s updated from a stale version", a)
                .isInstanceOf(ConflictException.class);
        assertThat(find(a)).as("%s after the rejected writes", a).contains(stored);
    }

    @Test
    @DisplayName("a closed review task keeps its assignees, reason, note and both instants")
    public void closedReviewTaskRoundTrips() {
        givenWorld();
        given(tx -> tx.items().insert(item("item-1", COM_1, ANN)));
        org.copkit.review.ReviewTask open = Fixtures.reviewTask("task-1", "item-1", COM_1, ANN, BOB, CAT);
        given(tx -> tx.reviewTasks().insert(open));
        given(tx -> tx.reviewTasks().update(open.close(at(7_200))));

        org.copkit.review.ReviewTask done = read((Transaction tx) -> tx.reviewTasks().find(open.id())).orElseThrow();

        assertThat(done.status()).isEqualTo(org.copkit.review.ReviewTaskStatus.DONE);
        assertThat(done.closedAt()).contains(at(7_200));
        assertThat(done.createdAt()).isEqualTo(AT);
        assertThat(done.assignees()).containsExactlyInAnyOrder(MemberId.of(ANN), MemberId.of(BOB), MemberId.of(CAT));
        assertThat(done.note()).isEqualTo(open.note());
        assertThat(done.reason()).isEqualTo(open.reason());
    }

    @Test
    @DisplayName("review tasks are listed by item, by assignee and by community, filtered by status and paged by id")
    public void reviewTaskListings() {
        givenWorld();
        given(tx -> {
            tx.items().insert(item("item-1", COM_1, ANN));
            tx.items().insert(item("item-2", COM_2, BOB));
            for (int n = 1; n <= 5; n++) {
                tx.reviewTasks().insert(Fixtures.reviewTask(String.format("task-%02d", n), "item-1", COM_1, ANN));
            }
            tx.reviewTasks().insert(Fixtures.reviewTask("task-06", "item-2", COM_2, BOB, ANN));
            tx.reviewTasks().insert(Fixtures.reviewTask("task-07", "item-2", COM_2, BOB));
        });
        given(tx -> tx.reviewTasks().update(tx.reviewTasks().find(org.copkit.review.ReviewTaskId.of("task-02"))
                .orElseThrow().close(at(60))));
        Set<org.copkit.review.ReviewTaskStatus> open = Set.of(org.copkit.review.ReviewTaskStatus.OPEN);
        Function<List<org.copkit.review.ReviewTask>, List<String>> ids = l -> l.stream().map(t -> t.id().value())
                .toList();

        assertThat(ids.apply(read((Transaction tx) -> tx.reviewTasks().listByItem(KnowledgeItemId.of("item-2")))))
                .containsExactly("task-06", "task-07");
        assertThat(ids.apply(read((Transaction tx) -> readAllPages(p -> tx.reviewTasks().listByAssignee(MemberId.of(ANN),
                Set.of(), p), 2)))).containsExactly("task-01", "task-02", "task-03", "task-04", "task-05", "task-06");
        assertThat(ids.apply(read((Transaction tx) -> readAllPages(p -> tx.reviewTasks().listByAssignee(MemberId.of(ANN), open,
                p), 2)))).containsExactly("task-01", "task-03", "task-04", "task-05", "task-06");
        assertThat(ids.apply(read((Transaction tx) -> readAllPages(p -> tx.reviewTasks().listByCommunity(CommunityId.of(COM_1),
                open, p), 3)))).containsExactly("task-01", "task-03", "task-04", "task-05");
        assertThat(ids.apply(read((Transaction tx) -> readAllPages(p -> tx.reviewTasks().listByCommunity(CommunityId.of(COM_2),
                Set.of(org.copkit.review.ReviewTaskStatus.DONE), p), 3)))).isEmpty();
    }

    @Test
    @DisplayName("items due for review are the PUBLISHED ones whose review-by date is strictly before the moment, in any community, paged by id")
    public void itemsDueForReview() {
        givenWorld();
        Instant t = at(86_400);
        given(tx -> {
            for (int n = 1; n <= 5; n++) {
                tx.items().insert(Fixtures.dueItem(String.format("due-%02d", n), n % 2 == 0 ? COM_1 : COM_2, ANN,
                        t.minusSeconds(n)));
            }
            tx.items().insert(Fixtures.dueItem("at-the-moment", COM_1, ANN, t));
            tx.items().insert(Fixtures.dueItem("later", COM_1, ANN, t.plusSeconds(1)));
            tx.items().insert(Fixtures.dueItem("needs-review", COM_1, ANN, at(1)));
            tx.items().insert(item("draft", COM_1, ANN));
        });
        given(tx -> tx.items().update(Fixtures.withStatus(tx.items().find(KnowledgeItemId.of("needs-review"))
                .orElseThrow(), ItemStatus.NEEDS_REVIEW)));

        assertThat(read((Transaction tx) -> readAllPages(p -> tx.items().listDueForReview(t, p), 2)))
                .extracting(i -> i.id().value()).containsExactly("due-01", "due-02", "due-03", "due-04", "due-05");
        assertThat(read((Transaction tx) -> tx.items().listDueForReview(at(0), PageRequest.first()).items())).isEmpty();
    }

    @Test
    @DisplayName("subscriptions are found by member and target, listed per member and per target (active only), and unique per member and target")
    public void subscriptionListings() {
        givenWorld();
        Ref community = new Ref(ObjectType.COMMUNITY, COM_1);
        given(tx -> {
            tx.subscriptions().insert(Fixtures.subscription("sub-1", ANN, community));
            tx.subscriptions().insert(Fixtures.subscription("sub-2", CAT, community));
            tx.subscriptions().insert(Fixtures.subscription("sub-3", BOB, community));
            tx.subscriptions().insert(Fixtures.subscription("sub-4", ANN, tagRef("warmtepomp")));
            tx.subscriptions().insert(Fixtures.subscription("sub-5", ANN, new Ref(ObjectType.MEMBER, CAT)));
        });
        given(tx -> tx.subscriptions().update(Fixtures.touched(tx.subscriptions()
                .find(org.copkit.subscription.SubscriptionId.of("sub-5")).orElseThrow())));

        assertThat(read((Transaction tx) -> tx.subscriptions().find(MemberId.of(ANN), tagRef("warmtepomp"))))
                .map(s -> s.id().value()).contains("sub-4");
        assertThat(read((Transaction tx) -> tx.subscriptions().find(MemberId.of(ANN), new Ref(ObjectType.MEMBER, CAT))))
                .hasValueSatisfying(s -> assertThat(s.active()).isFalse());
        assertThat(read((Transaction tx) -> tx.subscriptions().find(MemberId.of(BOB), tagRef("warmtepomp")))).isEmpty();
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.subscriptions().listByMember(MemberId.of(ANN), p), 1)))
                .extracting(s -> s.id().value()).containsExactly("sub-1", "sub-4");
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.subscriptions().listByTarget(community, p), 2)))
                .extracting(s -> s.member().value()).containsExactly(ANN, BOB, CAT);
        assertThat(read((Transaction tx) -> tx.subscriptions().listByTarget(new Ref(ObjectType.MEMBER, CAT), PageRequest.first())
                .items())).isEmpty();
        assertThatThrownBy(() -> storage.write(tx -> tx.subscriptions().insert(Fixtures.subscription("sub-9", ANN,
                community)))).isInstanceOf(ConflictException.class);
        assertThat(read((Transaction tx) -> tx.subscriptions().find(org.copkit.subscription.SubscriptionId.of("sub-9")))).isEmpty();
    }

    // =====================================================================================================
    // Sessions, answers (RSVPs) and attendance
    // =====================================================================================================

    private static org.copkit.spi.SessionMemberKey smKey(String session, String member) {
        return new org.copkit.spi.SessionMemberKey(org.copkit.session.SessionId.of(session), MemberId.of(member));
    }

    @Test
    @DisplayName("a session with every optional part round-trips exactly, is updated with version + 1, and a stale update conflicts")
    public void sessionRoundTripAndConflict() {
        givenWorld();
        org.copkit.session.Session s = Fixtures.session("ses-1", COM_1, ANN, 86_400);
        given(tx -> tx.sessions().insert(s));
        assertThat(read((Transaction tx) -> tx.sessions().find(s.id()))).contains(s);
        org.copkit.session.Session changed = Fixtures.touched(s);
        given(tx -> tx.sessions().update(changed));
        assertThat(read((Transaction tx) -> tx.sessions().find(s.id()))).contains(changed);
        assertThatThrownBy(() -> given(tx -> tx.sessions().update(Fixtures.touched(s))))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> given(tx -> tx.sessions().insert(s))).isInstanceOf(ConflictException.class);
        assertThat(read((Transaction tx) -> tx.sessions().find(s.id()))).contains(changed);
    }

    @Test
    @DisplayName("sessions of a community are listed by start then id, ascending or descending, with cursors that page every row once")
    public void sessionsListedByStart() {
        givenWorld();
        given(tx -> {
            tx.sessions().insert(Fixtures.session("ses-3", COM_1, ANN, 300));
            tx.sessions().insert(Fixtures.session("ses-1", COM_1, ANN, 100));
            tx.sessions().insert(Fixtures.session("ses-2", COM_1, BOB, 300));
            tx.sessions().insert(Fixtures.session("ses-4", COM_1, BOB, 200));
            tx.sessions().insert(Fixtures.session("ses-9", COM_2, ANN, 50));
        });
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.sessions().listByCommunity(CommunityId.of(COM_1),
                false, p), 2))).extracting(x -> x.id().value()).containsExactly("ses-1", "ses-4", "ses-2", "ses-3");
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.sessions().listByCommunity(CommunityId.of(COM_1),
                true, p), 3))).extracting(x -> x.id().value()).containsExactly("ses-3", "ses-2", "ses-4", "ses-1");
        assertThat(read((Transaction tx) -> tx.sessions().listByHost(MemberId.of(ANN)))).extracting(x -> x.id().value())
                .containsExactly("ses-9", "ses-1", "ses-3");
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.sessions().list(p), 2)))
                .extracting(x -> x.id().value()).containsExactly("ses-1", "ses-2", "ses-3", "ses-4", "ses-9");
        assertThatThrownBy(() -> read((Transaction tx) -> tx.sessions().listByCommunity(CommunityId.of(COM_1), false,
                PageRequest.first().after("not a cursor")))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    @DisplayName("answers round-trip, list by session in arrival order and by member in session order, and conflict on stale versions")
    public void rsvpsRoundTripAndListings() {
        givenWorld();
        given(tx -> {
            tx.sessions().insert(Fixtures.session("ses-1", COM_1, ANN, 100));
            tx.sessions().insert(Fixtures.session("ses-2", COM_1, ANN, 200));
            tx.rsvps().insert(Fixtures.rsvp("ses-1", CAT, org.copkit.session.Placement.WAITLISTED, 3));
            tx.rsvps().insert(Fixtures.rsvp("ses-1", BOB, org.copkit.session.Placement.CONFIRMED, 1));
            tx.rsvps().insert(Fixtures.rsvp("ses-2", BOB, org.copkit.session.Placement.CONFIRMED, 1));
        });
        org.copkit.session.Rsvp catRsvp = Fixtures.rsvp("ses-1", CAT, org.copkit.session.Placement.WAITLISTED, 3);
        assertThat(read((Transaction tx) -> tx.rsvps().find(smKey("ses-1", CAT)))).contains(catRsvp);
        assertThat(read((Transaction tx) -> tx.rsvps().listBySession(org.copkit.session.SessionId.of("ses-1"))))
                .extracting(r -> r.member().value()).containsExactly(BOB, CAT);
        assertThat(read((Transaction tx) -> tx.rsvps().listByMember(MemberId.of(BOB)))).extracting(r -> r.session().value())
                .containsExactly("ses-1", "ses-2");
        given(tx -> tx.rsvps().update(Fixtures.touched(catRsvp)));
        assertThat(read((Transaction tx) -> tx.rsvps().find(smKey("ses-1", CAT)))).contains(Fixtures.touched(catRsvp));
        assertThat(read((Transaction tx) -> tx.rsvps().listBySession(org.copkit.session.SessionId.of("ses-1"))))
                .extracting(r -> r.member().value()).containsExactly(BOB, CAT);
        assertThatThrownBy(() -> given(tx -> tx.rsvps().update(Fixtures.touched(catRsvp))))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    @DisplayName("attendance round-trips, lists by check-in time, rejects a second insert, and every session write appears in the change feed as sessionId/memberId")
    public void attendanceAndChangeFeed() {
        givenWorld();
        long head = storage().changes().head();
        given(tx -> {
            tx.sessions().insert(Fixtures.session("ses-1", COM_1, ANN, 100));
            tx.rsvps().insert(Fixtures.rsvp("ses-1", CAT, org.copkit.session.Placement.CONFIRMED, 1));
            tx.attendances().insert(Fixtures.attendance("ses-1", CAT, ANN, 200));
            tx.attendances().insert(Fixtures.attendance("ses-1", BOB, ANN, 150));
        });
        assertThat(read((Transaction tx) -> tx.attendances().find(smKey("ses-1", CAT))))
                .contains(Fixtures.attendance("ses-1", CAT, ANN, 200));
        assertThat(read((Transaction tx) -> tx.attendances().listBySession(org.copkit.session.SessionId.of("ses-1"))))
                .extracting(a -> a.member().value()).containsExactly(BOB, CAT);
        assertThatThrownBy(() -> given(tx -> tx.attendances().insert(Fixtures.attendance("ses-1", CAT, BOB, 300))))
                .isInstanceOf(ConflictException.class);
        assertThat(storage().changes().after(head, 100)).extracting(Change::ref).containsExactly(
                new Ref(ObjectType.SESSION, "ses-1"), new Ref(ObjectType.RSVP, "ses-1/" + CAT),
                new Ref(ObjectType.ATTENDANCE, "ses-1/" + CAT), new Ref(ObjectType.ATTENDANCE, "ses-1/" + BOB));
    }

    // ---- questions and discussions: conversations, posts, their revisions and votes

    private static org.copkit.conversation.Conversation nextVersion(org.copkit.conversation.Conversation c,
            org.copkit.conversation.ConversationStatus status, Optional<org.copkit.conversation.PostId> accepted) {
        return new org.copkit.conversation.Conversation(c.id(), c.community(), c.practice(), c.kind(), c.content(),
                c.audience(), c.author(), status, c.revision(), accepted, c.duplicateOf(), c.promotedTo(),
                c.score() + 1, c.createdAt(), at(100), c.version() + 1);
    }

    @Test
    @DisplayName("conversations and posts round-trip with every field, and each insert and update enters the change feed")
    public void conversationsAndPostsRoundTrip() {
        givenWorld();
        org.copkit.conversation.Conversation q = Fixtures.question("conv-1", COM_1, ANN);
        org.copkit.conversation.Post a = Fixtures.answer("post-1", "conv-1", BOB);
        org.copkit.conversation.Post c = new org.copkit.conversation.Post(org.copkit.conversation.PostId.of("post-2"),
                q.id(), org.copkit.conversation.PostKind.COMMENT, Optional.of(a.id()), MemberId.of(CAT),
                "Comment with \u00e9 and \ud83d\ude00", 1, -3, at(5), at(6), 1);
        given(tx -> {
            tx.conversations().insert(q);
            tx.posts().insert(a);
            tx.posts().insert(c);
        });
        org.copkit.conversation.Conversation answered = nextVersion(q,
                org.copkit.conversation.ConversationStatus.ANSWERED, Optional.of(a.id()));
        given(tx -> tx.conversations().update(answered));

        assertThat(read((Transaction tx) -> tx.conversations().find(q.id()))).contains(answered);
        assertThat(read((Transaction tx) -> tx.posts().find(c.id()))).contains(c);
        assertThat(allChanges()).extracting(Change::ref, Change::version).contains(
                tuple(new Ref(ObjectType.CONVERSATION, "conv-1"), 1L), tuple(new Ref(ObjectType.POST, "post-1"), 1L),
                tuple(new Ref(ObjectType.POST, "post-2"), 1L), tuple(new Ref(ObjectType.CONVERSATION, "conv-1"), 2L));
    }

    @Test
    @DisplayName("a conversation or post update from a stale version conflicts and writes nothing")
    public void conversationAndPostConflicts() {
        givenWorld();
        org.copkit.conversation.Conversation q = Fixtures.question("conv-1", COM_1, ANN);
        org.copkit.conversation.Post a = Fixtures.answer("post-1", "conv-1", BOB);
        given(tx -> {
            tx.conversations().insert(q);
            tx.posts().insert(a);
        });
        long head = storage().changes().head();
        org.copkit.conversation.Conversation skipping = nextVersion(nextVersion(q,
                org.copkit.conversation.ConversationStatus.OPEN, Optional.empty()),
                org.copkit.conversation.ConversationStatus.OPEN, Optional.empty());

        assertThatThrownBy(() -> given(tx -> tx.conversations().update(skipping))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> given(tx -> tx.conversations().insert(q))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> given(tx -> tx.posts().insert(a))).isInstanceOf(ConflictException.class);
        assertThat(read((Transaction tx) -> tx.conversations().find(q.id()))).contains(q);
        assertThat(storage().changes().head()).isEqualTo(head);
    }

    @Test
    @DisplayName("conversations list by community with kind and status filters, and posts by conversation, keyset-paged by id")
    public void conversationAndPostListings() {
        givenWorld();
        given(tx -> {
            for (int i = 0; i < 7; i++) {
                org.copkit.conversation.Conversation q = Fixtures.question(String.format("conv-%02d", i),
                        i < 5 ? COM_1 : COM_2, ANN);
                tx.conversations().insert(i % 2 == 0 ? q : new org.copkit.conversation.Conversation(q.id(),
                        q.community(), q.practice(), org.copkit.conversation.ConversationKind.DISCUSSION, q.content(),
                        q.audience(), q.author(), q.status(), 1, Optional.empty(), Optional.empty(), Optional.empty(),
                        0, AT, AT, 1));
            }
            for (int i = 0; i < 5; i++) {
                tx.posts().insert(Fixtures.answer(String.format("post-%02d", 4 - i), i < 4 ? "conv-00" : "conv-02",
                        BOB));
            }
        });

        assertThat(read((Transaction tx) -> readAllPages(p -> tx.conversations().listByCommunity(
                CommunityId.of(COM_1), Set.of(), Set.of(), p), 2))).extracting(c -> c.id().value())
                .containsExactly("conv-00", "conv-01", "conv-02", "conv-03", "conv-04");
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.conversations().listByCommunity(
                CommunityId.of(COM_1), Set.of(org.copkit.conversation.ConversationKind.QUESTION),
                Set.of(org.copkit.conversation.ConversationStatus.OPEN), p), 2))).extracting(c -> c.id().value())
                .containsExactly("conv-00", "conv-02", "conv-04");
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.conversations().listByCommunity(
                CommunityId.of(COM_1), Set.of(), Set.of(org.copkit.conversation.ConversationStatus.ANSWERED), p), 2)))
                .isEmpty();
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.conversations().list(p), 3))).hasSize(7);
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.posts().listByConversation(
                org.copkit.conversation.ConversationId.of("conv-00"), p), 3))).extracting(p -> p.id().value())
                .containsExactly("post-01", "post-02", "post-03", "post-04");
    }

    @Test
    @DisplayName("conversation and post revisions are append-only, listed by number, and a repeated number conflicts")
    public void conversationAndPostRevisions() {
        givenWorld();
        org.copkit.conversation.ConversationId cid = org.copkit.conversation.ConversationId.of("conv-1");
        org.copkit.conversation.PostId pid = org.copkit.conversation.PostId.of("post-1");
        given(tx -> {
            tx.conversations().insert(Fixtures.question("conv-1", COM_1, ANN));
            tx.posts().insert(Fixtures.answer("post-1", "conv-1", BOB));
            for (int n = 1; n <= 12; n++) {
                tx.conversationRevisions().insert(new org.copkit.conversation.ConversationRevision(cid, n,
                        Fixtures.content("Rev " + n), MemberId.of(ANN), at(n), "note " + n));
                tx.postRevisions().insert(new org.copkit.conversation.PostRevision(pid, n, "Body " + n,
                        MemberId.of(BOB), at(n), ""));
            }
        });

        assertThat(read((Transaction tx) -> readAllPages(p -> tx.conversationRevisions().list(cid, p), 5)))
                .extracting(org.copkit.conversation.ConversationRevision::number)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 12).boxed().toList());
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.postRevisions().list(pid, p), 5)))
                .extracting(org.copkit.conversation.PostRevision::body).startsWith("Body 1", "Body 2").hasSize(12);
        assertThat(read((Transaction tx) -> tx.postRevisions().find(pid, 10))).map(org.copkit.conversation.PostRevision::body)
                .contains("Body 10");
        assertThatThrownBy(() -> given(tx -> tx.conversationRevisions().insert(
                new org.copkit.conversation.ConversationRevision(cid, 3, Fixtures.content("Again"), MemberId.of(ANN), AT, ""))))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> given(tx -> tx.postRevisions().insert(
                new org.copkit.conversation.PostRevision(pid, 3, "Again", MemberId.of(ANN), AT, ""))))
                .isInstanceOf(ConflictException.class);
        assertThat(read((Transaction tx) -> tx.conversationRevisions().find(cid, 3))).map(r -> r.content().title())
                .contains("Rev 3");
    }

    @Test
    @DisplayName("votes: one per voter and target, replaced by a new vote, removed on withdrawal, listed by voter")
    public void votes() {
        givenWorld();
        Ref post = new Ref(ObjectType.POST, "post-1");
        Ref conv = new Ref(ObjectType.CONVERSATION, "conv-1");
        given(tx -> {
            tx.votes().put(new org.copkit.conversation.Vote(post, MemberId.of(CAT), org.copkit.conversation.VoteValue.UP,
                    AT));
            tx.votes().put(new org.copkit.conversation.Vote(post, MemberId.of(ANN),
                    org.copkit.conversation.VoteValue.UP, AT));
            tx.votes().put(new org.copkit.conversation.Vote(conv, MemberId.of(ANN),
                    org.copkit.conversation.VoteValue.DOWN, AT));
        });
        given(tx -> {
            tx.votes().put(new org.copkit.conversation.Vote(post, MemberId.of(CAT),
                    org.copkit.conversation.VoteValue.DOWN, at(1)));
            tx.votes().remove(post, MemberId.of(ANN));
            tx.votes().remove(post, MemberId.of(BOB));
        });

        assertThat(read((Transaction tx) -> tx.votes().find(post, MemberId.of(CAT)))).map(org.copkit.conversation.Vote::value)
                .contains(org.copkit.conversation.VoteValue.DOWN);
        assertThat(read((Transaction tx) -> tx.votes().find(post, MemberId.of(ANN)))).isEmpty();
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.votes().listByTarget(post, p), 1)))
                .extracting(v -> v.voter().value()).containsExactly(CAT);
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.votes().listByTarget(conv, p), 1)))
                .extracting(v -> v.voter().value()).containsExactly(ANN);
        assertThatThrownBy(() -> storage().write(tx -> {
            tx.votes().put(new org.copkit.conversation.Vote(conv, MemberId.of(BOB),
                    org.copkit.conversation.VoteValue.UP, AT));
            throw new IllegalStateException("roll back");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(read((Transaction tx) -> tx.votes().find(conv, MemberId.of(BOB)))).isEmpty();
    }

    // =====================================================================================================
    // Onboarding: learning paths, and the activities of a community that involve one member
    // =====================================================================================================

    @Test
    @DisplayName("a learning path with steps of every kind round-trips exactly (step order kept), is updated with version + 1, and both writes reach the change feed")
    public void learningPathRoundTrip() {
        givenWorld();
        org.copkit.onboarding.LearningPath p = Fixtures.learningPath("lp-1", COM_1, ANN);
        given(tx -> tx.learningPaths().insert(p));
        assertThat(read((Transaction tx) -> tx.learningPaths().find(p.id()))).contains(p);
        org.copkit.onboarding.LearningPath changed = Fixtures.touched(p);
        given(tx -> tx.learningPaths().update(changed));

        assertThat(read((Transaction tx) -> tx.learningPaths().find(p.id()))).contains(changed);
        assertThat(read((Transaction tx) -> tx.learningPaths().find(
                org.copkit.onboarding.LearningPathId.of("lp-none")))).isEmpty();
        assertThat(allChanges()).extracting(Change::ref, Change::version).containsSubsequence(
                tuple(new Ref(ObjectType.LEARNING_PATH, "lp-1"), 1L), tuple(new Ref(ObjectType.LEARNING_PATH, "lp-1"), 2L));
    }

    @Test
    @DisplayName("a learning path update from a stale version, or a second insert, conflicts and writes nothing")
    public void learningPathConflicts() {
        givenWorld();
        org.copkit.onboarding.LearningPath p = Fixtures.learningPath("lp-1", COM_1, ANN);
        given(tx -> tx.learningPaths().insert(p));
        long head = storage().changes().head();

        assertThatThrownBy(() -> given(tx -> tx.learningPaths().update(Fixtures.touched(Fixtures.touched(p)))))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> given(tx -> tx.learningPaths().insert(p))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> given(tx -> tx.learningPaths().update(Fixtures.touched(
                Fixtures.learningPath("lp-2", COM_1, ANN))))).isInstanceOf(NotFoundException.class);
        assertThat(read((Transaction tx) -> tx.learningPaths().find(p.id()))).contains(p);
        assertThat(storage().changes().head()).isEqualTo(head);
    }

    @Test
    @DisplayName("learning paths are listed per community by id, keyset-paged, every row exactly once")
    public void learningPathsListedByCommunity() {
        givenWorld();
        given(tx -> {
            for (int i = 7; i >= 1; i--) {
                tx.learningPaths().insert(Fixtures.learningPath(String.format("lp-%02d", i), i == 4 ? COM_2 : COM_1,
                        ANN));
            }
        });

        assertThat(read((Transaction tx) -> readAllPages(p -> tx.learningPaths().listByCommunity(
                CommunityId.of(COM_1), p), 2))).extracting(x -> x.id().value())
                .containsExactly("lp-01", "lp-02", "lp-03", "lp-05", "lp-06", "lp-07");
        assertThat(read((Transaction tx) -> readAllPages(p -> tx.learningPaths().listByCommunity(
                CommunityId.of(COM_2), p), 2))).extracting(x -> x.id().value()).containsExactly("lp-04");
        assertThat(read((Transaction tx) -> tx.learningPaths().listByCommunity(CommunityId.of("com-none"),
                PageRequest.first()).items())).isEmpty();
    }

    @Test
    @DisplayName("activities involving a member in a community: by the member or naming the member as target, newest first, keyset-paged by sequence")
    public void activitiesInvolvingAMember() {
        givenWorld();
        Optional<CommunityId> com1 = Optional.of(CommunityId.of(COM_1));
        Ref session = new Ref(ObjectType.SESSION, "ses-1");
        Ref annAsTarget = new Ref(ObjectType.MEMBER, ANN);
        List<Activity> stored = new ArrayList<>();
        given(tx -> {
            stored.add(tx.activities().append(activity(ANN, Verb.VIEWED, itemRef("i-1"), com1)));
            stored.add(tx.activities().append(activity(BOB, Verb.VIEWED, itemRef("i-1"), com1)));
            stored.add(tx.activities().append(new Activity(0, MemberId.of(BOB), Verb.CHECKED_IN, session,
                    Optional.of(annAsTarget), com1, AT, new Visibility(com1, Optional.empty(), Audience.community(),
                    false, Set.of(MemberId.of(ANN))), Map.of("kind", "WORKSHOP"))));
            stored.add(tx.activities().append(new Activity(0, MemberId.of(BOB), Verb.CHECKED_IN, session,
                    Optional.of(new Ref(ObjectType.MEMBER, CAT)), com1, AT, new Visibility(com1, Optional.empty(),
                    Audience.community(), false, Set.of()), Map.of("kind", "WORKSHOP"))));
            stored.add(tx.activities().append(activity(ANN, Verb.ASKED, new Ref(ObjectType.CONVERSATION, "q-1"),
                    Optional.of(CommunityId.of(COM_2)))));
            stored.add(tx.activities().append(activity(ANN, Verb.ANSWERED, new Ref(ObjectType.POST, "p-1"), com1)));
            stored.add(tx.activities().append(activity(ANN, Verb.UPDATED, annAsTarget, Optional.empty())));
        });

        List<Activity> involving = read((Transaction tx) -> readAllPages(p -> tx.activities().listInvolving(
                CommunityId.of(COM_1), MemberId.of(ANN), p), 1));

        assertThat(involving).extracting(Activity::sequence).containsExactly(stored.get(5).sequence(),
                stored.get(2).sequence(), stored.get(0).sequence());
        assertThat(involving.get(1)).isEqualTo(stored.get(2));
        assertThat(read((Transaction tx) -> tx.activities().listInvolving(CommunityId.of(COM_2), MemberId.of(ANN),
                PageRequest.first()).items())).extracting(Activity::verb).containsExactly(Verb.ASKED);
        assertThat(read((Transaction tx) -> tx.activities().listInvolving(CommunityId.of(COM_1), MemberId.of(CAT),
                PageRequest.first()).items())).containsExactly(stored.get(3));
        assertThatThrownBy(() -> read((Transaction tx) -> tx.activities().listInvolving(CommunityId.of(COM_1),
                MemberId.of(ANN), PageRequest.first().after("not-a-sequence"))))
                .isInstanceOf(InvalidInputException.class);
    }

    // =====================================================================================================
    // Digests: one DigestMark per member (when their last digest was sent)
    // =====================================================================================================

    @Test
    @DisplayName("a digest mark round-trips exactly, is updated with version + 1, conflicts on a stale update or a second insert, and each write appears in the change feed under the member id")
    public void digestMarkRoundTripConflictsAndChangeFeed() {
        givenWorld();
        long head = storage().changes().head();
        given(tx -> tx.digestMarks().insert(Fixtures.digestMark(ANN, 100, 1)));
        assertThat(read((Transaction tx) -> tx.digestMarks().find(MemberId.of(ANN))))
                .contains(Fixtures.digestMark(ANN, 100, 1));
        assertThat(read((Transaction tx) -> tx.digestMarks().find(MemberId.of(BOB)))).isEmpty();

        given(tx -> tx.digestMarks().update(new org.copkit.digest.DigestMark(MemberId.of(ANN),
                org.copkit.subscription.NotificationFrequency.WEEKLY, at(200), 2)));
        assertThat(read((Transaction tx) -> tx.digestMarks().find(MemberId.of(ANN))))
                .hasValueSatisfying(m -> {
                    assertThat(m.frequency()).isEqualTo(org.copkit.subscription.NotificationFrequency.WEEKLY);
                    assertThat(m.sentUpTo()).isEqualTo(at(200));
                    assertThat(m.version()).isEqualTo(2);
                });
        assertThatThrownBy(() -> given(tx -> tx.digestMarks().update(Fixtures.digestMark(ANN, 300, 2))))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> given(tx -> tx.digestMarks().insert(Fixtures.digestMark(ANN, 300, 1))))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> given(tx -> tx.digestMarks().update(Fixtures.digestMark(BOB, 300, 2))))
                .isInstanceOf(org.copkit.NotFoundException.class);
        assertThat(read((Transaction tx) -> tx.digestMarks().find(MemberId.of(ANN)))).map(m -> m.sentUpTo())
                .contains(at(200));
        assertThat(storage().changes().after(head, 100)).extracting(Change::ref, Change::version).containsExactly(
                tuple(new Ref(ObjectType.DIGEST_MARK, ANN), 1L), tuple(new Ref(ObjectType.DIGEST_MARK, ANN), 2L));
    }

    @Test
    @DisplayName("a pending digest mark (outbox) round-trips its period start and lease, and clearing them marks it delivered")
    public void digestMarkPendingRoundTrip() {
        givenWorld();
        org.copkit.digest.DigestMark pending = new org.copkit.digest.DigestMark(MemberId.of(ANN),
                org.copkit.subscription.NotificationFrequency.WEEKLY, at(700), Optional.of(at(100)),
                Optional.of(at(1_300)), 1);
        given(tx -> tx.digestMarks().insert(pending));
        assertThat(read((Transaction tx) -> tx.digestMarks().find(MemberId.of(ANN)))).contains(pending);
        assertThat(read((Transaction tx) -> tx.digestMarks().findAll(List.of(MemberId.of(ANN)))))
                .containsEntry(MemberId.of(ANN), pending);
        org.copkit.digest.DigestMark delivered = new org.copkit.digest.DigestMark(MemberId.of(ANN),
                org.copkit.subscription.NotificationFrequency.WEEKLY, at(700), 2);
        given(tx -> tx.digestMarks().update(delivered));
        assertThat(read((Transaction tx) -> tx.digestMarks().find(MemberId.of(ANN)))).hasValueSatisfying(m -> {
            assertThat(m).isEqualTo(delivered);
            assertThat(m.pending()).isFalse();
        });
        assertThatThrownBy(() -> new org.copkit.digest.DigestMark(MemberId.of(ANN),
                org.copkit.subscription.NotificationFrequency.WEEKLY, at(700), Optional.of(at(100)), Optional.empty(), 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mark.leaseUntil");
    }

    // =====================================================================================================
    // What one member's digest reads: activity heads of a community by verb and time, item and question heads
    // =====================================================================================================

    @Test
    @DisplayName("activity heads of a community list only the given verbs within [from, to), in ascending sequence, with actor, object, target and time")
    public void activityHeadsOfACommunityByVerbAndTime() {
        givenWorld();
        Optional<CommunityId> com1 = Optional.of(CommunityId.of(COM_1));
        List<Activity> stored = new ArrayList<>();
        given(tx -> {
            for (int i = 0; i < 6; i++) {
                Activity a = activity(ANN, i % 2 == 0 ? Verb.PUBLISHED : Verb.EDITED, itemRef("i-" + i), com1);
                stored.add(tx.activities().append(new Activity(0, a.actor(), a.verb(), a.object(), a.target(),
                        a.community(), at(i * 10L), a.visibility(), a.details())));
            }
            Activity accepted = activity(BOB, Verb.ACCEPTED, new Ref(ObjectType.POST, "p-1"), com1);
            stored.add(tx.activities().append(new Activity(0, accepted.actor(), accepted.verb(), accepted.object(),
                    Optional.of(new Ref(ObjectType.CONVERSATION, "q-1")), accepted.community(), at(25),
                    accepted.visibility(), accepted.details())));
            Activity other = activity(ANN, Verb.PUBLISHED, itemRef("i-other"), Optional.of(CommunityId.of(COM_2)));
            tx.activities().append(new Activity(0, other.actor(), other.verb(), other.object(), other.target(),
                    other.community(), at(20), other.visibility(), other.details()));
            Activity none = activity(ANN, Verb.PUBLISHED, itemRef("i-none"), Optional.empty());
            tx.activities().append(new Activity(0, none.actor(), none.verb(), none.object(), none.target(),
                    none.community(), at(20), none.visibility(), none.details()));
        });
        List<org.copkit.spi.ActivityHead> heads = read((Transaction tx) -> tx.activities().listHeads(
                CommunityId.of(COM_1), Set.of(Verb.PUBLISHED, Verb.ACCEPTED), at(10), at(40)));
        assertThat(heads).extracting(h -> h.object().id()).containsExactly("i-2", "p-1");
        assertThat(heads).containsExactly(org.copkit.spi.ActivityHead.of(stored.get(2)),
                org.copkit.spi.ActivityHead.of(stored.get(6)));
        assertThat(heads.get(1).target()).contains(new Ref(ObjectType.CONVERSATION, "q-1"));
        assertThat(heads.get(1).actor()).isEqualTo(MemberId.of(BOB));
        assertThat(read((Transaction tx) -> tx.activities().listHeads(CommunityId.of(COM_1), Set.of(Verb.EDITED),
                at(0), at(60)))).extracting(h -> h.object().id()).containsExactly("i-1", "i-3", "i-5");
        assertThat(read((Transaction tx) -> tx.activities().listHeads(CommunityId.of(COM_1), Set.of(Verb.EDITED),
                at(51), at(60)))).isEmpty();
        assertThatThrownBy(() -> read((Transaction tx) -> tx.activities().listHeads(CommunityId.of(COM_1), Set.of(),
                at(0), at(60)))).isInstanceOf(InvalidInputException.class).hasMessageContaining("verbs");
        assertThatThrownBy(() -> read((Transaction tx) -> tx.activities().listHeads(CommunityId.of(COM_1),
                Set.of(Verb.EDITED), at(60), at(60)))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("from must be before to");
    }

    @Test
    @DisplayName("item and question heads carry status, community, practice, owner, title and audience of the stored objects, and leave unknown ids out")
    public void itemAndQuestionHeads() {
        givenWorld();
        KnowledgeItem plain = Fixtures.item("i-h1", COM_1, ANN);
        KnowledgeItem rich = Fixtures.publishedItem("i-h2", COM_1, "p-h", ANN, BOB, CAT, "i-next", "org-a", "org-b");
        org.copkit.conversation.Conversation q = Fixtures.question("q-h1", COM_1, BOB);
        given(tx -> {
            tx.items().insert(plain);
            tx.items().insert(rich);
            tx.conversations().insert(q);
        });
        java.util.Map<KnowledgeItemId, org.copkit.spi.ItemHead> items = read((Transaction tx) -> tx.items()
                .findHeads(List.of(rich.id(), KnowledgeItemId.of("i-missing"), plain.id(), rich.id())));
        assertThat(items.keySet()).containsExactly(rich.id(), plain.id());
        assertThat(items.get(rich.id())).isEqualTo(org.copkit.spi.ItemHead.of(rich));
        assertThat(items.get(plain.id())).isEqualTo(org.copkit.spi.ItemHead.of(plain));
        assertThat(items.get(rich.id()).visibility()).isEqualTo(rich.visibility());
        assertThat(items.get(plain.id()).visibility()).isEqualTo(plain.visibility());
        java.util.Map<org.copkit.conversation.ConversationId, org.copkit.spi.ConversationHead> questions =
                read((Transaction tx) -> tx.conversations().findHeads(List.of(q.id(),
                        org.copkit.conversation.ConversationId.of("q-missing"))));
        assertThat(questions).containsExactly(java.util.Map.entry(q.id(), org.copkit.spi.ConversationHead.of(q)));
        assertThat(questions.get(q.id()).visibility()).isEqualTo(q.visibility());
        assertThat(read((Transaction tx) -> tx.items().findHeads(List.of()))).isEmpty();
    }

    @Test
    @DisplayName("a digest mark written in a transaction that fails is not stored and leaves no change-feed entry")
    public void digestMarkRollsBack() {
        givenWorld();
        long head = storage().changes().head();
        assertThatThrownBy(() -> storage().write(tx -> {
            tx.digestMarks().insert(Fixtures.digestMark(CAT, 100, 1));
            throw new IllegalStateException("roll back");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(read((Transaction tx) -> tx.digestMarks().find(MemberId.of(CAT)))).isEmpty();
        assertThat(storage().changes().after(head, 100)).isEmpty();
    }

    // =====================================================================================================
    // Batches: Repository.insertAll, Revisions.insertAll, Activities.appendAll (bulk import)
    // =====================================================================================================

    @Test
    @DisplayName("insertAll stores every item in list order with one change-feed entry each, in list order")
    public void insertAllRoundTripAndChangeFeed() {
        givenWorld();
        long head = storage().changes().head();
        List<KnowledgeItem> items = IntStream.range(0, 250).mapToObj(n -> Fixtures.item(String.format(
                Locale.ROOT, "bulk-%04d", n), COM_1, ANN)).toList();
        List<KnowledgeItem> stored = this.<List<KnowledgeItem>>write(tx -> tx.items().insertAll(items));
        assertThat(stored).containsExactlyElementsOf(items);
        assertThat(readAllPages(p -> read((Transaction tx) -> tx.items().listByCommunity(CommunityId.of(COM_1),
                Optional.empty(), Set.of(), p)), 100)).containsExactlyElementsOf(items);
        assertThat(storage().changes().after(head, 1_000)).extracting(Change::ref, Change::version)
                .containsExactlyElementsOf(items.stream().map(i -> tuple(itemRef(i.id().value()), 1L)).toList());
        assertThat(this.<List<KnowledgeItem>>write(tx -> tx.items().insertAll(List.of()))).isEmpty();
        assertThat(storage().changes().after(head, 1_000)).hasSize(250);
    }

    @Test
    @DisplayName("insertAll with a stored or repeated key is a conflict and nothing of its transaction remains")
    public void insertAllConflictsRollBack() {
        givenWorld();
        given(tx -> tx.items().insert(Fixtures.item("item-old", COM_1, ANN)));
        long head = storage().changes().head();
        assertThatThrownBy(() -> given(tx -> tx.items().insertAll(List.of(Fixtures.item("item-new", COM_1, ANN),
                Fixtures.item("item-old", COM_1, BOB))))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> given(tx -> tx.items().insertAll(List.of(Fixtures.item("item-x", COM_1, ANN),
                Fixtures.item("item-x", COM_1, BOB))))).isInstanceOf(ConflictException.class);
        assertThat(read((Transaction tx) -> tx.items().find(KnowledgeItemId.of("item-new")))).isEmpty();
        assertThat(read((Transaction tx) -> tx.items().find(KnowledgeItemId.of("item-x")))).isEmpty();
        assertThat(read((Transaction tx) -> tx.items().find(KnowledgeItemId.of("item-old")))).map(KnowledgeItem::owner)
                .contains(MemberId.of(ANN));
        assertThat(storage().changes().after(head, 100)).isEmpty();
    }

    @Test
    @DisplayName("Revisions.insertAll stores every revision; a repeated number is a conflict that rolls back")
    public void revisionsInsertAll() {
        givenWorld();
        given(tx -> tx.items().insertAll(List.of(Fixtures.item("item-1", COM_1, ANN), Fixtures.item("item-2", COM_1,
                ANN))));
        given(tx -> tx.revisions().insertAll(List.of(revision("item-1", 1, ANN), revision("item-2", 1, BOB),
                revision("item-1", 2, BOB))));
        given(tx -> tx.revisions().insertAll(List.of()));
        assertThat(read((Transaction tx) -> tx.revisions().list(KnowledgeItemId.of("item-1"), PageRequest.first(10)))
                .items()).containsExactly(revision("item-1", 1, ANN), revision("item-1", 2, BOB));
        assertThat(read((Transaction tx) -> tx.revisions().find(KnowledgeItemId.of("item-2"), 1)))
                .contains(revision("item-2", 1, BOB));
        assertThatThrownBy(() -> given(tx -> tx.revisions().insertAll(List.of(revision("item-2", 2, ANN),
                revision("item-1", 2, ANN))))).isInstanceOf(ConflictException.class);
        assertThat(read((Transaction tx) -> tx.revisions().find(KnowledgeItemId.of("item-2"), 2))).isEmpty();
    }

    @Test
    @DisplayName("Activities.appendAll assigns increasing sequences in list order after those already stored")
    public void activitiesAppendAll() {
        givenWorld();
        Activity first = write(tx -> tx.activities().append(activity(ANN, Verb.CREATED, itemRef("a-0"),
                Optional.of(CommunityId.of(COM_1)))));
        List<Activity> batch = IntStream.range(1, 121).mapToObj(n -> activity(n % 2 == 0 ? ANN : MemberId.SYSTEM.value(),
                Verb.CREATED, itemRef("a-" + n), Optional.of(CommunityId.of(COM_1)))).toList();
        List<Activity> stored = this.<List<Activity>>write(tx -> tx.activities().appendAll(batch));
        assertThat(stored).hasSize(120);
        long previous = first.sequence();
        for (int n = 0; n < stored.size(); n++) {
            assertThat(stored.get(n).sequence()).isGreaterThan(previous);
            previous = stored.get(n).sequence();
            assertThat(stored.get(n).withSequence(0)).isEqualTo(batch.get(n));
        }
        List<Activity> listed = readAllPages(p -> read((Transaction tx) -> tx.activities().list(
                new ActivityFilter(Optional.of(CommunityId.of(COM_1)), Optional.empty(), Optional.empty()), p)), 50);
        List<Activity> newestFirst = new ArrayList<>(stored);
        Collections.reverse(newestFirst);
        newestFirst.add(first);
        assertThat(listed).containsExactlyElementsOf(newestFirst);
        assertThat(this.<List<Activity>>write(tx -> tx.activities().appendAll(List.of()))).isEmpty();
    }

    // =====================================================================================================
    // Performance: subscriptions of several targets in one call (notification fan-out)

    @Test
    @DisplayName("Subscriptions.listByTargets returns the active subscriptions of all given targets, grouped in target order, each group by member")
    public void subscriptionsListByTargets() {
        givenWorld();
        Ref community = new Ref(ObjectType.COMMUNITY, COM_1);
        Ref member = new Ref(ObjectType.MEMBER, CAT);
        givenSubscriptionsOf(community, member);

        assertThat(read((Transaction tx) -> tx.subscriptions().listByTargets(List.of(tagRef("warmtepomp"), member,
                community, tagRef("onbekend"), tagRef("warmtepomp")))))
                .extracting(s -> s.id().value()).containsExactly("sub-4", "sub-3", "sub-2", "sub-1");
        assertThat(read((Transaction tx) -> tx.subscriptions().listByTargets(List.of()))).isEmpty();
        List<Ref> many = IntStream.range(0, 450).mapToObj(n -> tagRef("tag-" + n))
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        many.add(community);
        assertThat(read((Transaction tx) -> tx.subscriptions().listByTargets(many)))
                .extracting(s -> s.id().value()).containsExactly("sub-2", "sub-1");
    }

    @Test
    @DisplayName("Transaction.rolesOf returns a member's memberships in every state by community id and the practices they steward with their communities")
    public void rolesOfAMember() {
        givenWorld();
        given(tx -> {
            tx.communities().insert(community("com-0", DOM, ANN));
            tx.memberships().insert(membership(COM_2, BOB, MembershipState.LEFT));
            tx.memberships().insert(membership(COM_1, BOB, MembershipState.PENDING));
            tx.memberships().insert(membership("com-0", BOB, MembershipState.ACTIVE));
            tx.practices().insert(practice("pra-3", COM_2, BOB));
            tx.practices().insert(practice("pra-2", COM_1, ANN, BOB));
        });
        org.copkit.spi.MemberRoles bob = read((Transaction tx) -> tx.rolesOf(MemberId.of(BOB)));
        assertThat(bob.memberships()).containsExactlyElementsOf(
                read((Transaction tx) -> tx.memberships().listByMember(MemberId.of(BOB))));
        assertThat(bob.memberships()).extracting(m -> m.community().value()).containsExactly("com-0", COM_1, COM_2);
        assertThat(bob.stewardships()).isEqualTo(Map.of(org.copkit.community.PracticeId.of("pra-2"),
                CommunityId.of(COM_1), org.copkit.community.PracticeId.of("pra-3"), CommunityId.of(COM_2)));
        org.copkit.spi.MemberRoles cat = read((Transaction tx) -> tx.rolesOf(MemberId.of(CAT)));
        assertThat(cat.memberships()).isEmpty();
        assertThat(cat.stewardships()).isEmpty();
    }

    @Test
    @DisplayName("Transaction.memberAndRoles returns the member row with the same roles as rolesOf, and nothing for an unregistered member")
    public void memberAndRolesOfAMember() {
        givenWorld();
        given(tx -> {
            tx.communities().insert(community("com-0", DOM, ANN));
            tx.memberships().insert(membership(COM_2, BOB, MembershipState.LEFT));
            tx.memberships().insert(membership("com-0", BOB, MembershipState.ACTIVE));
            tx.practices().insert(practice("pra-2", COM_1, ANN, BOB));
        });
        org.copkit.spi.MemberAndRoles bob = read((Transaction tx) -> tx.memberAndRoles(MemberId.of(BOB)).orElseThrow());
        assertThat(bob.member()).isEqualTo(read((Transaction tx) -> tx.members().find(MemberId.of(BOB)).orElseThrow()));
        assertThat(bob.roles()).isEqualTo(read((Transaction tx) -> tx.rolesOf(MemberId.of(BOB))));
        assertThat(bob.roles().memberships()).extracting(m -> m.community().value()).containsExactly("com-0", COM_2);
        assertThat(bob.roles().stewardships()).isEqualTo(Map.of(org.copkit.community.PracticeId.of("pra-2"),
                CommunityId.of(COM_1)));
        org.copkit.spi.MemberAndRoles cat = read((Transaction tx) -> tx.memberAndRoles(MemberId.of(CAT)).orElseThrow());
        assertThat(cat.member().id()).isEqualTo(MemberId.of(CAT));
        assertThat(cat.roles().memberships()).isEmpty();
        assertThat(cat.roles().stewardships()).isEmpty();
        assertThat(read((Transaction tx) -> tx.memberAndRoles(MemberId.of("nobody")))).isEmpty();
    }

    @Test
    @DisplayName("Transaction.readBatch returns what the separate reads return: member and roles, the communities that exist, the active subscriptions of the targets in listByTargets order")
    public void readBatchAnswersLikeTheSeparateReads() {
        givenWorld();
        Ref community = new Ref(ObjectType.COMMUNITY, COM_1);
        Ref member = new Ref(ObjectType.MEMBER, CAT);
        given(tx -> {
            tx.communities().insert(community("com-0", DOM, ANN));
            tx.memberships().insert(membership(COM_2, BOB, MembershipState.LEFT));
            tx.memberships().insert(membership("com-0", BOB, MembershipState.ACTIVE));
            tx.practices().insert(practice("pra-2", COM_1, ANN, BOB));
        });
        givenSubscriptionsOf(community, member);
        List<Ref> targets = List.of(tagRef("warmtepomp"), member, community, tagRef("onbekend"));
        org.copkit.spi.ReadBatch batch = org.copkit.spi.ReadBatch.member(MemberId.of(BOB))
                .withCommunity(CommunityId.of(COM_2)).withCommunity(CommunityId.of("com-none"))
                .withCommunity(CommunityId.of(COM_1)).withFollowersOf(targets);

        org.copkit.spi.ReadBatch.Result r = read((Transaction tx) -> tx.readBatch(batch));

        assertThat(r.member()).isEqualTo(read((Transaction tx) -> tx.memberAndRoles(MemberId.of(BOB))));
        assertThat(r.member().orElseThrow().roles().memberships()).extracting(m -> m.community().value())
                .containsExactly("com-0", COM_2);
        assertThat(r.communities().keySet()).extracting(CommunityId::value).containsExactly(COM_2, COM_1);
        assertThat(r.communities().get(CommunityId.of(COM_1)))
                .isEqualTo(read((Transaction tx) -> tx.communities().find(CommunityId.of(COM_1)).orElseThrow()));
        assertThat(r.subscriptions()).isEqualTo(read((Transaction tx) -> tx.subscriptions().listByTargets(targets)));
        assertThat(r.subscriptions()).extracting(s -> s.id().value()).containsExactly("sub-4", "sub-3", "sub-2", "sub-1");

        org.copkit.spi.ReadBatch.Result unknown = read((Transaction tx) -> tx.readBatch(
                org.copkit.spi.ReadBatch.member(MemberId.of("nobody")).withFollowersOf(List.of(tagRef("onbekend")))));
        assertThat(unknown.member()).isEmpty();
        assertThat(unknown.communities()).isEmpty();
        assertThat(unknown.subscriptions()).isEmpty();
        org.copkit.spi.ReadBatch.Result none = read((Transaction tx) -> tx.readBatch(org.copkit.spi.ReadBatch.none()));
        assertThat(none.member()).isEmpty();
        assertThat(none.communities()).isEmpty();
        assertThat(none.subscriptions()).isEmpty();
    }

    @Test
    @DisplayName("Transaction.readBatch sees the writes of its own transaction and answers for hundreds of targets")
    public void readBatchInAWriteTransaction() {
        givenWorld();
        List<Ref> many = IntStream.range(0, 450).mapToObj(n -> tagRef("tag-" + n))
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        many.add(new Ref(ObjectType.COMMUNITY, "com-0"));
        org.copkit.spi.ReadBatch.Result r = write(tx -> {
            tx.communities().insert(community("com-0", DOM, ANN));
            tx.memberships().insert(membership("com-0", CAT, MembershipState.ACTIVE));
            tx.subscriptions().insert(Fixtures.subscription("sub-1", CAT, new Ref(ObjectType.COMMUNITY, "com-0")));
            tx.subscriptions().insert(Fixtures.subscription("sub-2", ANN, tagRef("tag-449")));
            return tx.readBatch(org.copkit.spi.ReadBatch.member(MemberId.of(CAT)).withCommunity(CommunityId.of("com-0"))
                    .withFollowersOf(many));
        });
        assertThat(r.member().orElseThrow().roles().memberships()).extracting(m -> m.community().value())
                .containsExactly("com-0");
        assertThat(r.communities()).containsOnlyKeys(CommunityId.of("com-0"));
        assertThat(r.subscriptions()).extracting(s -> s.id().value()).containsExactly("sub-2", "sub-1");
    }

    private <T> T write(Function<Transaction, T> work) {
        return storage().write(work);
    }
}
