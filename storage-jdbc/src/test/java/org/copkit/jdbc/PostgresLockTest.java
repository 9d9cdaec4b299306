package org.copkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.member.Organization;
import org.copkit.member.OrganizationId;
import org.copkit.testkit.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Transaction.lock} on PostgreSQL: a second transaction waits for the lock and then reads what the
 * first committed; two transactions that lock in opposite orders deadlock, PostgreSQL aborts one and
 * {@link JdbcStorage#write} runs it again. Waits on the database's own state, never on time.
 */
class PostgresLockTest {
    private static final Ref X = new Ref(ObjectType.ORGANIZATION, "x");
    private static final Ref Y = new Ref(ObjectType.ORGANIZATION, "y");

    private final Postgres postgres = new Postgres();
    private JdbcStorage storage;
    private String schema;

    @BeforeEach
    void open() {
        Postgres.require();
        storage = postgres.newStorage();
        schema = storage.schema();
        storage.write(tx -> {
            tx.organizations().insert(Fixtures.organization("x"));
            tx.organizations().insert(Fixtures.organization("y"));
            return null;
        });
    }

    @AfterEach
    void close() {
        if (storage != null) {
            storage.close();
        }
        postgres.dropAll();
    }

    @Test
    void aSecondLockWaitsForTheFirstCommit_andThenReadsItsWrites() throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> storage.write(tx -> {
            tx.lock(X);
            tx.organizations().insert(Fixtures.organization("written-under-lock"));
            locked.countDown();
            await(release);
            return null;
        }));
        await(locked);
        CompletableFuture<Optional<Organization>> second = CompletableFuture.supplyAsync(() -> storage.write(tx -> {
            tx.lock(List.of(Y, X));
            return tx.organizations().find(OrganizationId.of("written-under-lock"));
        }));
        waitUntilABackendWaitsForALock();
        assertThat(second).isNotDone();
        release.countDown();
        first.get(1, TimeUnit.MINUTES);
        assertThat(second.get(1, TimeUnit.MINUTES)).as("read after the lock").isPresent();
    }

    @Test
    void locksTakenInOppositeOrders_deadlockOnce_andTheAbortedWriteRunsAgain() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch xLocked = new CountDownLatch(1);
        CountDownLatch yLocked = new CountDownLatch(1);
        CompletableFuture<String> one = CompletableFuture.supplyAsync(() -> storage.write(tx -> {
            boolean firstAttempt = attempts.incrementAndGet() <= 2;
            tx.lock(X);
            if (firstAttempt) {
                xLocked.countDown();
                await(yLocked);
            }
            tx.lock(Y);
            return "one";
        }));
        CompletableFuture<String> two = CompletableFuture.supplyAsync(() -> storage.write(tx -> {
            boolean firstAttempt = attempts.incrementAndGet() <= 2;
            tx.lock(Y);
            if (firstAttempt) {
                yLocked.countDown();
                await(xLocked);
            }
            tx.lock(X);
            return "two";
        }));
        assertThat(one.get(1, TimeUnit.MINUTES)).isEqualTo("one");
        assertThat(two.get(1, TimeUnit.MINUTES)).isEqualTo("two");
        assertThat(attempts).as("two first attempts and one more for the aborted one").hasValue(3);
    }

    /** Polls pg_stat_activity until a backend of this test's schema waits for a lock. */
    private void waitUntilABackendWaitsForALock() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        try (Connection c = Postgres.connect(); PreparedStatement s = c.prepareStatement("SELECT count(*) FROM "
                + "pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE ?")) {
            s.setString(1, "%" + schema + "%FOR NO KEY UPDATE%");
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("no transaction waited for the lock within a minute");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(1, TimeUnit.MINUTES)) {
                throw new AssertionError("the other transaction did not get there within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
