package org.copkit.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.copkit.CopKit;
import org.copkit.access.Audience;
import org.copkit.benchmarks.plot.Results;
import org.copkit.community.CommunityDraft;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.MembershipState;
import org.copkit.community.Role;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationId;
import org.copkit.conversation.ConversationKind;
import org.copkit.conversation.ConversationStatus;
import org.copkit.conversation.Post;
import org.copkit.conversation.PostId;
import org.copkit.conversation.PostKind;
import org.copkit.domain.CompetencyDraft;
import org.copkit.domain.CompetencyId;
import org.copkit.domain.DomainId;
import org.copkit.internal.ScanExperts;
import org.copkit.internal.ScanPeers;
import org.copkit.jdbc.JdbcStorage;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.knowledge.Provenance;
import org.copkit.lucene.LuceneSearchIndex;
import org.copkit.member.Competence;
import org.copkit.member.Endorsement;
import org.copkit.member.EndorsementId;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;
import org.copkit.member.Proficiency;
import org.copkit.session.Capacity;
import org.copkit.session.Session;
import org.copkit.session.SessionFormat;
import org.copkit.session.SessionId;
import org.copkit.session.SessionKind;
import org.copkit.session.SessionStatus;
import org.copkit.spi.Transaction;
import org.copkit.testkit.ManualClock;

/**
 * The expert and peer finders at scale (issue 14): one domain with a competency hierarchy (a binary tree of
 * 31 competencies), ten communities on it, N members in three organisations (1 to 3 declared competences,
 * up to 2 ambitions, half findable across organisations, active in 1 or 2 communities), N endorsements
 * (10% withdrawn), N*10 knowledge items (80% published, 10% drafts, 10% archived; community, platform or
 * organisation audience; 1 or 2 competencies each), N/10 answered questions and N/100 past sessions (10%
 * cancelled). Everything is stored through the storage SPI in batches and the Lucene index (on disk) is
 * built with the kit's bulk path ({@code kit.reindex()}); set-up is not measured. Then, for 21 viewers spread
 * over the organisations:
 * <ul>
 * <li>{@code experts().find(competency, 10)}: 5 random competencies of every depth per viewer, p50/p99 of the
 * wall time and of the calling thread's CPU time (on embedded H2 the whole call runs on that thread, so it
 * shows the work apart from waiting for the shared machine's cores);</li>
 * <li>{@code experts().find(text, 10)}: 2 texts per viewer, p50/p99;</li>
 * <li>{@code onboarding().startHere(community)} (peers plus the rest of the page), one per viewer, p50/p99;</li>
 * <li>with {@code oracle}: the same by competency and the peers with the scan they replaced (the test oracles
 * {@code ScanExperts}, {@code ScanPeers}), on the first {@code oracleViewers} viewers.</li>
 * </ul>
 *
 * <pre>
 * java -Xmx6g -cp benchmarks/target/benchmarks.jar org.copkit.benchmarks.ExpertScale h2 1000,10000 [oracleViewers]
 * </pre>
 */
public final class ExpertScale {
    private static final OrganizationId[] ORGS = {OrganizationId.of("province"), OrganizationId.of("city"),
            OrganizationId.of("grid")};
    private static final String[] TOPICS = {"Heat", "Insulation", "Heat pumps", "District heating", "Solar",
        "Grid capacity", "Subsidies", "Permits", "Hydrogen", "Storage", "Participation", "Ventilation",
        "Geothermal", "Biomass", "Wind", "Planning"};
    private static final Instant NOW = Instant.parse("2026-03-02T06:00:00Z");
    /** CPU time of the calling thread: on embedded H2 the whole call (storage and index) runs on it. */
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private ExpertScale() {}

    public static void main(String[] args) {
        String db = args[0];
        int[] sizes = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
        int oracleViewers = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        System.out.println("db        members    items  setup_s  index_s  comp_p50_ms  comp_p99_ms  text_p50_ms  "
                + "text_p99_ms  start_p50_ms  start_p99_ms  scan_comp_p50_ms  scan_peers_p50_ms  comp_cpu_p50_ms  "
                + "comp_cpu_p99_ms  loadavg");
        try (BenchDatabase database = BenchDatabase.open(db)) {
            for (int n : sizes) {
                String schema = BenchDatabase.newSchemaName("experts");
                try {
                    run(database, schema, n, oracleViewers);
                } finally {
                    database.dropSchema(schema);
                }
            }
        }
    }

    private static <T> T pick(Random r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    private static void run(BenchDatabase database, String schema, int n, int oracleViewers) {
        long setup0 = System.nanoTime();
        ManualClock clock = new ManualClock(NOW);
        JdbcStorage storage = database.storage(schema);
        Path indexDir;
        try {
            indexDir = Files.createTempDirectory("copkit-bench-experts");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Random r = new Random(14);
        try (CopKit kit = CopKit.builder().storage(storage).search(LuceneSearchIndex.open(indexDir)).clock(clock)
                .build()) {
            for (OrganizationId o : ORGS) {
                kit.system().organizations().register(o, o.value(), "");
            }
            MemberId coordinator = MemberId.of("coordinator");
            kit.system().members().register(coordinator, MemberProfile.of("Coordinator", ORGS[0]));
            DomainId domain = kit.system().domains().create("Energy transition", "").id();
            List<CompetencyId> competencies = new ArrayList<>();
            for (int c = 0; c < 31; c++) {
                CompetencyId id = CompetencyId.of("c" + c);
                CompetencyDraft d = CompetencyDraft.of(Map.of(Locale.ENGLISH, TOPICS[c % TOPICS.length] + " " + c,
                        Locale.forLanguageTag("nl"), "Onderwerp " + c)).withId(id);
                kit.system().domains().addCompetency(domain, c == 0 ? d : d.under(competencies.get((c - 1) / 2)));
                competencies.add(id);
            }
            List<CommunityId> communities = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                communities.add(kit.as(coordinator).communities().create(CommunityDraft.of(domain, "Community " + c,
                        "Purpose " + c)).id());
            }
            Instant at = NOW.minus(Duration.ofDays(30));
            List<Member> members = new ArrayList<>(n);
            List<Set<CommunityId>> activeIn = new ArrayList<>(n);
            for (int from = 0; from < n; from += 5_000) {
                List<Member> batch = new ArrayList<>();
                List<Membership> joined = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + 5_000); i++) {
                    MemberId m = MemberId.of(String.format(Locale.ROOT, "m%07d", i));
                    List<Competence> declared = new ArrayList<>();
                    Set<CompetencyId> seen = new HashSet<>();
                    for (int k = 1 + r.nextInt(3); k > 0; k--) {
                        CompetencyId c = pick(r, competencies);
                        if (seen.add(c)) {
                            declared.add(new Competence(c, Proficiency.values()[r.nextInt(4)]));
                        }
                    }
                    Set<CompetencyId> ambitions = new HashSet<>();
                    for (int k = r.nextInt(3); k > 0; k--) {
                        ambitions.add(pick(r, competencies));
                    }
                    Member member = new Member(m, MemberProfile.of("Member " + i, ORGS[i % ORGS.length])
                            .withCompetences(declared).withAmbitions(ambitions).withFindableAsExpert(r.nextBoolean()),
                            at, 1);
                    batch.add(member);
                    Set<CommunityId> in = new HashSet<>();
                    for (int k = 1 + r.nextInt(2); k > 0; k--) {
                        in.add(pick(r, communities));
                    }
                    for (CommunityId c : in) {
                        joined.add(new Membership(c, m, Role.MEMBER, MembershipState.ACTIVE, at, Optional.of(at),
                                Optional.empty(), 1));
                    }
                    activeIn.add(in);
                }
                members.addAll(batch);
                write(storage, tx -> {
                    tx.members().insertAll(batch);
                    tx.memberships().insertAll(joined);
                });
            }
            // endorsements, 10% withdrawn
            Set<String> endorsed = new HashSet<>();
            List<Endorsement> endorsements = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Member endorsee = pick(r, members);
                MemberId endorser = pick(r, members).id();
                CompetencyId c = pick(r, endorsee.profile().competences()).competency();
                if (endorser.equals(endorsee.id()) || !endorsed.add(endorsee.id() + "/" + c + "/" + endorser)) {
                    continue;
                }
                endorsements.add(new Endorsement(EndorsementId.of("e" + i), endorsee.id(), c, endorser, at,
                        r.nextInt(10) == 0 ? Optional.of(at.plusSeconds(60)) : Optional.empty(), 1));
                if (endorsements.size() == 5_000) {
                    List<Endorsement> batch = List.copyOf(endorsements);
                    write(storage, tx -> tx.endorsements().insertAll(batch));
                    endorsements.clear();
                }
            }
            List<Endorsement> rest = List.copyOf(endorsements);
            write(storage, tx -> tx.endorsements().insertAll(rest));
            // knowledge items
            int items = n * 10;
            for (int from = 0; from < items; from += 5_000) {
                List<KnowledgeItem> batch = new ArrayList<>();
                for (int i = from; i < Math.min(items, from + 5_000); i++) {
                    int ownerIndex = r.nextInt(n);
                    Member owner = members.get(ownerIndex);
                    CommunityId community = pick(r, List.copyOf(activeIn.get(ownerIndex)));
                    Set<CompetencyId> on = new HashSet<>();
                    for (int k = 1 + r.nextInt(2); k > 0; k--) {
                        on.add(competencies.get(15 + r.nextInt(16))); // mostly leaves, as content is specific
                    }
                    int s = r.nextInt(10);
                    ItemStatus status = s < 8 ? ItemStatus.PUBLISHED : s == 8 ? ItemStatus.DRAFT : ItemStatus.ARCHIVED;
                    int a = r.nextInt(5);
                    Audience audience = a < 3 ? Audience.community() : a == 3 ? Audience.platform()
                            : Audience.organization(owner.organization());
                    ItemContent content = new ItemContent("Item " + i + " " + TOPICS[i % TOPICS.length],
                            "Notes on " + TOPICS[(i / 7) % TOPICS.length] + " number " + i, Set.of(), on,
                            Locale.ENGLISH);
                    batch.add(new KnowledgeItem(KnowledgeItemId.of(String.format(Locale.ROOT, "i%08d", i)), community,
                            Optional.empty(), ItemKind.ARTICLE, content, audience, status, owner.id(), 1, List.of(),
                            Optional.empty(), status == ItemStatus.DRAFT ? Optional.empty() : Optional.of(at),
                            Optional.empty(), Provenance.authored(), at, at, 1));
                }
                write(storage, tx -> tx.items().insertAll(batch));
            }
            // answered questions: stored open with their answer, then answered
            int questions = n / 10;
            for (int from = 0; from < questions; from += 2_000) {
                List<Conversation> open = new ArrayList<>();
                List<Post> answers = new ArrayList<>();
                for (int i = from; i < Math.min(questions, from + 2_000); i++) {
                    int asker = r.nextInt(n);
                    CommunityId community = pick(r, List.copyOf(activeIn.get(asker)));
                    ConversationId id = ConversationId.of(String.format(Locale.ROOT, "q%07d", i));
                    open.add(new Conversation(id, community, Optional.empty(), ConversationKind.QUESTION,
                            new ItemContent("Question " + i + " on " + TOPICS[i % TOPICS.length], "Who knows?", Set.of(),
                                    Set.of(competencies.get(15 + r.nextInt(16))), Locale.ENGLISH),
                            Audience.community(), members.get(asker).id(), ConversationStatus.OPEN, 1,
                            Optional.empty(), Optional.empty(), Optional.empty(), 0, at, at, 1));
                    answers.add(new Post(PostId.of("a" + i), id, PostKind.ANSWER, Optional.empty(),
                            pick(r, members).id(), "This one.", 1, 0, at, at, 1));
                }
                write(storage, tx -> {
                    tx.conversations().insertAll(open);
                    tx.posts().insertAll(answers);
                    for (int i = 0; i < open.size(); i++) {
                        Conversation c = open.get(i);
                        tx.conversations().update(new Conversation(c.id(), c.community(), c.practice(), c.kind(),
                                c.content(), c.audience(), c.author(), ConversationStatus.ANSWERED, c.revision(),
                                Optional.of(answers.get(i).id()), c.duplicateOf(), c.promotedTo(), c.score(),
                                c.createdAt(), at, 2));
                    }
                });
            }
            // past sessions, 10% cancelled
            List<Session> sessions = new ArrayList<>();
            for (int i = 0; i < n / 100; i++) {
                int host = r.nextInt(n);
                CommunityId community = pick(r, List.copyOf(activeIn.get(host)));
                Instant start = NOW.minus(Duration.ofDays(1 + r.nextInt(20)));
                sessions.add(new Session(SessionId.of("s" + i), community, Optional.empty(), SessionKind.MEETUP,
                        SessionFormat.ONLINE, "Session " + i, "", start, start.plus(Duration.ofHours(1)),
                        ZoneId.of("Europe/Amsterdam"), Optional.empty(),
                        Optional.of(java.net.URI.create("https://meet.example/" + i)),
                        new Capacity(OptionalInt.empty(), OptionalInt.empty()), Set.of(members.get(host).id()),
                        Audience.community(), r.nextInt(10) == 0 ? SessionStatus.CANCELLED : SessionStatus.SCHEDULED,
                        0, Optional.empty(), "", Set.of(), Set.of(), at, at, 1));
            }
            write(storage, tx -> tx.sessions().insertAll(sessions));
            double setup = (System.nanoTime() - setup0) / 1e9;
            long index0 = System.nanoTime();
            kit.reindex();
            double index = (System.nanoTime() - index0) / 1e9;

            List<Integer> viewerIndexes = new ArrayList<>();
            for (int i = 0; viewerIndexes.size() < 21; i++) {
                viewerIndexes.add((i * 7919) % n); // spread over the organisations (index % 3)
            }
            List<MemberId> viewers = viewerIndexes.stream().map(i -> members.get(i).id()).toList();
            // warm-up
            for (int i = 0; i < 20; i++) {
                kit.as(pick(r, viewers)).experts().find(pick(r, competencies), 10);
                kit.as(pick(r, viewers)).experts().find(TOPICS[r.nextInt(TOPICS.length)], 10);
            }
            List<Double> byCompetency = new ArrayList<>();
            List<Double> byCompetencyCpu = new ArrayList<>();
            List<Double> byText = new ArrayList<>();
            List<Double> start = new ArrayList<>();
            List<Double> scanCompetency = new ArrayList<>();
            List<Double> scanPeers = new ArrayList<>();
            for (int v = 0; v < viewers.size(); v++) {
                CopKit.As as = kit.as(viewers.get(v));
                for (int k = 0; k < 5; k++) {
                    CompetencyId c = pick(r, competencies);
                    long cpu0 = THREADS.getCurrentThreadCpuTime();
                    byCompetency.add(time(() -> as.experts().find(c, 10)));
                    byCompetencyCpu.add((THREADS.getCurrentThreadCpuTime() - cpu0) / 1e6);
                }
                for (int k = 0; k < 2; k++) {
                    String text = TOPICS[r.nextInt(TOPICS.length)];
                    byText.add(time(() -> as.experts().find(text, 10)));
                }
                CommunityId community = activeIn.get(viewerIndexes.get(v)).iterator().next();
                start.add(time(() -> as.onboarding().startHere(community)));
                if (v < oracleViewers) {
                    CompetencyId c = pick(r, competencies);
                    scanCompetency.add(time(() -> ScanExperts.of(as).find(c, 10)));
                    scanPeers.add(time(() -> ScanPeers.peers(as, community)));
                }
            }
            String load;
            try {
                load = Files.readString(Path.of("/proc/loadavg")).strip();
            } catch (IOException e) {
                load = "?";
            }
            Results.record("scale-p50", Results.backend(database.kind) + ": expert finder", n, pct(byCompetency, 0.5));
            System.out.printf(Locale.ROOT, "%-8s %8d %8d %8.1f %8.1f %12.1f %12.1f %12.1f %12.1f %13.1f %13.1f %17s "
                    + "%18s %16.1f %16.1f  %s%n", database.kind, n, items, setup, index, pct(byCompetency, 0.5),
                    pct(byCompetency, 0.99), pct(byText, 0.5), pct(byText, 0.99), pct(start, 0.5), pct(start, 0.99),
                    scanCompetency.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f", pct(scanCompetency, 0.5)),
                    scanPeers.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f", pct(scanPeers, 0.5)),
                    pct(byCompetencyCpu, 0.5), pct(byCompetencyCpu, 0.99), load);
        } finally {
            try (var files = Files.walk(indexDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete " + indexDir + ": " + e);
            }
        }
    }

    private interface Work {
        void apply(Transaction tx);
    }

    private static void write(JdbcStorage storage, Work work) {
        storage.write(tx -> {
            work.apply(tx);
            return null;
        });
    }

    private static double time(Supplier<?> call) {
        long t0 = System.nanoTime();
        call.get();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double pct(List<Double> values, double p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
