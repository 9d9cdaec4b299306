package org.copkit.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.copkit.CopKit;
import org.copkit.ObjectType;
import org.copkit.community.CommunityId;
import org.copkit.jdbc.JdbcStorage;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.lucene.LuceneSearchIndex;
import org.copkit.member.MemberId;
import org.copkit.search.SearchHit;
import org.copkit.search.SearchQuery;
import org.copkit.search.SearchResult;

/**
 * One node of {@link TwoNodeConvergenceTest}, in a JVM of its own: a kit on the shared PostgreSQL schema
 * with its own Lucene index directory. It creates (and mostly publishes) the items of its share through
 * the public API on several threads, printing {@code C n id} after each create and {@code P n id} after
 * each publish returned (so committed), then {@code DONE}. On {@code CHECK} (stdin) it waits until its
 * index has applied the change feed up to the head, then prints what each reader finds; {@code EXIT}
 * closes the kit.
 *
 * <p>The kit polls the change feed only hourly: the other node's writes reach this index through
 * PostgreSQL's commit notifications (and the catch-up on start).
 */
public final class ConvergenceNode {
    private static final PrintStream OUT = System.out;

    private ConvergenceNode() {}

    private static void say(String line) {
        synchronized (OUT) {
            OUT.println(line);
            OUT.flush();
        }
    }

    /**
     * @param args URL, user, password, schema, index directory, community id, first item, end (exclusive),
     *     writer threads, a file of item numbers already created ({@code -}: none)
     * @throws Exception when the node cannot run
     */
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        String schema = args[3];
        Path indexDir = Path.of(args[4]);
        CommunityId community = CommunityId.of(args[5]);
        int from = Integer.parseInt(args[6]);
        int to = Integer.parseInt(args[7]);
        int threads = Integer.parseInt(args[8]);
        Set<Integer> done = new HashSet<>();
        if (!args[9].equals("-")) {
            for (String line : Files.readAllLines(Path.of(args[9]))) {
                if (!line.isBlank()) {
                    done.add(Integer.parseInt(line.trim()));
                }
            }
        }
        JdbcStorage storage = JdbcStorage.builder().postgres(url, user, password).schema(schema)
                .migrationMode(JdbcStorage.MigrationMode.VALIDATE).build();
        LuceneSearchIndex index = LuceneSearchIndex.builder().directory(indexDir).build();
        CopKit kit = CopKit.builder().storage(storage).search(index).indexPollInterval(Duration.ofHours(1)).build();
        say("READY");
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int lane = t;
            Thread w = new Thread(() -> {
                for (int n = from; n < to; n++) {
                    if (n % threads != lane || done.contains(n)) {
                        continue;
                    }
                    try {
                        MemberId author = ConvergenceWorld.author(n);
                        KnowledgeItem item = kit.as(author).knowledge().create(ConvergenceWorld.draft(community, n));
                        say("C " + n + " " + item.id().value());
                        if (ConvergenceWorld.published(n)) {
                            kit.as(author).knowledge().publish(item.id(), item.version());
                            say("P " + n + " " + item.id().value());
                        }
                    } catch (RuntimeException e) {
                        say("E " + n + " " + e.toString().replace('\n', ' '));
                        e.printStackTrace();
                        return;
                    }
                }
            }, "writer-" + t);
            w.start();
            writers.add(w);
        }
        for (Thread w : writers) {
            w.join();
        }
        say("DONE");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command = in.readLine(); command != null; command = in.readLine()) {
            if (command.equals("CHECK")) {
                check(kit, storage, index);
            } else if (command.equals("EXIT")) {
                break;
            }
        }
        kit.close();
        say("CLOSED");
    }

    private static void check(CopKit kit, JdbcStorage storage, LuceneSearchIndex index) throws InterruptedException {
        long head = storage.changes().head();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (index.checkpoint() < head && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        say((index.checkpoint() >= head ? "CAUGHTUP " : "BEHIND ") + index.checkpoint() + " " + head);
        for (MemberId reader : ConvergenceWorld.READERS) {
            say("R " + reader.value() + " PUBLISHED " + ids(kit, reader, SearchQuery.of("")));
            say("R " + reader.value() + " DRAFT " + ids(kit, reader, SearchQuery.of("").withStatuses("DRAFT")));
        }
        say("CHECKED");
    }

    /** @return the keys of every knowledge item the reader finds, comma-separated */
    private static String ids(CopKit kit, MemberId reader, SearchQuery query) {
        StringJoiner ids = new StringJoiner(",");
        SearchQuery q = query.withTypes(ObjectType.KNOWLEDGE_ITEM).withoutFacets();
        for (int offset = 0; ; offset += 100) {
            SearchResult r = kit.as(reader).search().query(q.page(offset, 100));
            for (SearchHit hit : r.hits()) {
                ids.add(hit.ref().id());
            }
            if (r.hits().size() < 100 || offset + 100 >= 10_000) {
                return ids.toString();
            }
        }
    }
}
