package org.copkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.copkit.CopKit;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.member.Organization;
import org.copkit.member.OrganizationId;
import org.copkit.spi.Transaction;
import org.copkit.testkit.NoSearch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failures leave the storage usable on PostgreSQL: the server ends the storage's backend connections
 * ({@code pg_terminate_backend}, as on a restart or an administrator's command) between calls and in the middle
 * of a transaction, or refuses a commit. The failing call gets a {@link CopKitException} with
 * {@link ErrorCode#STORAGE} and the database's exception as cause; nothing of it is written; the next read, write,
 * change-feed read and service call of a kit work. Only the backends of this test's storage are ended: they
 * carry an application name of their own, and the test ends no other.
 */
class PostgresFailureRecoveryTest {
    private final Postgres pg = new Postgres();
    private final String application = "copkit-failure-test-" + UUID.randomUUID().toString().substring(0, 8);
    private JdbcStorage storage;

    @BeforeEach
    void open() {
        Postgres.require();
        String url = Postgres.URL + (Postgres.URL.contains("?") ? "&" : "?") + "ApplicationName=" + application;
        // the storage's own pool, which hands out connections without checking them (as under load; see Pools)
        storage = Pools.unchecked(() -> JdbcStorage.builder().postgres(url, Postgres.USER, Postgres.PASSWORD)
                .schema(pg.newSchema()).build());
        TestData.world(storage);
    }

    @AfterEach
    void close() {
        if (storage != null) {
            storage.close();
        }
        pg.dropAll();
    }

    private static Organization organization(String id) {
        return new Organization(OrganizationId.of(id), "Organisation " + id, "", TestData.AT, 1);
    }

    private void insert(String id) {
        storage.write(tx -> tx.organizations().insert(organization(id)));
    }

    private boolean exists(String id) {
        return storage.read((Transaction tx) -> tx.organizations().find(OrganizationId.of(id))).isPresent();
    }

    /** A {@link CopKitException} STORAGE with the database's exception as cause. */
    private static void assertStorageFailure(Throwable e) {
        assertThat(e).isInstanceOf(CopKitException.class);
        assertThat(((CopKitException) e).code()).isEqualTo(ErrorCode.STORAGE);
        assertThat(e.getCause()).as("the database's exception").isNotNull();
    }

    private void assertUsable() {
        assertThat(exists("org-a")).isTrue();
        insert("org-after");
        assertThat(exists("org-after")).isTrue();
        assertThat(storage.changes().after(0, 100)).last().extracting(c -> c.ref().id()).isEqualTo("org-after");
    }

    @Test
    void everyBackendEndedBetweenCalls_failsTheNextCall_andTheReadAndWriteAfterItWork() {
        // several connections in use at once, so the pool holds several, all of which the server then ends
        storage.read(tx -> storage.read(tx2 -> storage.read(tx3 -> null)));
        assertThat(terminate(backends())).hasSizeGreaterThan(1);
        assertThatThrownBy(() -> exists("org-a")).satisfies(PostgresFailureRecoveryTest::assertStorageFailure);
        assertUsable();
    }

    @Test
    void theBackendsEndedBetweenCalls_failTheNextWrite_andTheNextReadAndWriteWork() {
        terminate(backends());
        assertThatThrownBy(() -> insert("org-b")).satisfies(PostgresFailureRecoveryTest::assertStorageFailure);
        assertThat(exists("org-b")).isFalse();
        assertUsable();
    }

    @Test
    void theBackendsEndedBetweenCalls_failTheNextChangeFeedRead_andTheChangeFeedReadsAgain() {
        long head = storage.changes().head();
        terminate(backends());
        // the indexer reads the feed on its own thread, on the same pool
        assertThatThrownBy(() -> storage.changes().after(0, 10))
                .satisfies(PostgresFailureRecoveryTest::assertStorageFailure);
        assertThat(storage.changes().head()).isEqualTo(head);
        assertUsable();
    }

    @Test
    void aBackendEndedInTheMiddleOfAWrite_failsThatWrite_leavesNothing_andTheNextReadAndWriteWork() {
        long head = storage.changes().head();
        assertThatThrownBy(() -> storage.write(tx -> {
            tx.organizations().insert(organization("org-b"));
            terminate(List.of(backendOf(tx)));   // the insert went out with this query
            return tx.organizations().insert(organization("org-b2"));
        })).satisfies(PostgresFailureRecoveryTest::assertStorageFailure);
        assertThat(exists("org-b")).isFalse();
        assertThat(exists("org-b2")).isFalse();
        assertThat(storage.changes().head()).isEqualTo(head);
        assertUsable();
    }

    @Test
    void aBackendEndedInTheMiddleOfARead_failsThatRead_andTheNextReadAndWriteWork() {
        assertThatThrownBy(() -> storage.read(tx -> {
            terminate(List.of(backendOf(tx)));
            return tx.organizations().find(OrganizationId.of("org-a"));
        })).satisfies(PostgresFailureRecoveryTest::assertStorageFailure);
        assertUsable();
    }

    @Test
    void aBackendEndedJustBeforeTheCommit_failsTheCommit_leavesNothing_andTheNextReadAndWriteWork() {
        assertThatThrownBy(() -> storage.write(tx -> {
            Db db = ((JdbcTransaction) tx).db();
            // a row written at once, outside the change feed, so that the commit is the next thing sent
            db.update("INSERT INTO " + db.schema.t("organizations")
                    + " (id, name, description, registered_at, version) VALUES (?, ?, ?, ?, ?)",
                    "org-b", "B", "", TestData.AT, 1L);
            terminate(List.of(backendOf(tx)));
            return null;
        })).satisfies(PostgresFailureRecoveryTest::assertStorageFailure);
        assertThat(exists("org-b")).isFalse();
        assertUsable();
    }

    @Test
    void aCommitTheDatabaseRefuses_isAStorageFailure_leavesNothing_keepsItsConnection_andTheNextCallsWork()
            throws SQLException {
        String schema = storage.schema();
        try (Connection c = Postgres.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE FUNCTION \"" + schema + "\".refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "IF NEW.name = 'refused' THEN RAISE EXCEPTION 'commit refused for %', NEW.id; END IF; "
                    + "RETURN NULL; END $$");
            st.execute("CREATE CONSTRAINT TRIGGER refuse AFTER INSERT ON \"" + schema + "\".organizations "
                    + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION \"" + schema + "\".refuse()");
        }
        long head = storage.changes().head();
        List<Integer> before = backends();
        assertThatThrownBy(() -> storage.write(tx -> {
            tx.organizations().insert(organization("org-b"));
            return tx.organizations().insert(
                    new Organization(OrganizationId.of("org-r"), "refused", "", TestData.AT, 1));
        })).satisfies(PostgresFailureRecoveryTest::assertStorageFailure)
                .rootCause().hasMessageContaining("commit refused for org-r");
        // the database rolled the transaction back itself: the connection is as good as before and stays
        assertThat(backends()).as("no connection discarded").containsAll(before);
        assertThat(exists("org-b")).isFalse();
        assertThat(exists("org-r")).isFalse();
        assertThat(storage.changes().head()).isEqualTo(head);
        assertUsable();
    }

    @Test
    void theKit_afterItsBackendsWereEnded_failsOneServiceCall_andServesTheNext() {
        try (CopKit kit = CopKit.builder().storage(storage).search(new NoSearch()).build()) {
            kit.system().organizations().register(OrganizationId.of("acme"), "Acme", "");
            terminate(backends());
            assertThatThrownBy(() -> kit.system().organizations().get(OrganizationId.of("acme")))
                    .satisfies(PostgresFailureRecoveryTest::assertStorageFailure);
            assertThat(kit.system().organizations().get(OrganizationId.of("acme")).name()).isEqualTo("Acme");
            kit.system().organizations().register(OrganizationId.of("globex"), "Globex", "");
            assertThat(kit.system().organizations().get(OrganizationId.of("globex")).name()).isEqualTo("Globex");
        }
    }

    /** @return the pid of the backend serving the transaction */
    private static int backendOf(Transaction tx) {
        return ((JdbcTransaction) tx).db().one("SELECT pg_backend_pid() AS pid", r -> r.intValue("pid"))
                .orElseThrow();
    }

    /** @return the pids of this test storage's backends (its application name) */
    private List<Integer> backends() {
        try (Connection c = Postgres.connect();
                PreparedStatement st = c.prepareStatement(
                        "SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
            st.setString(1, application);
            List<Integer> pids = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getInt(1));
                }
            }
            assertThat(pids).as("backends of %s", application).isNotEmpty();
            return pids;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Ends the given backends, which must be this test's (its application name), and waits until they are gone.
     *
     * @return the pids
     */
    private List<Integer> terminate(List<Integer> pids) {
        try (Connection c = Postgres.connect();
                PreparedStatement kill = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE pid = ? AND application_name = ?");
                PreparedStatement alive = c.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY (?)")) {
            for (int pid : pids) {
                kill.setInt(1, pid);
                kill.setString(2, application);
                try (ResultSet rs = kill.executeQuery()) {
                    assertThat(rs.next() && rs.getBoolean(1)).as("backend %s of %s ended", pid, application).isTrue();
                }
            }
            alive.setArray(1, c.createArrayOf("int4", pids.toArray()));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (true) {
                try (ResultSet rs = alive.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        return pids;
                    }
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("backends " + pids + " still there 30 s after pg_terminate_backend");
                }
                Thread.sleep(10);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
