package org.copkit.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.copkit.CopKit;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.community.CommunityId;
import org.copkit.jdbc.JdbcStorage;
import org.copkit.knowledge.ItemQuery;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.MemberId;
import org.copkit.testkit.NoSearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes (JVMs of their own, see {@link ConvergenceNode}) on one PostgreSQL schema, each with its own
 * Lucene index directory, write {@value #ITEMS} items through the public API (created, nine in ten then
 * published: more than 10,000 write calls) in a mix of audiences, on four threads each. Node b is killed
 * with {@code kill -9} ({@link Process#destroyForcibly()}) once it has created 40% of its share, and
 * restarted on the same index directory to create the rest. Afterwards each node's index has applied the
 * whole change feed, and each reader (members of three organisations and an outsider) finds on each node
 * exactly the published items, and exactly the drafts, that storage says the reader may see.
 *
 * <p>The nodes poll the change feed only hourly, so the other node's writes reach an index through
 * PostgreSQL's commit notifications (LISTEN/NOTIFY) and the catch-up at start; a lost notification
 * would show as a node that does not catch up within the check's minute.
 */
class TwoNodeConvergenceTest {
    /** Items created; with the publishes more than 10,000 write calls. */
    static final int ITEMS = 5_300;
    private static final int THREADS = 4;

    @TempDir
    Path temp;

    /** A node process and what it reported on stdout. */
    private static final class Node {
        final String name;
        final Process process;
        final Path log;
        final Map<Integer, String> created = new ConcurrentHashMap<>();
        final Map<Integer, String> published = new ConcurrentHashMap<>();
        final List<String> errors = new CopyOnWriteArrayList<>();
        final Map<String, Set<String>> found = new ConcurrentHashMap<>();
        volatile boolean done;
        volatile boolean checked;
        volatile String caughtUp = "";
        private final Writer commands;
        private final Thread reader;

        Node(String name, Process process, Path log) {
            this.name = name;
            this.process = process;
            this.log = log;
            this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.reader = new Thread(this::read, "read-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    String[] p = line.split(" ", 4);
                    switch (p[0]) {
                        case "C" -> created.put(Integer.parseInt(p[1]), p[2]);
                        case "P" -> published.put(Integer.parseInt(p[1]), p[2]);
                        case "E" -> errors.add(line);
                        case "DONE" -> done = true;
                        case "CAUGHTUP", "BEHIND" -> caughtUp = line;
                        case "R" -> found.put(p[1] + " " + p[2], p.length < 4 || p[3].isEmpty() ? Set.of()
                                : new HashSet<>(Arrays.asList(p[3].split(","))));
                        case "CHECKED" -> checked = true;
                        default -> { }
                    }
                }
            } catch (IOException e) {
                // the stream ends when the process is killed
            }
        }

        void send(String command) throws IOException {
            commands.write(command + "\n");
            commands.flush();
        }

        String describe() {
            String tail;
            try {
                List<String> lines = Files.readAllLines(log);
                tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                tail = "(no log: " + e + ")";
            }
            return "node " + name + (process.isAlive() ? " (running)" : " (exited " + process.exitValue() + ")")
                    + ", created " + created.size() + ", published " + published.size() + ", errors " + errors
                    + "; stderr ends with:\n" + tail;
        }
    }

    private Node start(String name, int run, Path index, CommunityId community, int from, int to, String skipFile)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = temp.resolve("node-" + name + "-" + run + ".err");
        Process p = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ConvergenceNode.class.getName(), TestPostgres.URL, TestPostgres.USER, TestPostgres.PASSWORD, schema,
                index.toString(), community.value(), String.valueOf(from), String.valueOf(to), String.valueOf(THREADS),
                skipFile).redirectError(log.toFile()).start();
        return new Node(name, p, log);
    }

    private String schema;

    private static void await(String what, long seconds, BooleanSupplier condition, Node... nodes)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            for (Node n : nodes) {
                if (!n.errors.isEmpty() || !n.process.isAlive()) {
                    throw new AssertionError("while waiting for " + what + ": " + n.describe());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + seconds + " s for " + what + "; "
                        + Arrays.stream(nodes).map(Node::describe).collect(Collectors.joining("\n")));
            }
            Thread.sleep(20);
        }
    }

    @Test
    @Timeout(600)
    void twoNodes_oneKilledAndRestarted_bothIndexesHoldExactlyTheCommittedItems_forEachReader() throws Exception {
        TestPostgres.require();
        schema = TestPostgres.newSchema();
        List<Node> nodes = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            CommunityId community;
            CopKit setup = CopKit.builder().storage(storage()).search(new NoSearch()).build();
            try {
                community = ConvergenceWorld.create(setup);
            } finally {
                setup.close();
            }
            Path indexA = temp.resolve("index-a");
            Path indexB = temp.resolve("index-b");
            Node a = start("a", 1, indexA, community, 0, ITEMS / 2, "-");
            Node b = start("b", 1, indexB, community, ITEMS / 2, ITEMS, "-");
            nodes.add(a);
            nodes.add(b);

            int share = ITEMS - ITEMS / 2;
            await("node b to create 40% of its share", 300, () -> b.created.size() >= share * 2 / 5, a, b);
            long killedAt = System.nanoTime();
            java.time.Duration cpuB = cpu(b);
            b.process.destroyForcibly();
            assertThat(b.process.waitFor(30, TimeUnit.SECONDS)).as("node b was killed").isTrue();
            b.reader.join(10_000);
            assertThat(a.done).as("node a was still writing when b was killed").isFalse();

            Path skip = temp.resolve("b-created.txt");
            Files.write(skip, b.created.keySet().stream().map(String::valueOf).toList());
            Node b2 = start("b", 2, indexB, community, ITEMS / 2, ITEMS, skip.toString());
            nodes.add(b2);
            await("both nodes to finish writing", 420, () -> a.done && b2.done, a, b2);
            long writtenAt = System.nanoTime();

            // what storage says, read as each member through the API (a kit that does not search)
            Map<String, Set<String>> expected = new HashMap<>();
            Set<String> storedPublished = new HashSet<>();
            JdbcStorage stored = storage();
            storedPublished.addAll(published(stored));
            CopKit truth = CopKit.builder().storage(stored).search(new NoSearch()).build();
            try {
                for (MemberId reader : ConvergenceWorld.READERS) {
                    expected.put(reader.value() + " PUBLISHED", visible(truth, reader, community, ItemStatus.PUBLISHED));
                    expected.put(reader.value() + " DRAFT", visible(truth, reader, community, ItemStatus.DRAFT));
                }
            } finally {
                truth.close();
            }

            for (Node n : List.of(a, b2)) {
                n.send("CHECK");
            }
            await("both nodes to report their searches", 180, () -> a.checked && b2.checked, a, b2);
            long checkedAt = System.nanoTime();
            java.time.Duration cpu = cpu(a).plus(cpuB).plus(cpu(b2));

            Set<String> reportedPublished = new HashSet<>(a.published.values());
            reportedPublished.addAll(b.published.values());
            reportedPublished.addAll(b2.published.values());
            int writes = a.created.size() + a.published.size() + b.created.size() + b.published.size()
                    + b2.created.size() + b2.published.size();
            assertThat(writes).as("write calls that reported success").isGreaterThanOrEqualTo(10_000);
            assertThat(storedPublished).as("every publish that returned is stored").containsAll(reportedPublished);
            Set<String> seenByAnyone = expected.entrySet().stream().filter(e -> e.getKey().endsWith("PUBLISHED"))
                    .flatMap(e -> e.getValue().stream()).collect(Collectors.toSet());
            assertThat(seenByAnyone).as("the readers together may see every published item").isEqualTo(storedPublished);
            assertThat(new TreeSet<>(expected.keySet()).stream().map(k -> k + "=" + expected.get(k).size()).toList())
                    .as("readers see different sets").doesNotHaveDuplicates();

            for (Node n : List.of(a, b2)) {
                assertThat(n.caughtUp).as("node %s's index applied the change feed up to its head", n.name)
                        .startsWith("CAUGHTUP");
                for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
                    Set<String> got = n.found.get(e.getKey());
                    assertThat(got).as("node %s: %s", n.name, e.getKey()).isNotNull();
                    Set<String> missing = new TreeSet<>(e.getValue());
                    missing.removeAll(got);
                    Set<String> extra = new TreeSet<>(got);
                    extra.removeAll(e.getValue());
                    assertThat(missing).as("node %s, %s: items storage shows but the index does not find (%d of %d)",
                            n.name, e.getKey(), missing.size(), e.getValue().size()).isEmpty();
                    assertThat(extra).as("node %s, %s: items the index finds but storage does not show", n.name,
                            e.getKey()).isEmpty();
                }
            }
            System.out.printf("convergence: %d write calls, %d items published, node b killed after %d creates; "
                    + "per reader (published/drafts): %s; seconds to the kill %.1f, to the end of the writes %.1f, "
                    + "to the end of the check %.1f (load average %.1f); CPU time of the node processes %.1f s%n", writes, storedPublished.size(), b.created.size(),
                    ConvergenceWorld.READERS.stream().map(r -> r.value() + " " + expected.get(r.value() + " PUBLISHED")
                            .size() + "/" + expected.get(r.value() + " DRAFT").size()).toList(),
                    (killedAt - t0) / 1e9, (writtenAt - t0) / 1e9, (checkedAt - t0) / 1e9,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    cpu.toMillis() / 1e3);
            for (Node n : List.of(a, b2)) {
                n.send("EXIT");
            }
            for (Node n : List.of(a, b2)) {
                assertThat(n.process.waitFor(60, TimeUnit.SECONDS)).as("node %s exits", n.name).isTrue();
            }
        } finally {
            for (Node n : nodes) {
                n.process.destroyForcibly();
                n.process.waitFor(30, TimeUnit.SECONDS);
            }
            TestPostgres.drop(schema);
        }
    }

    private static java.time.Duration cpu(Node n) {
        return n.process.info().totalCpuDuration().orElse(java.time.Duration.ZERO);
    }

    private JdbcStorage storage() {
        return JdbcStorage.builder().postgres(TestPostgres.URL, TestPostgres.USER, TestPostgres.PASSWORD)
                .schema(schema).build();
    }

    /** @return the ids of the community's items in that status that the reader may see, read from storage */
    private static Set<String> visible(CopKit kit, MemberId reader, CommunityId community, ItemStatus status) {
        Set<String> ids = new HashSet<>();
        PageRequest page = PageRequest.first(500);
        while (true) {
            Page<KnowledgeItem> p = kit.as(reader).knowledge().list(ItemQuery.in(community).withStatus(status), page);
            p.items().forEach(i -> ids.add(i.id().value()));
            if (p.next().isEmpty()) {
                return ids;
            }
            page = page.after(p.next().get());
        }
    }

    /** @return every published item in storage, read through the storage SPI without any reader's view */
    private static Set<String> published(JdbcStorage storage) {
        return storage.read(tx -> {
            Set<String> ids = new HashSet<>();
            PageRequest page = PageRequest.first(500);
            while (true) {
                Page<KnowledgeItem> p = tx.items().list(page);
                p.items().stream().filter(i -> i.status() == ItemStatus.PUBLISHED).forEach(i -> ids.add(i.id().value()));
                if (p.next().isEmpty()) {
                    return ids;
                }
                page = page.after(p.next().get());
            }
        });
    }
}
