package org.copkit.benchmarks.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.copkit.CopKit;
import org.copkit.access.ViewerScope;
import org.copkit.member.OrganizationId;
import org.copkit.jdbc.JdbcStorage;
import org.copkit.lucene.LuceneSearchIndex;
import org.copkit.search.SearchQuery;
import org.copkit.spi.Change;
import org.copkit.spi.ChangeFeed;
import org.copkit.spi.Storage;
import org.copkit.testkit.ForwardingStorage;

/**
 * Write on node A, searchable on node B: two kits on one PostgreSQL schema in two JVMs, each with its own
 * Lucene index. This JVM is node B; node A ({@link TwoNodeWriter}) is a child JVM with the same class path.
 * At a steady {@code rate} per second this JVM sends A a unique word ({@code W <word>} on A's stdin, the
 * time taken just before), A creates one knowledge item carrying it (one write call, its own index kept
 * current too), and B searches for the word as its author until the item is found; the sample is the
 * time from sending to found.
 *
 * <p>Node B runs two kits on the same schema, each with its own index, which measure every write side by
 * side: {@code notify} (the default kit: its indexer is woken by PostgreSQL LISTEN/NOTIFY and also polls
 * every second) and {@code poll} (the same kit on a storage whose change feed offers no notifications, so
 * its indexer only polls, every second by default: the behaviour before notifications). Both see the
 * same writes at the same moments, so a load that changes over the run hits both alike. One searcher
 * thread per kit queries its index for the oldest word it has not found yet (the query a member's search
 * sends to the index, with Anna's viewer scope, without the kit's reading of the actor from storage),
 * then the next. When the oldest is not there yet it sleeps 5 ms and queries again only once the index's
 * checkpoint (set right after the index made a batch searchable) has moved, so that the searchers do not
 * compete with the indexers for the CPU; a probe is found at most about 5 ms plus one query late.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.copkit.benchmarks.search.TwoNodeLatency 20 120 50 2000
 * </pre>
 *
 * <p>Arguments: warm-up seconds, measured seconds, writes per second, items loaded before (default 10, 60,
 * 50, 2000). PostgreSQL: {@code -Dcopkit.bench.postgres.url} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}), {@code -Dcopkit.bench.postgres.user} ({@code postgres}),
 * no password; a schema {@code bench_twonode_<pid>} is created and dropped.
 */
public final class TwoNodeLatency {
    private record Probe(String word, long sentNanos, boolean measured) {}

    /** How often a searcher looks for its oldest missing word. */
    private static final int CHECK_MILLIS = 5;
    /** Anna, who sees her own items, drafts included. */
    private static final ViewerScope ANNA = new ViewerScope(TwoNodeWriter.ANNA, OrganizationId.of("acme"), Set.of(),
            Set.of(), Set.of(), false);

    /** One side: a kit on node B and the probes it has not found yet. */
    private static final class Side {
        final String name;
        final CopKit kit;
        final LuceneSearchIndex index;
        final ConcurrentLinkedQueue<Probe> pending = new ConcurrentLinkedQueue<>();
        final List<Long> samples = new ArrayList<>();
        volatile boolean stop;
        final Thread searcher;

        Side(String name, LuceneSearchIndex index, Storage storage) {
            this.name = name;
            this.index = index;
            this.kit = CopKit.builder().storage(storage).search(index).build();
            this.searcher = new Thread(this::search, "search-" + name);
            searcher.setDaemon(true);
        }

        private void search() {
            long missedAt = -1;
            while (!stop) {
                Probe p = pending.peek();
                long checkpoint = index.checkpoint();
                if (p != null && checkpoint != missedAt) {
                    if (index.query(SearchQuery.of(p.word()).withStatuses("DRAFT").withoutFacets(), ANNA).total() > 0) {
                        long latency = System.nanoTime() - p.sentNanos();
                        pending.poll();
                        if (p.measured()) {
                            synchronized (samples) {
                                samples.add(latency);
                            }
                        }
                        continue;
                    }
                    // not there yet: query again once the index has applied more of the change feed
                    missedAt = checkpoint;
                }
                try {
                    Thread.sleep(CHECK_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** A storage whose change feed sends no commit notifications: the indexer polls only. */
    private static final class PollOnly extends ForwardingStorage {
        PollOnly(Storage target) {
            super(target);
        }

        @Override
        public ChangeFeed changes() {
            ChangeFeed feed = target().changes();
            return new ChangeFeed() {
                @Override
                public List<Change> after(long sequence, int limit) {
                    return feed.after(sequence, limit);
                }

                @Override
                public long head() {
                    return feed.head();
                }
            };
        }
    }

    /**
     * @param args warm-up seconds, measured seconds, writes per second, items loaded first
     * @throws Exception when a node cannot run
     */
    public static void main(String[] args) throws Exception {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 10, args.length > 1 ? Integer.parseInt(args[1]) : 60,
                args.length > 2 ? Integer.parseInt(args[2]) : 50, args.length > 3 ? Integer.parseInt(args[3]) : 2000);
        System.exit(0);
    }

    /**
     * Runs the measurement and prints the table.
     *
     * @return samples (ms, ascending) per side: {@code notify}, {@code poll}, {@code A write}
     * @throws Exception when a node cannot run
     */
    static java.util.Map<String, double[]> run(int warmup, int measured, int rate, int items) throws Exception {
        java.util.Map<String, double[]> result = new java.util.LinkedHashMap<>();
        String url = System.getProperty("copkit.bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getProperty("copkit.bench.postgres.user", "postgres");
        String schema = "bench_twonode_" + ProcessHandle.current().pid();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TwoNodeWriter.class.getName(), url, user, schema, String.valueOf(items))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Path dirNotify = Files.createTempDirectory("copkit-twonode-b-notify");
        Path dirPoll = Files.createTempDirectory("copkit-twonode-b-poll");
        Side notify = null;
        Side poll = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); !"READY".equals(line); line = out.readLine()) {
                if (line == null) {
                    throw new IllegalStateException("node A ended before it was ready");
                }
            }
            notify = new Side("notify", LuceneSearchIndex.builder().directory(dirNotify).build(),
                    storage(url, user, schema));
            poll = new Side("poll", LuceneSearchIndex.builder().directory(dirPoll).build(),
                    new PollOnly(storage(url, user, schema)));
            List<Side> sides = List.of(notify, poll);
            sides.forEach(s -> s.searcher.start());
            // node A's acknowledgements: how long the write call took there, queueing included
            java.util.Map<String, Probe> unacknowledged = new java.util.concurrent.ConcurrentHashMap<>();
            List<Long> writes = new ArrayList<>();
            Thread acks = new Thread(() -> {
                try {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        Probe p = line.startsWith("K ") ? unacknowledged.remove(line.substring(2)) : null;
                        if (p != null && p.measured()) {
                            synchronized (writes) {
                                writes.add(System.nanoTime() - p.sentNanos());
                            }
                        }
                    }
                } catch (IOException e) {
                    // node A ended
                }
            }, "acks");
            acks.setDaemon(true);
            acks.start();

            Writer commands = new OutputStreamWriter(writer.getOutputStream(), StandardCharsets.UTF_8);
            long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
            long end = measureFrom + TimeUnit.SECONDS.toNanos(measured);
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            int[] sent = {0};
            clock.scheduleAtFixedRate(() -> {
                String word = "zqprobe" + Integer.toString(++sent[0], 36) + "x";
                long now = System.nanoTime();
                Probe p = new Probe(word, now, now >= measureFrom);
                unacknowledged.put(word, p);
                sides.forEach(s -> s.pending.add(p));
                try {
                    commands.write("W " + word + "\n");
                    commands.flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
            while (System.nanoTime() < end) {
                Thread.sleep(100);
            }
            clock.shutdown();
            clock.awaitTermination(5, TimeUnit.SECONDS);
            // let the last probes arrive (polling at most a second late)
            long drain = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sides.stream().anyMatch(s -> !s.pending.isEmpty()) && System.nanoTime() < drain) {
                Thread.sleep(20);
            }
            double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.printf("write on node A -> searchable on node B, PostgreSQL, %d writes/s, %d items loaded first, "
                    + "%d s warm-up, %d s measured; load average %.1f before, %.1f after%n", rate, items, warmup,
                    measured, loadBefore, loadAfter);
            System.out.printf("%-8s %7s %8s %8s %8s %8s %8s %8s%n", "side", "samples", "p50 ms", "p90 ms", "p99 ms",
                    "max ms", "mean ms", "missed");
            for (Side s : sides) {
                long[] v;
                synchronized (s.samples) {
                    v = s.samples.stream().mapToLong(Long::longValue).sorted().toArray();
                }
                row(s.name, v, s.pending.size());
                result.put(s.name, Arrays.stream(v).mapToDouble(x -> x / 1e6).toArray());
            }
            synchronized (writes) {
                long[] v = writes.stream().mapToLong(Long::longValue).sorted().toArray();
                row("A write", v, unacknowledged.size());
                result.put("A write", Arrays.stream(v).mapToDouble(x -> x / 1e6).toArray());
            }
            commands.write("EXIT\n");
            commands.flush();
        } finally {
            for (Side s : new Side[] {notify, poll}) {
                if (s != null) {
                    s.stop = true;
                    s.searcher.join(5_000);
                    s.kit.close();
                }
            }
            if (!writer.waitFor(30, TimeUnit.SECONDS)) {
                writer.destroyForcibly();
            }
            try (Connection c = DriverManager.getConnection(url, user, ""); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            }
            SharedIndex.deleteTree(dirNotify);
            SharedIndex.deleteTree(dirPoll);
        }
        return result;
    }

    private static void row(String name, long[] v, int missed) {
        System.out.printf("%-8s %7d %8.1f %8.1f %8.1f %8.1f %8.1f %8d%n", name, v.length, q(v, 0.50), q(v, 0.90),
                q(v, 0.99), v.length == 0 ? 0 : v[v.length - 1] / 1e6, Arrays.stream(v).average().orElse(0) / 1e6,
                missed);
    }

    private static JdbcStorage storage(String url, String user, String schema) {
        return JdbcStorage.builder().postgres(url, user, "").schema(schema)
                .migrationMode(JdbcStorage.MigrationMode.VALIDATE).build();
    }

    /** @return the q-quantile in ms (nearest rank) */
    private static double q(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private TwoNodeLatency() {}
}
