package org.copkit.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.copkit.CopKit;
import org.copkit.access.Actor;
import org.copkit.access.Audience;
import org.copkit.benchmarks.plot.Results;
import org.copkit.community.Community;
import org.copkit.community.CommunityDraft;
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
import org.copkit.domain.DomainId;
import org.copkit.health.HealthReport;
import org.copkit.jdbc.JdbcStorage;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.knowledge.Provenance;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
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
import org.copkit.testkit.HealthOracle;
import org.copkit.testkit.ManualClock;
import org.copkit.testkit.NoSearch;
import org.copkit.value.ValueCycle;
import org.copkit.value.ValueStory;
import org.copkit.value.ValueStoryContent;
import org.copkit.value.ValueStoryId;

/**
 * Community health reports at organisation scale (issue 14): one community of N members in three
 * organisations (95 % active, stored participation levels for 60 %: peripheral, active, core), N*10
 * knowledge items over three years in every status and audience and five practices (about one in ten
 * stale), N/50 questions over a year with 0 to 3 answers (some closed as duplicates), 50 sessions with
 * RSVPs and check-ins, 200 value stories. Everything is written through the storage SPI in batches
 * (set-up, not measured). Then {@code report(community, now - 90 days, now)} for an active member of
 * the first organisation:
 * <ul>
 * <li>after: the kit's report (aggregate queries, {@code Transaction.healthFacts}), p50 and p99 of
 * {@code runs} calls after 5 warm-up calls;</li>
 * <li>before: the former object-by-object report ({@link HealthOracle}, in one read transaction, without
 * the kit's actor loading), p50 and p99 of {@code beforeRuns} calls after one warm-up call (0: skipped);
 * the run checks that both reports are equal.</li>
 * </ul>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.copkit.benchmarks.HealthScale h2 1000,10000,100000 [runs] [beforeRuns]
 * </pre>
 */
public final class HealthScale {
    private static final OrganizationId[] ORGS = {OrganizationId.of("province"), OrganizationId.of("city"),
            OrganizationId.of("grid")};
    private static final Instant NOW = Instant.parse("2026-03-02T06:00:00Z");
    private static final long DAY = 86_400;
    private static final int BATCH = 5_000;

    private HealthScale() {}

    public static void main(String[] args) {
        String db = args[0];
        int[] sizes = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int beforeRuns = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        System.out.println("db        members     items  setup_s  after_p50_ms  after_p99_ms  runs  before_p50_ms"
                + "  before_p99_ms  before_runs  loadavg");
        try (BenchDatabase database = BenchDatabase.open(db)) {
            for (int n : sizes) {
                String schema = BenchDatabase.newSchemaName("health");
                try {
                    run(database, schema, n, runs, beforeRuns);
                } finally {
                    database.dropSchema(schema);
                }
            }
        }
    }

    private static void run(BenchDatabase database, String schema, int n, int runs, int beforeRuns) {
        long setup0 = System.nanoTime();
        ManualClock clock = new ManualClock(NOW.minus(Duration.ofDays(3 * 365)));
        JdbcStorage storage = database.storage(schema);
        try (CopKit kit = CopKit.builder().storage(storage).search(new NoSearch()).clock(clock).build()) {
            for (OrganizationId o : ORGS) {
                kit.system().organizations().register(o, o.value(), "");
            }
            MemberId coordinator = MemberId.of("coordinator");
            kit.system().members().register(coordinator, MemberProfile.of("Coordinator", ORGS[0]));
            DomainId domain = kit.system().domains().create("Energy transition", "").id();
            CommunityId community = kit.as(coordinator).communities().create(CommunityDraft.of(domain,
                    "Warmte in de wijk", "Gas-free neighbourhoods")).id();
            clock.advance(Duration.between(clock.instant(), NOW));
            Random random = new Random(14);
            List<MemberId> members = new ArrayList<>();
            List<PracticeId> practices = new ArrayList<>();
            storage.write(tx -> {
                for (int p = 0; p < 5; p++) {
                    Practice practice = new Practice(PracticeId.of("practice-" + p), community, "Practice " + p, "",
                            Set.of(coordinator), Optional.of(java.time.Period.ofMonths(12)), 1, NOW, 1);
                    tx.practices().insert(practice);
                    practices.add(practice.id());
                }
                return null;
            });
            for (int from = 0; from < n; from += BATCH) {
                List<Member> batch = new ArrayList<>();
                List<Membership> joined = new ArrayList<>();
                List<ParticipationLevel> levels = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + BATCH); i++) {
                    MemberId m = MemberId.of(String.format(Locale.ROOT, "m%07d", i));
                    members.add(m);
                    batch.add(new Member(m, MemberProfile.of("Member " + i, ORGS[i % ORGS.length]), NOW, 1));
                    Instant at = NOW.minusSeconds(random.nextLong(730 * DAY));
                    boolean active = random.nextInt(20) > 0;
                    joined.add(new Membership(community, m, Role.MEMBER, active ? MembershipState.ACTIVE
                            : MembershipState.LEFT, at, Optional.of(at), Optional.empty(), 1));
                    int l = random.nextInt(10);
                    if (l < 6) {
                        levels.add(new ParticipationLevel(community, m, l < 3 ? Level.PERIPHERAL : l < 5 ? Level.ACTIVE
                                : Level.CORE, NOW, 1));
                    }
                }
                storage.write(tx -> {
                    tx.members().insertAll(batch);
                    tx.memberships().insertAll(joined);
                    tx.participationLevels().insertAll(levels);
                    return null;
                });
            }
            ItemContent content = ItemContent.of("Item", "Short body.", Locale.forLanguageTag("nl"));
            ItemStatus[] statuses = ItemStatus.values();
            for (int from = 0; from < n * 10; from += BATCH) {
                List<KnowledgeItem> batch = new ArrayList<>();
                for (int i = from; i < Math.min(n * 10, from + BATCH); i++) {
                    int s = random.nextInt(100);
                    ItemStatus status = s < 80 ? ItemStatus.PUBLISHED : s < 85 ? ItemStatus.NEEDS_REVIEW
                            : statuses[random.nextInt(statuses.length)];
                    Instant created = NOW.minusSeconds(random.nextLong(3 * 365 * DAY));
                    Optional<Instant> published = status.unpublished() ? Optional.empty()
                            : Optional.of(created.plusSeconds(random.nextLong(DAY)));
                    Optional<Instant> reviewBy = published.map(p -> p.plusSeconds((730 + random.nextLong(730)) * DAY));
                    batch.add(new KnowledgeItem(KnowledgeItemId.of(String.format(Locale.ROOT, "i%08d", i)), community,
                            random.nextInt(3) == 0 ? Optional.empty()
                                    : Optional.of(practices.get(random.nextInt(practices.size()))),
                            ItemKind.ARTICLE, content, audience(random), status, members.get(random.nextInt(n)), 1,
                            List.of(), reviewBy, published, Optional.empty(), Provenance.authored(), created,
                            created, 1));
                }
                storage.write(tx -> {
                    tx.items().insertAll(batch);
                    return null;
                });
            }
            int questions = Math.max(1, n / 50);
            List<Conversation> qs = new ArrayList<>();
            List<Post> posts = new ArrayList<>();
            for (int i = 0; i < questions; i++) {
                ConversationId id = ConversationId.of(String.format(Locale.ROOT, "q%07d", i));
                Instant asked = NOW.minusSeconds(random.nextLong(365 * DAY));
                int answers = random.nextInt(4);
                for (int a = 0; a < answers; a++) {
                    posts.add(new Post(PostId.of(id.value() + "-a" + a), id, PostKind.ANSWER, Optional.empty(),
                            members.get(random.nextInt(n)), "This one.", 1, 0,
                            asked.plusSeconds(random.nextLong(3 * DAY)), NOW, 1));
                }
                boolean duplicate = i > 0 && random.nextInt(20) == 0;
                qs.add(new Conversation(id, community, Optional.empty(), ConversationKind.QUESTION,
                        ItemContent.of("Question " + i, "Who knows?", Locale.forLanguageTag("nl")), audience(random),
                        members.get(random.nextInt(n)), duplicate ? ConversationStatus.CLOSED_DUPLICATE
                                : ConversationStatus.OPEN, 1, Optional.empty(),
                        duplicate ? Optional.of(qs.get(0).id()) : Optional.empty(), Optional.empty(), 0, asked, asked,
                        1));
            }
            for (int from = 0; from < qs.size(); from += BATCH) {
                List<Conversation> part = qs.subList(from, Math.min(qs.size(), from + BATCH));
                storage.write(tx -> {
                    tx.conversations().insertAll(part);
                    return null;
                });
            }
            for (int from = 0; from < posts.size(); from += BATCH) {
                List<Post> part = posts.subList(from, Math.min(posts.size(), from + BATCH));
                storage.write(tx -> {
                    tx.posts().insertAll(part);
                    return null;
                });
            }
            storage.write(tx -> {
                for (int i = 0; i < 50; i++) {
                    SessionId id = SessionId.of(String.format(Locale.ROOT, "s%03d", i));
                    Instant start = NOW.minusSeconds(random.nextLong(365 * DAY));
                    tx.sessions().insert(new Session(id, community, Optional.empty(), SessionKind.WORKSHOP,
                            SessionFormat.ONLINE, "Session " + i, "", start, start.plusSeconds(3_600),
                            ZoneId.of("Europe/Amsterdam"), Optional.empty(), Optional.of(URI.create("https://meet/" + i)),
                            new Capacity(OptionalInt.empty(), OptionalInt.of(15)), Set.of(coordinator),
                            audience(random), i % 10 == 0 ? SessionStatus.CANCELLED : SessionStatus.SCHEDULED, 0,
                            Optional.empty(), "", Set.of(), Set.of(), start, start, 1));
                    Set<MemberId> answered = new LinkedHashSet<>();
                    while (answered.size() < Math.min(20, n)) {
                        answered.add(members.get(random.nextInt(n)));
                    }
                    long arrival = 0;
                    for (MemberId m : answered) {
                        arrival++;
                        tx.rsvps().insert(new Rsvp(id, m, RsvpResponse.GOING, AttendanceMode.ONLINE,
                                Optional.of(arrival <= 15 ? Placement.CONFIRMED : Placement.WAITLISTED), start, arrival,
                                1));
                        if (arrival % 2 == 0) {
                            tx.attendances().insert(new Attendance(id, m, start, coordinator, 1));
                        }
                    }
                }
                for (int i = 0; i < 200; i++) {
                    tx.valueStories().insert(new ValueStory(ValueStoryId.of(String.format(Locale.ROOT, "v%04d", i)),
                            community, members.get(random.nextInt(n)), new ValueStoryContent(
                                    ValueCycle.values()[random.nextInt(ValueCycle.values().length)], "Story " + i,
                                    "It helped.", Locale.ENGLISH, List.of()), audience(random),
                            NOW.minusSeconds(random.nextLong(365 * DAY)), NOW, 1));
                }
                return null;
            });
            analyze(database, schema);
            double setup = (System.nanoTime() - setup0) / 1e9;

            MemberId reader = members.stream().filter(m -> storage.read(tx -> tx.memberships()
                    .find(new org.copkit.spi.MembershipKey(community, m))).map(Membership::active).orElse(false))
                    .findFirst().orElseThrow();
            Instant from = NOW.minus(Duration.ofDays(90));
            CopKit.As as = kit.as(reader);
            HealthReport after = as.health().report(community, from, NOW);
            double[] a = time(runs, 5, () -> as.health().report(community, from, NOW));
            double[] b = new double[0];
            if (beforeRuns > 0) {
                Supplier<HealthReport> oracle = () -> storage.read(tx -> {
                    Community c = tx.communities().find(community).orElseThrow();
                    Member m = tx.members().find(reader).orElseThrow();
                    Actor actor = Actor.of(reader, m.organization(), tx.memberships().listByMember(reader),
                            Set.of());
                    return HealthOracle.report(tx, actor, c, from, NOW, clock.instant());
                });
                HealthReport before = oracle.get();
                if (!before.equals(after)) {
                    throw new IllegalStateException("the reports differ:\nbefore " + before + "\nafter  " + after);
                }
                b = time(beforeRuns, 0, oracle::get);
            }
            Results.record("scale-p50", Results.backend(database.kind) + ": health report", n, pct(a, 0.50));
            System.out.printf(Locale.ROOT, "%-8s %8d %9d %8.1f %13.2f %13.2f %5d %14.1f %14.1f %12d  %s%n",
                    database.kind, n, n * 10, setup, pct(a, 0.50), pct(a, 0.99), a.length, pct(b, 0.50), pct(b, 0.99),
                    b.length, loadavg());
            System.out.println("  report: members " + after.membersByLevel() + ", newcomers " + after.newcomers()
                    + ", " + after.questions() + ", published " + after.itemsPublished() + ", stale "
                    + after.itemsStale() + ", sessions " + after.sessions().size() + ", stories "
                    + after.valueStories());
        }
    }

    /**
     * Fresh planner statistics after the bulk load, as autovacuum would gather them in time: PostgreSQL
     * {@code ANALYZE} (and {@code VACUUM} for index-only scans) of the schema's tables, H2 {@code ANALYZE}.
     */
    private static void analyze(BenchDatabase database, String schema) {
        try (java.sql.Connection c = database.dataSource().getConnection();
                java.sql.Statement st = c.createStatement()) {
            if (database.kind.equals("postgres")) {
                c.setAutoCommit(true);
                for (String t : List.of("memberships", "participation_levels", "knowledge_items", "conversations",
                        "posts", "sessions", "rsvps", "attendances", "value_stories")) {
                    st.execute("VACUUM ANALYZE \"" + schema + "\"." + t);
                }
            } else {
                st.execute("ANALYZE");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot analyze schema " + schema, e);
        }
    }

    private static Audience audience(Random random) {
        int a = random.nextInt(20);
        return a < 14 ? Audience.community() : a < 16 ? Audience.platform()
                : a < 19 ? Audience.organization(ORGS[random.nextInt(ORGS.length)])
                : Audience.partners(ORGS[1], ORGS[2]);
    }

    private static double[] time(int runs, int warmup, Supplier<HealthReport> call) {
        for (int i = 0; i < warmup; i++) {
            call.get();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            call.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static String loadavg() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    private static double pct(double[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
