package org.copkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.copkit.CopKit;
import org.copkit.testkit.NoSearch;
import org.copkit.community.CommunityDraft;
import org.copkit.community.CommunityId;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;
import org.junit.jupiter.api.Test;

/**
 * How many SQL statements one service call costs, counted at the JDBC connection (the benchmark's
 * create: an article with two tags by a community member, nobody following anything, no search).
 * Only statements on the calling thread count (the background indexer's catch-up is off the write path).
 * The bounds guard the round-trip savings of the fan-out and actor queries against regressions. On
 * PostgreSQL each statement prepared is one round trip (writes that wait for the next statement travel
 * in its text).
 */
class CreateStatementCountTest {
    /** Counts the statements prepared or created on the connections of a data source. */
    private static final class Counting implements DataSource {
        final DataSource target;
        final AtomicInteger statements = new AtomicInteger();
        final java.util.List<String> sql = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** Only statements prepared on this thread count: the caller's, not the background indexer's. */
        volatile Thread caller;

        Counting(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = target.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if ((method.getName().startsWith("prepare") || method.getName().equals("createStatement"))
                                && Thread.currentThread() == caller) {
                            statements.incrementAndGet();
                            sql.add(args != null && args.length > 0 ? String.valueOf(args[0]) : method.getName());
                        }
                        try {
                            return method.invoke(c, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return target.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return target.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return target.isWrapperFor(iface);
        }
    }

    @Test
    void creatingAnItem_runsAtMost6Statements_onH2() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:count-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            Counting counting = new Counting(pool);
            int perCreate = statementsPerCreate(counting, JdbcStorage.of(counting));
            System.out.println("statements per create on H2: " + perCreate);
            // the five writes of the baseline (item, revision, activity, change head, change-feed entries) and
            // one read (Transaction.readBatch: the actor with its roles, the community for the access check and
            // the followers of the item, its tags, its community and its author, in one UNION ALL); the index
            // catch-up runs on the indexer's thread
            assertThat(perCreate).isLessThanOrEqualTo(6);
            assertThat(counting.sql.subList(counting.sql.size() - perCreate, counting.sql.size()))
                    .filteredOn(s -> s.startsWith("SELECT") && !s.contains("UPDATE")).hasSize(1);
        }
    }

    @Test
    void creatingAnItem_takesTwoRoundTripsBeforeTheCommit_onPostgres() {
        Postgres.require();
        Postgres pg = new Postgres();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(Postgres.URL);
        config.setUsername(Postgres.USER);
        config.setPassword(Postgres.PASSWORD);
        config.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            Counting counting = new Counting(pool);
            int perCreate = statementsPerCreate(counting,
                    JdbcStorage.builder().dataSource(counting).schema(pg.newSchema()).build());
            System.out.println("statements per create on PostgreSQL: " + perCreate);
            // the read as on H2; then one round trip for the item, revision, change-feed and activity inserts (the
            // first three wait for the activity's, whose key the call needs: Db.later, Db.beforeSending); then the
            // commit, which has nothing left to send
            assertThat(perCreate).isLessThanOrEqualTo(2);
            assertThat(counting.sql.subList(counting.sql.size() - perCreate, counting.sql.size()))
                    .filteredOn(s -> s.contains(".knowledge_items") && s.contains(".revisions")
                            && s.contains(".change_head") && s.contains(".activities"))
                    .hasSize(1);
        } finally {
            pg.dropAll();
        }
    }

    /** Sets up the benchmark's world, creates one item, and counts the statements of a second create. */
    private static int statementsPerCreate(Counting counting, JdbcStorage storage) {
        try (CopKit kit = CopKit.builder().storage(storage).search(new NoSearch()).build()) {
            OrganizationId acme = OrganizationId.of("acme");
            MemberId anna = MemberId.of("anna");
            kit.system().organizations().register(acme, "Acme", "");
            kit.system().members().register(anna, MemberProfile.of("Anna", acme));
            var domain = kit.as(anna).domains().create("Energy transition", "Heat, grids and subsidies");
            CommunityId community = kit.as(anna).communities().create(CommunityDraft.of(domain.id(),
                    "Wiki migration", "Everything the old wiki knew")).id();
            ItemDraft draft = ItemDraft.of(community, ItemKind.ARTICLE, ItemContent.of("Wiki page",
                    "- Warmtepompen in bestaande bouw", Locale.forLanguageTag("nl")).withTags("wiki", "warmtepomp"));
            CopKit.As as = kit.as(anna);
            as.knowledge().create(draft);
            counting.caller = Thread.currentThread();
            int before = counting.statements.get();
            as.knowledge().create(draft);
            int perCreate = counting.statements.get() - before;
            counting.sql.subList(counting.sql.size() - perCreate, counting.sql.size())
                    .forEach(s -> System.out.println("  " + s.substring(0, Math.min(120, s.length()))));
            return perCreate;
        }
    }
}
