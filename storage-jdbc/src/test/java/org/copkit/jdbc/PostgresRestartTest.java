package org.copkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.copkit.CopKit;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.member.OrganizationId;
import org.copkit.testkit.NoSearch;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL going away under a running kit and coming back, as a restart looks to its clients: the storage
 * reaches the server through a {@link TcpRelay}, which the test stops (every connection breaks, new ones are
 * refused) and starts again. The real server is not touched.
 */
class PostgresRestartTest {
    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*");

    private final Postgres pg = new Postgres();
    private TcpRelay relay;
    private HikariDataSource pool;
    private JdbcStorage storage;

    @AfterEach
    void close() {
        if (storage != null) {
            storage.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (relay != null) {
            relay.close();
        }
        pg.dropAll();
    }

    @Test
    void whileTheServerIsAway_callsFailWithStorage_andOnceItIsBack_theKitWorksAgain() throws IOException {
        Postgres.require();
        Matcher m = URL.matcher(Postgres.URL);
        assertThat(m.matches()).as("a jdbc:postgresql://host[:port]/database URL: %s", Postgres.URL).isTrue();
        relay = new TcpRelay(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2))).start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + relay.port() + "/" + m.group(3));
        config.setUsername(Postgres.USER);
        config.setPassword(Postgres.PASSWORD);
        config.setMaximumPoolSize(4);
        // a call without a server gives up after a second instead of HikariCP's default 30 s
        config.setConnectionTimeout(1_000);
        pool = Pools.unchecked(config);
        storage = JdbcStorage.builder().dataSource(pool).schema(pg.newSchema()).build();
        try (CopKit kit = CopKit.builder().storage(storage).search(new NoSearch()).build()) {
            kit.system().organizations().register(OrganizationId.of("acme"), "Acme", "");

            relay.stop();
            // the pooled connection broke; then no connection can be opened at all
            assertThatThrownBy(() -> kit.system().organizations().get(OrganizationId.of("acme")))
                    .isInstanceOfSatisfying(CopKitException.class, PostgresRestartTest::assertStorage)
                    .cause().isNotNull();
            assertThatThrownBy(() -> kit.system().organizations().register(OrganizationId.of("globex"), "Globex", ""))
                    .isInstanceOfSatisfying(CopKitException.class, PostgresRestartTest::assertStorage);

            relay.start();
            // the pool reconnects with a backoff of its own (HikariCP: up to a few seconds); until then a call may
            // fail for want of a connection, but none may get a connection from before the outage
            awaitServed(() -> kit.system().organizations().get(OrganizationId.of("acme")));
            assertThat(kit.system().organizations().get(OrganizationId.of("acme")).name()).isEqualTo("Acme");
            kit.system().organizations().register(OrganizationId.of("globex"), "Globex", "");
            assertThat(kit.system().organizations().get(OrganizationId.of("globex")).name()).isEqualTo("Globex");
            assertThat(storage.changes().after(0, 10)).extracting(c -> c.ref().id()).containsExactly("acme", "globex");
        }
    }

    private static void assertStorage(CopKitException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.STORAGE);
    }

    /**
     * Repeats the call until it is served, failing on anything but STORAGE for want of a connection from the
     * pool, or after 60 s.
     */
    private static void awaitServed(Runnable call) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try {
                call.run();
                return;
            } catch (CopKitException e) {
                if (e.code() != ErrorCode.STORAGE || !(e.getCause() instanceof ConnectionException)
                        || Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
        }
    }
}
