package org.copkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.copkit.member.Organization;
import org.copkit.member.OrganizationId;
import org.copkit.spi.Change;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many writers commit changes of varying size and duration while one reader follows the feed with
 * its cursor. A feed numbered before commit would let the reader step over a change that commits
 * late; this one must deliver every change exactly once.
 */
class PostgresChangeFeedConcurrencyTest {
    private static final Postgres POSTGRES = new Postgres();
    private static final int WRITERS = 8;
    private static final int TRANSACTIONS = 60;

    @BeforeAll
    static void requirePostgres() {
        Postgres.require();
    }

    @AfterAll
    static void dropSchemas() {
        POSTGRES.dropAll();
    }

    @Test
    @Timeout(300)
    void aReaderFollowingTheFeed_seesEveryChangeExactlyOnce_underConcurrentWriters() throws Exception {
        try (JdbcStorage storage = POSTGRES.newStorage()) {
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
            List<Change> seen = new ArrayList<>();
            Future<?> reader = pool.submit(() -> {
                long cursor = 0;
                while (true) {
                    boolean last = !writing.get();
                    List<Change> batch = storage.changes().after(cursor, 37);
                    for (Change c : batch) {
                        assertThat(c.sequence()).isGreaterThan(cursor);
                        seen.add(c);
                        cursor = c.sequence();
                    }
                    if (batch.isEmpty() && last) {
                        return null;
                    }
                }
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int t = 0; t < TRANSACTIONS; t++) {
                        int rows = 1 + random.nextInt(4);
                        int tx = t;
                        long pause = random.nextInt(3);
                        storage.write(txn -> {
                            for (int r = 0; r < rows; r++) {
                                txn.organizations().insert(new Organization(
                                        OrganizationId.of("w" + writer + "-t" + tx + "-r" + r), "x", "", TestData.AT, 1));
                                sleep(pause);
                            }
                            return null;
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get(240, TimeUnit.SECONDS);
            }
            writing.set(false);
            reader.get(60, TimeUnit.SECONDS);
            pool.shutdown();

            Set<String> stored = new HashSet<>(storage.read(tx -> {
                List<String> ids = new ArrayList<>();
                org.copkit.PageRequest page = org.copkit.PageRequest.first(500);
                while (true) {
                    org.copkit.Page<Organization> p = tx.organizations().list(page);
                    p.items().forEach(o -> ids.add(o.id().value()));
                    if (p.next().isEmpty()) {
                        return ids;
                    }
                    page = page.after(p.next().get());
                }
            }));
            assertThat(seen).extracting(Change::sequence).isSorted().doesNotHaveDuplicates();
            assertThat(seen).extracting(c -> c.ref().id()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(stored);
            assertThat(seen.get(seen.size() - 1).sequence()).isEqualTo(storage.changes().head());
            assertThat(seen).extracting(Change::sequence).as("no gaps: sequences are dense")
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, seen.size()).boxed().toList());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
