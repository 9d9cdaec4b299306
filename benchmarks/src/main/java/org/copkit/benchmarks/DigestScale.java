package org.copkit.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.copkit.CopKit;
import org.copkit.benchmarks.plot.Results;
import org.copkit.community.CommunityDraft;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.MembershipState;
import org.copkit.community.Role;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationDraft;
import org.copkit.conversation.Post;
import org.copkit.digest.DigestReport;
import org.copkit.domain.DomainId;
import org.copkit.jdbc.JdbcStorage;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;
import org.copkit.subscription.NotificationFrequency;
import org.copkit.subscription.NotificationPreference;
import org.copkit.testkit.ManualClock;
import org.copkit.testkit.NoSearch;

/**
 * Digests at organisation scale: one community of N members (three organisations, weekly digests), a
 * week of activity (N/20 published items and N/50 answered questions, as in issue 14), then
 * <ul>
 * <li>one member's digest of the week ({@code digest(Period.ofDays(7))}), median of 21 members after
 * 20 unmeasured ones (JIT warm-up): wall time, and the calling thread's CPU time (on H2, which runs in
 * that thread, nearly all the work; less sensitive to a loaded machine than wall time);</li>
 * <li>{@code sendDue(WEEKLY)} for all N members, wall time;</li>
 * <li>meanwhile a writer creates an item every 20 ms and records how long each {@code create()} took
 * (p50, p99, max): what the run makes other writers wait.</li>
 * </ul>
 * Members, memberships and preferences are stored through the storage SPI in batches (set-up, not
 * measured); items and questions go through the kit.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.copkit.benchmarks.DigestScale h2 1000,10000,100000
 * </pre>
 */
public final class DigestScale {
    private static final OrganizationId[] ORGS = {OrganizationId.of("province"), OrganizationId.of("city"),
            OrganizationId.of("grid")};

    private DigestScale() {}

    public static void main(String[] args) {
        String db = args[0];
        int[] sizes = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
        System.out.println("db        members  setup_s  one_digest_p50_ms  one_digest_cpu_p50_ms  send_all_s  "
                + "per_member_ms  create_p50_ms  create_p99_ms  create_max_ms  creates  delivered");
        try (BenchDatabase database = BenchDatabase.open(db)) {
            for (int n : sizes) {
                String schema = BenchDatabase.newSchemaName("digest");
                try {
                    run(database, schema, n);
                } finally {
                    database.dropSchema(schema);
                }
            }
        }
    }

    private static void run(BenchDatabase database, String schema, int n) {
        long setup0 = System.nanoTime();
        ManualClock clock = new ManualClock(Instant.parse("2026-03-02T06:00:00Z"));
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
            List<MemberId> members = new ArrayList<>();
            Instant at = clock.instant();
            for (int from = 0; from < n; from += 5_000) {
                List<Member> batch = new ArrayList<>();
                List<Membership> joined = new ArrayList<>();
                List<NotificationPreference> weekly = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + 5_000); i++) {
                    MemberId m = MemberId.of(String.format(Locale.ROOT, "m%07d", i));
                    members.add(m);
                    batch.add(new Member(m, MemberProfile.of("Member " + i, ORGS[i % ORGS.length]), at, 1));
                    joined.add(new Membership(community, m, Role.MEMBER, MembershipState.ACTIVE, at, Optional.of(at),
                            Optional.empty(), 1));
                    weekly.add(new NotificationPreference(m, NotificationFrequency.WEEKLY, at, 1));
                }
                storage.write(tx -> {
                    tx.members().insertAll(batch);
                    tx.memberships().insertAll(joined);
                    tx.notificationPreferences().insertAll(weekly);
                    return null;
                });
            }
            // a week of activity
            Random random = new Random(7);
            int items = n / 20;
            int questions = n / 50;
            long step = Duration.ofDays(7).toMillis() / (items + questions + 1);
            for (int i = 0; i < items; i++) {
                clock.advance(Duration.ofMillis(step));
                CopKit.As author = kit.as(members.get(random.nextInt(n)));
                KnowledgeItem d = author.knowledge().create(ItemDraft.of(community, ItemKind.ARTICLE,
                        ItemContent.of("Item " + i, World.content(i).body(), Locale.forLanguageTag("nl"))));
                author.knowledge().publish(d.id(), d.version());
            }
            for (int i = 0; i < questions; i++) {
                clock.advance(Duration.ofMillis(step));
                CopKit.As asker = kit.as(members.get(random.nextInt(n)));
                Conversation q = asker.conversations().ask(ConversationDraft.of(community, ItemContent.of(
                        "Question " + i, "Who knows?", Locale.forLanguageTag("nl"))));
                Post a = kit.as(members.get(random.nextInt(n))).conversations().answer(q.id(), "This one.");
                asker.conversations().accept(a.id(), asker.conversations().get(q.id()).version());
            }
            clock.advance(Duration.ofHours(1));
            double setup = (System.nanoTime() - setup0) / 1e9;

            // warm-up (not measured): the first digests of a JVM run interpreted code
            for (int i = 0; i < 20; i++) {
                kit.as(members.get(random.nextInt(n))).digests().digest(Period.ofDays(7));
            }
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            double[] one = new double[21];
            double[] oneCpu = new double[21];
            for (int i = 0; i < one.length; i++) {
                MemberId m = members.get(random.nextInt(n));
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                kit.as(m).digests().digest(Period.ofDays(7));
                one[i] = (System.nanoTime() - t0) / 1e6;
                oneCpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            }
            Arrays.sort(one);
            Arrays.sort(oneCpu);

            AtomicBoolean running = new AtomicBoolean(true);
            List<Double> creates = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread writer = new Thread(() -> {
                CopKit.As c = kit.as(coordinator);
                int i = 0;
                while (running.get()) {
                    long t0 = System.nanoTime();
                    c.knowledge().create(ItemDraft.of(community, ItemKind.ARTICLE, ItemContent.of("During " + i++,
                            "body", Locale.ENGLISH)));
                    creates.add((System.nanoTime() - t0) / 1e6);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "concurrent-writer");
            writer.start();
            long t0 = System.nanoTime();
            DigestReport report = kit.system().digests().sendDue(NotificationFrequency.WEEKLY);
            double all = (System.nanoTime() - t0) / 1e9;
            running.set(false);
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            double[] c = creates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            String backend = Results.backend(database.kind);
            Results.record("digest-send-all", backend + ": send all", n, all);
            Results.record("scale-p50", backend + ": one digest", n, one[one.length / 2]);
            System.out.printf(Locale.ROOT, "%-8s %8d %8.1f %18.1f %22.1f %11.1f %14.3f %14.1f %14.1f %14.1f %8d %10d%n",
                    database.kind, n, setup, one[one.length / 2], oneCpu[oneCpu.length / 2], all, all * 1000 / n,
                    pct(c, 0.50), pct(c, 0.99),
                    c.length == 0 ? 0 : c[c.length - 1], c.length, report.delivered().size());
        }
    }

    private static double pct(double[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
