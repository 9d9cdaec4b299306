package org.copkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.copkit.CopKit;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.member.Organization;
import org.copkit.member.OrganizationId;
import org.copkit.spi.Transaction;
import org.copkit.testkit.NoSearch;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures leave the storage usable on H2: after a write that failed because the disk was full (the
 * database closes itself then) or because its session was closed under it, the connection it ran on is
 * rolled back or discarded, and the next read and write work as soon as the cause is gone. The disk is
 * {@link FullDisk}, H2's file system with writes that fail on demand; sessions are closed with H2's
 * {@code ABORT_SESSION}.
 */
class H2FailureRecoveryTest {
    private static final Instant AT = TestData.AT;

    @TempDir
    Path dir;

    private AutoCloseable pool;
    private JdbcStorage storage;

    @AfterEach
    void close() throws Exception {
        FullDisk.full = false;
        if (storage != null) {
            storage.close();
        }
        if (pool != null) {
            pool.close();
        }
    }

    /**
     * The storage on a HikariCP pool like its own H2 pool (10 connections, 1 kept idle), on {@link FullDisk}.
     * The pool never checks a connection before handing it out (HikariCP skips the check for connections used
     * in the last 500 ms, so under load it hands out a dead connection just the same): whatever recovers, it
     * is the storage.
     */
    private JdbcStorage open() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(FullDisk.url(dir));
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(1);
        return open(Pools.unchecked(config));
    }

    private JdbcStorage open(HikariDataSource hikari) {
        return open(hikari, hikari);
    }

    private JdbcStorage open(DataSource dataSource, AutoCloseable closer) {
        pool = closer;
        storage = JdbcStorage.builder().dataSource(dataSource).build();
        TestData.world(storage);
        return storage;
    }

    private static Organization organization(String id) {
        return new Organization(OrganizationId.of(id), "Organisation " + id, "", AT, 1);
    }

    private static void insert(JdbcStorage storage, String id) {
        storage.write(tx -> tx.organizations().insert(organization(id)));
    }

    private static boolean exists(JdbcStorage storage, String id) {
        return storage.read((Transaction tx) -> tx.organizations().find(OrganizationId.of(id))).isPresent();
    }

    /** A {@link CopKitException} STORAGE whose cause is the database's (with that root message, if given). */
    private static void assertStorageFailure(Throwable e, String rootMessage) {
        assertThat(e).isInstanceOf(CopKitException.class).hasCauseInstanceOf(Exception.class);
        assertThat(((CopKitException) e).code()).isEqualTo(ErrorCode.STORAGE);
        if (rootMessage != null) {
            assertThat(e).hasRootCauseMessage(rootMessage);
        }
    }

    @Test
    void aCommitOnAFullDisk_isAStorageFailure_andOnceThereIsSpace_theNextReadAndWriteWork() {
        open();
        FullDisk.full = true;
        assertThatThrownBy(() -> insert(storage, "org-b"))
                .satisfies(e -> assertStorageFailure(e, "No space left on device"));
        FullDisk.full = false;
        // the report: this read failed with "Tried to execute nested transaction with isolation level
        // REPEATABLE_READ, but already running in a transaction with isolation level READ_COMMITTED"
        assertThat(exists(storage, "org-a")).isTrue();
        assertThat(exists(storage, "org-b")).as("the failed write left nothing").isFalse();
        insert(storage, "org-c");
        assertThat(exists(storage, "org-c")).isTrue();
        assertThat(storage.changes().after(0, 100)).extracting(c -> c.ref().id()).containsExactly(
                "org-a", "ann", "dom", "com", "org-c");
    }

    @Test
    void whileTheDiskIsFull_everyWriteFails_readsWork_andTheFirstWriteAfterwardsWorks() {
        open();
        FullDisk.full = true;
        for (int i = 0; i < 3; i++) {
            String id = "org-full-" + i;
            assertThatThrownBy(() -> insert(storage, id)).isInstanceOf(CopKitException.class)
                    .extracting(e -> ((CopKitException) e).code()).isEqualTo(ErrorCode.STORAGE);
        }
        // H2 opens the database again for the next call, and reads need no space
        assertThat(exists(storage, "org-a")).isTrue();
        assertThat(exists(storage, "org-full-2")).isFalse();
        FullDisk.full = false;
        insert(storage, "org-c");
        assertThat(exists(storage, "org-c")).isTrue();
        assertThat(exists(storage, "org-full-0")).isFalse();
    }

    @Test
    void onAHostDataSourceThatIsNotHikari_aCommitOnAFullDisk_leavesTheStorageUsable() {
        // without HikariCP the storage closes a connection it cannot roll back (after trying to abort it): for
        // a data source without a pool, as here, that is the end of it; a host pool must check its connections
        JdbcDataSource plain = new JdbcDataSource();
        plain.setURL(FullDisk.url(dir));
        open(plain, () -> { });
        FullDisk.full = true;
        assertThatThrownBy(() -> insert(storage, "org-b"))
                .satisfies(e -> assertStorageFailure(e, "No space left on device"));
        FullDisk.full = false;
        assertThat(exists(storage, "org-a")).isTrue();
        insert(storage, "org-c");
        assertThat(exists(storage, "org-c")).isTrue();
        assertThat(exists(storage, "org-b")).isFalse();
    }

    @Test
    void aSessionClosedInTheMiddleOfAWrite_failsThatWrite_andTheNextReadAndWriteWork() throws SQLException {
        open();
        assertThatThrownBy(() -> storage.write(tx -> {
            tx.organizations().insert(organization("org-b"));
            abort(sessionOf(tx));
            return tx.organizations().insert(organization("org-b2"));
        })).satisfies(e -> assertStorageFailure(e, null));
        assertThat(exists(storage, "org-b")).isFalse();
        assertThat(exists(storage, "org-b2")).isFalse();
        insert(storage, "org-c");
        assertThat(exists(storage, "org-c")).isTrue();
    }

    @Test
    void everySessionClosedBetweenCalls_failsTheNextCall_andTheOneAfterWorks() {
        open();
        // several connections in the pool, all of them closed under the storage (as when the database restarts)
        storage.read(tx -> storage.read(tx2 -> storage.read(tx3 -> null)));
        abortAll();
        assertThatThrownBy(() -> exists(storage, "org-a")).satisfies(e -> assertStorageFailure(e, null));
        assertThat(exists(storage, "org-a")).isTrue();
        insert(storage, "org-c");
        assertThat(exists(storage, "org-c")).isTrue();
    }

    @Test
    void theKit_onAFullDisk_failsTheServiceCall_andServesTheNextOne() {
        open();
        try (CopKit kit = CopKit.builder().storage(storage).search(new NoSearch()).build()) {
            FullDisk.full = true;
            assertThatThrownBy(() -> kit.system().organizations().register(OrganizationId.of("acme"), "Acme", ""))
                    .isInstanceOf(CopKitException.class).extracting(e -> ((CopKitException) e).code())
                    .isEqualTo(ErrorCode.STORAGE);
            FullDisk.full = false;
            assertThat(kit.system().organizations().get(OrganizationId.of("org-a")).name()).isEqualTo("Org A");
            kit.system().organizations().register(OrganizationId.of("acme"), "Acme", "");
            assertThat(kit.system().organizations().get(OrganizationId.of("acme")).name()).isEqualTo("Acme");
        }
    }

    /** @return the H2 session id of the transaction's connection */
    private static long sessionOf(Transaction tx) {
        return ((JdbcTransaction) tx).db().one("SELECT SESSION_ID() AS id", r -> r.longValue("id")).orElseThrow();
    }

    /** Closes every session of the database but the caller's. */
    private void abortAll() {
        try (Connection admin = DriverManager.getConnection(FullDisk.url(dir));
                PreparedStatement st = admin.prepareStatement(
                        "SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()");
                PreparedStatement abort = admin.prepareStatement("SELECT ABORT_SESSION(?)")) {
            var rs = st.executeQuery();
            int closed = 0;
            while (rs.next()) {
                abort.setLong(1, rs.getLong(1));
                try (var done = abort.executeQuery()) {
                    closed += done.next() && done.getBoolean(1) ? 1 : 0;
                }
            }
            assertThat(closed).as("sessions closed").isGreaterThan(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Closes an H2 session from a connection of its own, as an administrator (or a dying database) would. */
    private void abort(long session) {
        try (Connection admin = DriverManager.getConnection(FullDisk.url(dir));
                PreparedStatement st = admin.prepareStatement("SELECT ABORT_SESSION(?)")) {
            st.setLong(1, session);
            var rs = st.executeQuery();
            assertThat(rs.next() && rs.getBoolean(1)).as("session %s closed", session).isTrue();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
