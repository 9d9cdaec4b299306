package org.copkit.memory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.IntConsumer;
import org.copkit.CopKit;
import org.copkit.ObjectType;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.access.Audience;
import org.copkit.access.Visibility;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityDraft;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.MembershipPolicy;
import org.copkit.community.MembershipState;
import org.copkit.community.PracticeId;
import org.copkit.community.Role;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.knowledge.Provenance;
import org.copkit.knowledge.Revision;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;
import org.copkit.spi.ActivityFilter;
import org.copkit.spi.MembershipKey;
import org.copkit.spi.ReadBatch;
import org.copkit.spi.Storage;
import org.copkit.testkit.Fixtures;
import org.copkit.testkit.NoSearch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long setting up a large world in {@link InMemoryStorage} takes, and what a listing costs in it.
 * Not a test: it asserts nothing, prints its figures and runs only when asked for, one size after the
 * other in one JVM:
 *
 * <pre>
 * mvn -B -ntp -o -pl core test -Dtest=InMemoryScaleMeasurement -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dcopkit.scale.spi=1000,10000,100000 -Dcopkit.scale.kit=1000,10000,100000
 * </pre>
 *
 * <p><b>Storage SPI</b> ({@code copkit.scale.spi=N,...}): N members and 10 N knowledge items, written as the
 * kit's calls write them. Each member is registered in one write transaction (member row and activity) and
 * joins community {@code c00} in a second one (the joiner's roles, the community and its followers in one
 * {@code readBatch}, the membership, the activity). Items are imported in write transactions of 1,000, each
 * into one of 20 communities (round robin): one {@code readBatch} of the author, the community and its
 * followers, then per item the item row, revision 1 and a {@code CREATED} activity. 80% of the items are
 * PUBLISHED with a review date, 10% DRAFT, 10% ARCHIVED; half of them belong to one of 5 practices of
 * their community. Then 200 read transactions per listing (random members, cursors in the middle of the
 * listing) give the mean wall and thread CPU time per call: listings of a community's items by status, a
 * member's memberships, a community's activity since an instant, ... (a listing that scanned the tables
 * would grow tenfold from {@code N = 10,000} to {@code 100,000}; these do not).
 *
 * <p><b>Kit API</b> ({@code copkit.scale.kit=N,...}): a kit on {@link InMemoryStorage} with a search index
 * that keeps nothing ({@link NoSearch}); the system actor registers N members, each of which then joins
 * one open community ({@code members().register} + {@code communities().join}: 2 N write calls).
 * {@code copkit.scale.kitsearch=N,...} does the same with {@link InMemorySearchIndex} (as {@code
 * CopKit.inMemory()}), whose background indexer then indexes every member.
 */
@Tag("measurement")
class InMemoryScaleMeasurement {
    private static final Instant T0 = Fixtures.AT;
    private static final int COMMUNITIES = 20;
    private static final int PRACTICES = 5;
    private static final int ITEMS_PER_MEMBER = 10;
    private static final int BATCH = 1_000;
    private static final int CALLS = 200;

    @Test
    @EnabledIfSystemProperty(named = "copkit.scale.spi", matches = ".+")
    void storageSpi() {
        for (int n : sizes("copkit.scale.spi")) {
            System.gc();
            spi(n);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "copkit.scale.kit", matches = ".+")
    void kitApi() {
        for (int n : sizes("copkit.scale.kit")) {
            System.gc();
            kit(n, false);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "copkit.scale.kitsearch", matches = ".+")
    void kitApiWithInMemorySearch() {
        for (int n : sizes("copkit.scale.kitsearch")) {
            System.gc();
            kit(n, true);
        }
    }

    private static int[] sizes(String property) {
        return java.util.Arrays.stream(System.getProperty(property).split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).toArray();
    }

    // ---- storage SPI

    private static void spi(int members) {
        int items = members * ITEMS_PER_MEMBER;
        Storage storage = InMemoryStorage.create(Clock.fixed(T0, ZoneOffset.UTC));
        storage.write(tx -> {
            tx.organizations().insert(Fixtures.organization("org"));
            tx.members().insert(Fixtures.member("author", "org"));
            tx.domains().insert(Fixtures.domain("d", "author"));
            for (int c = 0; c < COMMUNITIES; c++) {
                tx.communities().insert(Fixtures.community(community(c), "d", "author"));
                for (int p = 0; p < PRACTICES; p++) {
                    tx.practices().insert(Fixtures.practice(practice(c, p), community(c), "author"));
                }
            }
            return null;
        });

        Span span = new Span();
        CommunityId c00 = CommunityId.of(community(0));
        Ref c00Ref = Ref.of(ObjectType.COMMUNITY, c00);
        progress("spi members", members, i -> {
            MemberId id = MemberId.of(member(i));
            storage.write(tx -> {
                tx.readBatch(ReadBatch.none());
                tx.members().insert(Fixtures.member(id.value(), "org"));
                tx.activities().append(activity(id, Verb.REGISTERED, Ref.of(ObjectType.MEMBER, id), Optional.empty(),
                        Optional.empty()));
                return null;
            });
            storage.write(tx -> {
                tx.readBatch(ReadBatch.member(id).withCommunity(c00).withFollowersOf(List.of(c00Ref)));
                MembershipKey key = new MembershipKey(c00, id);
                if (tx.memberships().find(key).isPresent()) {
                    throw new IllegalStateException("already a member: " + key);
                }
                tx.memberships().insert(new Membership(c00, id, Role.MEMBER, MembershipState.ACTIVE, T0,
                        Optional.of(T0), Optional.empty(), 1));
                tx.activities().append(activity(id, Verb.JOINED, new Ref(ObjectType.MEMBERSHIP, key.toString()),
                        Optional.of(Ref.of(ObjectType.MEMBER, id)), Optional.of(c00)));
                return null;
            });
        });
        String membersTime = span.lap();

        MemberId author = MemberId.of("author");
        progress("spi items", items / BATCH, b -> {
            int c = b % COMMUNITIES;
            CommunityId community = CommunityId.of(community(c));
            storage.write(tx -> {
                tx.readBatch(ReadBatch.member(author).withCommunity(community)
                        .withFollowersOf(List.of(Ref.of(ObjectType.COMMUNITY, community))));
                for (int k = 0; k < BATCH; k++) {
                    int i = b * BATCH + k;
                    KnowledgeItem item = item(i, c);
                    tx.items().insert(item);
                    tx.revisions().insert(new Revision(item.id(), 1, item.content(), author, T0, "import"));
                    tx.activities().append(activity(author, Verb.CREATED, Ref.of(ObjectType.KNOWLEDGE_ITEM, item.id()),
                            Optional.empty(), Optional.of(community)));
                }
                return null;
            });
        });
        String itemsTime = span.lap();
        System.out.printf(Locale.ROOT, "SPI setup, %,d members (register + join, %,d write transactions): %s;"
                + " %,d items (%,d write transactions): %s; total %s%n", members, 2L * members, membersTime, items,
                items / BATCH, itemsTime, span.total());
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "  heap in use after setup and a full GC: %,d MB%n",
                (rt.totalMemory() - rt.freeMemory()) / 1_000_000);

        Random random = new Random(42);
        Instant dueBefore = T0.plusSeconds(86_400L * 200);
        timeCalls("memberships().listByCommunity(c00, ACTIVE, 50 after a random member)", () -> storage.read(
                tx -> tx.memberships().listByCommunity(c00, Set.of(MembershipState.ACTIVE),
                        PageRequest.first(50).after(member(random.nextInt(members))))));
        timeCalls("memberships().listByMember(random member)", () -> storage.read(
                tx -> tx.memberships().listByMember(MemberId.of(member(random.nextInt(members))))));
        timeCalls("memberAndRoles(random member)", () -> storage.read(
                tx -> tx.memberAndRoles(MemberId.of(member(random.nextInt(members))))));
        timeCalls("items().listByCommunity(c05, PUBLISHED, 50 after a random item)", () -> storage.read(
                tx -> tx.items().listByCommunity(CommunityId.of(community(5)), Optional.empty(),
                        Set.of(ItemStatus.PUBLISHED), PageRequest.first(50).after(item(random.nextInt(items))))));
        timeCalls("items().listByCommunity(c05, practice p05-1, DRAFT, first 50)", () -> storage.read(
                tx -> tx.items().listByCommunity(CommunityId.of(community(5)), Optional.of(PracticeId.of(
                        practice(5, 1))), Set.of(ItemStatus.DRAFT), PageRequest.first(50))));
        timeCalls("items().listDueForReview(50 after a random item)", () -> storage.read(
                tx -> tx.items().listDueForReview(dueBefore, PageRequest.first(50).after(item(random.nextInt(items))))));
        timeCalls("activities().list(c00 + random actor, first 20)", () -> storage.read(
                tx -> tx.activities().list(new ActivityFilter(Optional.of(c00), Optional.of(MemberId.of(
                        member(random.nextInt(members)))), Optional.empty()), PageRequest.first(20))));
        timeCalls("activities().listInvolving(c00, random member, first 20)", () -> storage.read(
                tx -> tx.activities().listInvolving(c00, MemberId.of(member(random.nextInt(members))),
                        PageRequest.first(20))));
        timeCalls("activities().listSince(c05, last 1,000 seconds, first 50)", () -> storage.read(
                tx -> tx.activities().listSince(CommunityId.of(community(5)), T0.plusSeconds(items - 1_000L),
                        PageRequest.first(50))));
        timeCalls("write: items().update (status DRAFT -> PUBLISHED) + listByCommunity in the same transaction",
                () -> storage.write(tx -> {
                    int i = random.nextInt(items / 10) * 10 + 1; // a DRAFT (see item(i, c))
                    KnowledgeItem draft = tx.items().find(KnowledgeItemId.of(item(i))).orElseThrow();
                    if (draft.status() != ItemStatus.DRAFT) {
                        return null;
                    }
                    tx.items().update(Fixtures.withStatus(draft, ItemStatus.PUBLISHED));
                    return tx.items().listByCommunity(draft.community(), Optional.empty(),
                            Set.of(ItemStatus.PUBLISHED), PageRequest.first(50).after(draft.id().value()));
                }));
        storage.close();
    }

    private static String community(int c) {
        return padded('c', c, 2);
    }

    private static String practice(int c, int p) {
        return padded('p', c, 2) + "-" + p;
    }

    private static String member(int i) {
        return padded('m', i, 7);
    }

    private static String item(int i) {
        return padded('i', i, 8);
    }

    /** {@code prefix} and i with leading zeros to {@code digits} digits ({@code String.format} took a tenth of the setup's CPU). */
    private static String padded(char prefix, int i, int digits) {
        String n = Integer.toString(i);
        StringBuilder b = new StringBuilder(digits + 1).append(prefix);
        for (int k = n.length(); k < digits; k++) {
            b.append('0');
        }
        return b.append(n).toString();
    }

    /** Item i of community c: 80% PUBLISHED with a review date, 10% DRAFT (i % 10 == 1), 10% ARCHIVED. */
    private static KnowledgeItem item(int i, int c) {
        ItemStatus status = i % 10 == 1 ? ItemStatus.DRAFT : i % 10 == 2 ? ItemStatus.ARCHIVED : ItemStatus.PUBLISHED;
        Optional<PracticeId> practice = i % 2 == 0 ? Optional.empty()
                : Optional.of(PracticeId.of(practice(c, (i / 2) % PRACTICES)));
        Instant created = T0.plusSeconds(i);
        return new KnowledgeItem(KnowledgeItemId.of(item(i)), CommunityId.of(community(c)), practice,
                ItemKind.ARTICLE, Fixtures.content("Item " + i), Audience.community(), status, MemberId.of("author"),
                1, List.of(), status == ItemStatus.PUBLISHED ? Optional.of(created.plusSeconds(86_400L * (i % 365)))
                        : Optional.empty(),
                status == ItemStatus.PUBLISHED ? Optional.of(created) : Optional.empty(), Optional.empty(),
                Provenance.authored(), created, created, 1);
    }

    private static Activity activity(MemberId actor, Verb verb, Ref object, Optional<Ref> target,
            Optional<CommunityId> community) {
        Visibility visibility = community.isPresent()
                ? new Visibility(community, Optional.empty(), Audience.community(), false, Set.of())
                : Visibility.platform();
        Instant at = object.type() == ObjectType.KNOWLEDGE_ITEM
                ? T0.plusSeconds(Integer.parseInt(object.id().substring(1)))
                : T0;
        return new Activity(0, actor, verb, object, target, community, at, visibility, Map.of());
    }

    private static void timeCalls(String what, Runnable call) {
        for (int i = 0; i < 10; i++) {
            call.run();
        }
        long start = System.nanoTime();
        long cpu = Span.THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        long cpuNanos = Span.THREADS.getCurrentThreadCpuTime() - cpu;
        System.out.printf(Locale.ROOT, "  %-100s %9.3f ms/call (thread CPU %.3f ms)%n", what,
                (System.nanoTime() - start) / 1e6 / CALLS, cpuNanos / 1e6 / CALLS);
    }

    // ---- kit API

    private static void kit(int members, boolean search) {
        Storage storage = InMemoryStorage.create();
        try (CopKit kit = CopKit.builder().storage(storage).search(search ? new InMemorySearchIndex() : new NoSearch())
                .clock(Clock.systemUTC()).build()) {
            OrganizationId org = OrganizationId.of("org");
            MemberId anna = MemberId.of("anna");
            kit.system().organizations().register(org, "Organisation", "");
            kit.system().members().register(anna, MemberProfile.of("Anna", org));
            var domain = kit.as(anna).domains().create("Energy transition", "Heat, grids and subsidies");
            CommunityId community = kit.as(anna).communities().create(CommunityDraft.of(domain.id(), "Heat",
                    "Heat networks").withPolicy(MembershipPolicy.OPEN)).id();
            Span span = new Span();
            progress("kit", members, i -> {
                MemberId id = MemberId.of(member(i));
                kit.system().members().register(id, MemberProfile.of("Member " + i, org));
                kit.as(id).communities().join(community);
            });
            System.out.printf(Locale.ROOT, "kit API (%s), %,d members registered + joined to one community: %s%n",
                    search ? "InMemorySearchIndex" : "NoSearch", members, span.lap());
        }
    }

    /**
     * Wall time, with the CPU time of the measuring thread and the JVM's garbage collection time beside
     * it (the machine may be shared: wall time then includes waiting for a core).
     */
    private static final class Span {
        private static final java.lang.management.ThreadMXBean THREADS =
                java.lang.management.ManagementFactory.getThreadMXBean();
        private final long wall0 = System.nanoTime();
        private final long cpu0 = THREADS.getCurrentThreadCpuTime();
        private final long gc0 = gcMillis();
        private long wall = wall0;
        private long cpu = cpu0;
        private long gc = gc0;

        private static long gcMillis() {
            return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
        }

        /** @return the time since the last lap */
        String lap() {
            long w = System.nanoTime();
            long c = THREADS.getCurrentThreadCpuTime();
            long g = gcMillis();
            String out = format(w - wall, c - cpu, g - gc);
            wall = w;
            cpu = c;
            gc = g;
            return out;
        }

        String total() {
            return format(wall - wall0, cpu - cpu0, gc - gc0);
        }

        private static String format(long wallNanos, long cpuNanos, long gcMillis) {
            return String.format(Locale.ROOT, "%.1f s (thread CPU %.1f s, GC %.1f s)", wallNanos / 1e9,
                    cpuNanos / 1e9, gcMillis / 1e3);
        }
    }

    /** Runs {@code step} for 0..n-1, printing progress every 10% when a run takes long. */
    private static void progress(String what, int n, IntConsumer step) {
        long start = System.nanoTime();
        List<String> marks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            step.accept(i);
            if (n >= 10 && (i + 1) % (n / 10) == 0 && System.nanoTime() - start > 10_000_000_000L) {
                marks.add(String.format(Locale.ROOT, "%d%%: %.0f s", (i + 1) * 100 / n,
                        (System.nanoTime() - start) / 1e9));
                System.out.println("  " + what + " " + marks.get(marks.size() - 1));
            }
        }
    }
}
