package org.copkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.copkit.member.OrganizationId;
import org.copkit.spi.ChangeFeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link org.copkit.spi.ChangeFeed#onCommit} on PostgreSQL: a commit through one storage wakes the
 * subscribers of another storage on the same schema (LISTEN/NOTIFY), a lost listening connection is
 * replaced, and a connection of the host's pool is given back without its LISTEN.
 */
class PostgresCommitNotificationTest {
    private Postgres pg;

    @BeforeEach
    void setUp() {
        Postgres.require();
        pg = new Postgres();
    }

    @AfterEach
    void dropSchemas() {
        if (pg != null) {
            pg.dropAll();
        }
    }

    private static JdbcStorage storage(String schema) {
        return JdbcStorage.builder().postgres(Postgres.URL, Postgres.USER, Postgres.PASSWORD).schema(schema).build();
    }

    private static void register(JdbcStorage storage, String id) {
        storage.write(tx -> {
            tx.organizations().insert(new org.copkit.member.Organization(OrganizationId.of(id), "Org " + id, "",
                    java.time.Instant.parse("2026-12-01T10:00:00Z"), 1));
            return null;
        });
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for: " + what);
            }
            Thread.sleep(10);
        }
    }

    private static boolean listening(JdbcStorage storage) {
        return !((JdbcChangeFeed) storage.changes()).listeners().isEmpty()
                && ((JdbcChangeFeed) storage.changes()).listeners().stream().allMatch(PgCommitListener::listening);
    }

    @Test
    void aCommitOnOneStorage_wakesTheSubscribersOfAnotherOnTheSameSchema_notOfAnotherSchema() throws Exception {
        String schema = pg.newSchema();
        String other = pg.newSchema();
        try (JdbcStorage a = storage(schema); JdbcStorage b = storage(schema); JdbcStorage c = storage(other)) {
            AtomicInteger wakesB = new AtomicInteger();
            AtomicInteger wakesC = new AtomicInteger();
            ChangeFeed.Subscription sb = b.changes().onCommit(wakesB::incrementAndGet);
            ChangeFeed.Subscription sc = c.changes().onCommit(wakesC::incrementAndGet);
            try {
                await("both listen", () -> listening(b) && listening(c));
                await("the wake after connecting", () -> wakesB.get() == 1 && wakesC.get() == 1);

                register(a, "acme");
                await("b hears a's commit", () -> wakesB.get() >= 2);
                // c listens on its own schema's channel: a's commit was delivered to b by now, not to c
                assertThat(wakesC.get()).isEqualTo(1);

                // a storage's own commits are left out (its kit wakes its own indexer): c's commit, then a's
                register(c, "other");
                register(a, "acme-2");
                await("b hears the second commit", () -> wakesB.get() >= 3);
                assertThat(wakesC.get()).as("c heard neither its own commit nor the other schema's").isEqualTo(1);
            } finally {
                sb.close();
                sc.close();
            }
            assertThat(((JdbcChangeFeed) b.changes()).listeners()).as("closing the subscription stops it").isEmpty();
        }
    }

    @Test
    void aWriteOfMoreThan100Changes_notifiesToo() throws Exception {
        String schema = pg.newSchema();
        try (JdbcStorage a = storage(schema); JdbcStorage b = storage(schema)) {
            AtomicInteger wakes = new AtomicInteger();
            ChangeFeed.Subscription s = b.changes().onCommit(wakes::incrementAndGet);
            try {
                await("b listens", () -> listening(b) && wakes.get() == 1);
                a.write(tx -> {
                    for (int i = 0; i < 150; i++) {
                        tx.organizations().insert(new org.copkit.member.Organization(OrganizationId.of("org-" + i),
                                "Org " + i, "", java.time.Instant.parse("2026-12-01T10:00:00Z"), 1));
                    }
                    return null;
                });
                assertThat(a.changes().head()).isEqualTo(150);
                await("b hears the large commit", () -> wakes.get() >= 2);
            } finally {
                s.close();
            }
        }
    }

    @Test
    void aTerminatedListeningConnection_isReplaced_andWakesOnceAgain() throws Exception {
        String schema = pg.newSchema();
        try (JdbcStorage a = storage(schema); JdbcStorage b = storage(schema)) {
            AtomicInteger wakes = new AtomicInteger();
            ChangeFeed.Subscription s = b.changes().onCommit(wakes::incrementAndGet);
            try {
                await("b listens", () -> listening(b) && wakes.get() == 1);
                try (Connection admin = Postgres.connect(); Statement st = admin.createStatement();
                        ResultSet rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                + " WHERE application_name = 'copkit-listen-" + schema + "'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).as("the listening connection was found and terminated").isEqualTo(1);
                }
                await("the listener reconnected and woke its subscriber for what it may have missed",
                        () -> wakes.get() >= 2 && listening(b));
                int before = wakes.get();
                register(a, "after-restart");
                await("commits are heard again", () -> wakes.get() > before);
            } finally {
                s.close();
            }
        }
    }

    @Test
    void aListenerOnTheHostsPool_givesItsConnectionBackWithoutListening() throws Exception {
        String schema = pg.newSchema();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(Postgres.URL);
        config.setUsername(Postgres.USER);
        config.setPassword(Postgres.PASSWORD);
        config.setMaximumPoolSize(2); // Flyway needs two
        try (HikariDataSource pool = new HikariDataSource(config);
                JdbcStorage storage = JdbcStorage.builder().dataSource(pool).schema(schema).build();
                JdbcStorage writer = storage(schema)) {
            AtomicInteger wakes = new AtomicInteger();
            ChangeFeed.Subscription s = storage.changes().onCommit(wakes::incrementAndGet);
            await("listening on one of the pool's connections", () -> listening(storage));
            register(writer, "acme");
            await("heard", () -> wakes.get() >= 2);
            s.close();
            s.close();
            try (Connection c1 = pool.getConnection(); Connection c2 = pool.getConnection()) {
                for (Connection c : java.util.List.of(c1, c2)) {
                    try (Statement st = c.createStatement();
                            ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_listening_channels()")) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getInt(1)).as("channels a pooled connection still listens on").isZero();
                    }
                }
            }
        }
    }

    @Test
    void closingTheStorage_stopsItsListeners() throws SQLException, InterruptedException {
        String schema = pg.newSchema();
        JdbcStorage storage = storage(schema);
        storage.changes().onCommit(() -> { });
        await("listening", () -> listening(storage));
        storage.close();
        assertThat(((JdbcChangeFeed) storage.changes()).listeners()).isEmpty();
        await("the listening connection is closed", () -> {
            try (Connection admin = Postgres.connect(); Statement st = admin.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                            + "'copkit-listen-" + schema + "'")) {
                rs.next();
                return rs.getInt(1) == 0;
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void everySchemaHasItsOwnChannel_ofAtMost63Characters() {
        Schema a = new Schema("copkit", Dialect.POSTGRESQL);
        Schema b = new Schema("copkit_2", Dialect.POSTGRESQL);
        Schema longA = new Schema("a".repeat(63), Dialect.POSTGRESQL);
        Schema longB = new Schema("a".repeat(62) + "b", Dialect.POSTGRESQL);
        assertThat(PgCommitListener.channel(a)).isEqualTo("copkit_copkit");
        assertThat(PgCommitListener.channel(b)).isEqualTo("copkit_copkit_2");
        assertThat(PgCommitListener.channel(longA)).hasSizeLessThanOrEqualTo(63)
                .isNotEqualTo(PgCommitListener.channel(longB));
        assertThat(PgCommitListener.channel(longB)).hasSizeLessThanOrEqualTo(63);
    }
}
