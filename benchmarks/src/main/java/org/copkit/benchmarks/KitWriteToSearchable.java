package org.copkit.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.copkit.CopKit;
import org.copkit.benchmarks.search.SearchCorpus;
import org.copkit.community.CommunityDraft;
import org.copkit.community.CommunityId;
import org.copkit.knowledge.ImportOptions;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.lucene.LuceneSearchIndex;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;
import org.copkit.search.SearchQuery;

/**
 * Write-to-searchable through the kit's whole path on one node: Anna creates and publishes a knowledge
 * item carrying a unique word ({@code knowledge().create} then {@code publish}, two write transactions,
 * each committed), the kit's background indexer reads the change feed and indexes it, and Bert, another
 * member of the community, finds it with {@code kit.as(bert).search().query(...)} (the kit's search: the
 * actor read from storage, then the index). The sample is the time from the start of {@code publish} (the
 * write that makes the item visible to Bert) until Bert's search finds it; the write calls are timed too.
 * Writes arrive at a steady rate from a scheduler; one searcher thread looks for the oldest word not found
 * yet, again each time the index's checkpoint moves (at most every 5 ms), so it does not compete with the
 * indexer for the CPU.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.copkit.benchmarks.KitWriteToSearchable h2 10 60 50 50000
 * </pre>
 *
 * <p>Arguments: {@code h2} or {@code postgres}, warm-up seconds, measured seconds, items published per second,
 * items imported first (a synthetic corpus, through {@code importItems}).
 */
public final class KitWriteToSearchable {
    private record Probe(String word, long publishNanos, boolean measured) {}

    private static final MemberId ANNA = MemberId.of("anna");
    private static final MemberId BERT = MemberId.of("bert");

    private KitWriteToSearchable() {}

    public static void main(String[] args) throws Exception {
        run(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                Integer.parseInt(args[4]));
        System.exit(0);
    }

    /**
     * Runs the measurement and prints the table.
     *
     * @return samples in ms, ascending: {@code searchable}, {@code create}, {@code publish}
     */
    static Map<String, double[]> run(String db, int warmup, int measured, int rate, int items) throws Exception {
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Path dir = Files.createTempDirectory("copkit-kit-w2s");
        String schema = BenchDatabase.newSchemaName("w2s");
        Map<String, double[]> result = new LinkedHashMap<>();
        BenchDatabase database = BenchDatabase.open(db);
        LuceneSearchIndex index = LuceneSearchIndex.builder().directory(dir).build();
        org.copkit.jdbc.JdbcStorage storage = database.storage(schema);
        try (CopKit kit = CopKit.builder().storage(storage).search(index).build()) {
            OrganizationId acme = OrganizationId.of("acme");
            kit.system().organizations().register(acme, "Acme", "");
            kit.system().members().register(ANNA, MemberProfile.of("Anna", acme));
            kit.system().members().register(BERT, MemberProfile.of("Bert", acme));
            CopKit.As anna = kit.as(ANNA);
            CopKit.As bert = kit.as(BERT);
            var domain = anna.domains().create("Energy transition", "Heat, grids and subsidies");
            CommunityId community = anna.communities().create(CommunityDraft.of(domain.id(), "Wiki migration",
                    "Everything the old wiki knew")).id();
            bert.communities().join(community);
            SearchCorpus corpus = SearchCorpus.of("synthetic", Math.max(1, items));
            for (int from = 0; from < items; from += 1_000) {
                List<ItemDraft> drafts = new ArrayList<>();
                for (int i = from; i < Math.min(items, from + 1_000); i++) {
                    var d = corpus.document(i, "d");
                    drafts.add(ItemDraft.of(community, ItemKind.ARTICLE,
                            ItemContent.of(d.title(), d.body(), d.language())));
                }
                anna.knowledge().importItems(drafts, ImportOptions.published());
            }
            // every imported item indexed before the clock starts
            long head = storage.changes().head();
            while (index.checkpoint() < head) {
                Thread.sleep(50);
            }

            ConcurrentLinkedQueue<Probe> pending = new ConcurrentLinkedQueue<>();
            List<Long> found = new ArrayList<>();
            List<Long> creates = new ArrayList<>();
            List<Long> publishes = new ArrayList<>();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread searcher = new Thread(() -> {
                long missedAt = -1;
                while (!stop.get()) {
                    Probe p = pending.peek();
                    long checkpoint = index.checkpoint();
                    if (p != null && checkpoint != missedAt) {
                        if (bert.search().query(SearchQuery.of(p.word()).withoutFacets()).total() > 0) {
                            long latency = System.nanoTime() - p.publishNanos();
                            pending.poll();
                            if (p.measured()) {
                                found.add(latency);
                            }
                            continue;
                        }
                        missedAt = checkpoint;
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "searcher");
            searcher.setDaemon(true);
            searcher.start();

            long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
            long end = measureFrom + TimeUnit.SECONDS.toNanos(measured);
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            int[] sent = {0};
            clock.scheduleAtFixedRate(() -> {
                String word = "zqprobe" + Integer.toString(++sent[0], 36) + "x";
                long start = System.nanoTime();
                KnowledgeItem draft = anna.knowledge().create(ItemDraft.of(community, ItemKind.ARTICLE,
                        ItemContent.of("Probe " + word, "Can Bert find this yet? " + word, Locale.ENGLISH)));
                long publish = System.nanoTime();
                boolean measuring = start >= measureFrom;
                Probe p = new Probe(word, publish, measuring);
                pending.add(p);
                anna.knowledge().publish(draft.id(), draft.version());
                long done = System.nanoTime();
                if (measuring) {
                    creates.add(publish - start);
                    publishes.add(done - publish);
                }
            }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
            while (System.nanoTime() < end) {
                Thread.sleep(100);
            }
            clock.shutdown();
            clock.awaitTermination(10, TimeUnit.SECONDS);
            long drain = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!pending.isEmpty() && System.nanoTime() < drain) {
                Thread.sleep(20);
            }
            stop.set(true);
            searcher.join(5_000);
            double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.printf("publish -> searchable by another member, one node, %s, %d items/s, %d items first, "
                    + "%d s warm-up, %d s measured; load average %.1f before, %.1f after%n", db, rate, items, warmup,
                    measured, loadBefore, loadAfter);
            System.out.printf("%-10s %7s %8s %8s %8s %8s %8s%n", "", "samples", "p50 ms", "p90 ms", "p99 ms",
                    "max ms", "missed");
            row("searchable", found, pending.size(), result);
            row("create", creates, 0, result);
            row("publish", publishes, 0, result);
        } finally {
            database.dropSchema(schema);
            database.close();
            BenchDatabase.deleteTree(dir);
        }
        return result;
    }

    private static void row(String name, List<Long> samples, int missed, Map<String, double[]> result) {
        double[] v;
        synchronized (samples) {
            v = samples.stream().mapToDouble(x -> x / 1e6).sorted().toArray();
        }
        result.put(name, v);
        System.out.printf("%-10s %7d %8.1f %8.1f %8.1f %8.1f %8d%n", name, v.length, q(v, 0.50), q(v, 0.90),
                q(v, 0.99), v.length == 0 ? 0 : v[v.length - 1], missed);
    }

    /** @return the q-quantile (nearest rank) */
    private static double q(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
