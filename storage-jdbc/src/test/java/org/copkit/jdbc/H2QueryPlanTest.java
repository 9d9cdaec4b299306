package org.copkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.access.Visibility;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.MembershipState;
import org.copkit.community.Role;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.MemberId;
import org.copkit.spi.ReadBatch;
import org.copkit.spi.Transaction;
import org.copkit.subscription.Subscription;
import org.copkit.subscription.SubscriptionId;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The main reads on H2 look their rows up in an index instead of scanning a table. An H2 file database
 * migrated by {@link JdbcStorage#h2} holds {@value #ROWS} rows per table (subscriptions: 10 per target, 8
 * of them active, over {@value #TARGETS} targets); each read runs through the storage, which records the
 * statement it prepares with its arguments at the JDBC connection, and the statement runs again under
 * {@code EXPLAIN ANALYZE}, whose {@code scanCount} per table says how many rows H2 read. A scan reads all
 * {@value #ROWS}; the bounds are what index lookups read. Community "big" holds {@value #BIG} knowledge items
 * and {@value #BIG} memberships (every other one active), so that a page of {@value #PAGE} read in index
 * order is told apart from a sorted range. PostgresQueryPlanTest checks PostgreSQL.
 */
class H2QueryPlanTest {
    private static final int ROWS = 20_000;
    private static final int TARGETS = 2_000;
    private static final int COMMUNITIES = 200;
    private static final int BIG = 2_000;
    private static final int PAGE = 50;
    private static final Instant AT = TestData.AT;
    private static final String[] TYPES = {"TAG", "CONVERSATION", "COMMUNITY", "PRACTICE"};
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    @TempDir
    static Path dir;
    private static String url;
    private static JdbcStorage storage;
    /** The queries the storage ran since the current read started. */
    private static final List<Query> queries = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A query as the storage ran it: its text and the setter calls that bound its arguments. */
    private record Query(String sql, List<Map.Entry<Method, Object[]>> setters) {}

    @BeforeAll
    static void fill() {
        try (JdbcStorage h2 = JdbcStorage.h2(dir)) {
            TestData.world(h2);
            h2.write(tx -> {
                tx.subscriptions().insertAll(IntStream.range(0, ROWS).mapToObj(n -> new Subscription(
                        SubscriptionId.of("s" + n), MemberId.of("m" + (n * 7919 % 5_000)), target(n / 10),
                        n % 5 != 0, AT, AT, 1)).toList());
                tx.items().insertAll(IntStream.range(0, ROWS).mapToObj(n -> {
                    KnowledgeItem i = TestData.item("i" + n, "Item " + n);
                    return new KnowledgeItem(i.id(), n < BIG ? CommunityId.of("big") : community(n), i.practice(),
                            i.kind(), i.content(), i.audience(), i.status(), i.owner(), i.revision(), i.approvals(), i.reviewBy(), i.publishedAt(),
                            i.supersededBy(), i.provenance(), i.createdAt(), i.updatedAt(), i.version());
                }).toList());
                tx.activities().appendAll(IntStream.range(0, ROWS).mapToObj(n -> new Activity(0,
                        MemberId.of("m" + n % 5_000), Verb.CREATED, new Ref(ObjectType.KNOWLEDGE_ITEM, "i" + n),
                        n % 3 == 0 ? Optional.of(new Ref(ObjectType.MEMBER, "m" + (n + 1) % 5_000)) : Optional.empty(),
                        Optional.of(community(n)), AT, Visibility.platform(), Map.of())).toList());
                tx.memberships().insertAll(IntStream.range(0, BIG).mapToObj(n -> new Membership(CommunityId.of("big"),
                        MemberId.of("m" + n), Role.MEMBER, n % 2 == 0 ? MembershipState.ACTIVE : MembershipState.PENDING,
                        AT, Optional.empty(), Optional.empty(), 1)).toList());
                return null;
            });
        }
        url = "jdbc:h2:file:" + dir.resolve("copkit");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        storage = JdbcStorage.of(recording(h2));
    }

    @AfterAll
    static void close() {
        if (storage != null) {
            storage.close();
        }
    }

    static Ref target(int t) {
        return new Ref(ObjectType.valueOf(TYPES[t % TYPES.length]), "t" + t);
    }

    static CommunityId community(int n) {
        return CommunityId.of("c" + n % COMMUNITIES);
    }

    /** Targets spread over the table, each with 8 active subscriptions. */
    static List<Ref> targets(int count) {
        return IntStream.range(0, count).mapToObj(k -> target((37 + k * 101) % TARGETS)).toList();
    }

    @ParameterizedTest(name = "{0} targets")
    @ValueSource(ints = {1, 2, 5, 200})
    void listByTargets_looksUpEachTarget(int targets) throws SQLException {
        List<Subscription> followers = read(tx -> tx.subscriptions().listByTargets(targets(targets)));

        assertThat(followers).hasSize(8 * targets);
        // per target its 8 active subscriptions and the end of its index range (with an OR of the targets
        // instead of the VALUES list, H2 read all 20,000 rows from two targets on)
        assertReadsAtMost("SUBSCRIPTIONS", 9 * targets);
    }

    @ParameterizedTest(name = "{0} targets")
    @ValueSource(ints = {1, 2, 5, 200})
    void readBatch_looksUpTheFollowersOfEachTarget(int targets) throws SQLException {
        ReadBatch.Result result = read(tx -> tx.readBatch(ReadBatch.member(MemberId.of("ann"))
                .withCommunity(CommunityId.of("com")).withFollowersOf(targets(targets))));

        assertThat(result.subscriptions()).hasSize(8 * targets);
        assertThat(result.member()).isPresent();
        assertThat(result.communities()).containsKey(CommunityId.of("com"));
        assertReadsAtMost("SUBSCRIPTIONS", 9 * targets);
    }

    // H2 2.5 takes rows in index order only when ORDER BY names the index's leading columns; ordered by id
    // alone it read the community's whole range of 2,000 rows and sorted them for every page. A page of 50
    // reads its 50 rows and the one that says a next page exists; after a cursor, the cursor's row too.

    @ParameterizedTest(name = "after a cursor: {0}")
    @ValueSource(booleans = {false, true})
    void itemsOfACommunity_areReadAPageAtATime(boolean afterCursor) throws SQLException {
        assertPagesReadAtMost("KNOWLEDGE_ITEMS", afterCursor, after -> tx -> tx.items()
                .listByCommunity(CommunityId.of("big"), Optional.empty(), Set.of(), page(after)));
    }

    @ParameterizedTest(name = "after a cursor: {0}")
    @ValueSource(booleans = {false, true})
    void itemsOfACommunityInOneStatus_areReadAPageAtATime(boolean afterCursor) throws SQLException {
        assertPagesReadAtMost("KNOWLEDGE_ITEMS", afterCursor, after -> tx -> tx.items()
                .listByCommunity(CommunityId.of("big"), Optional.empty(), Set.of(ItemStatus.DRAFT), page(after)));
    }

    @ParameterizedTest(name = "after a cursor: {0}")
    @ValueSource(booleans = {false, true})
    void membershipsInOneState_areReadAPageAtATime(boolean afterCursor) throws SQLException {
        assertPagesReadAtMost("MEMBERSHIPS", afterCursor, after -> tx -> tx.memberships()
                .listByCommunity(CommunityId.of("big"), Set.of(MembershipState.ACTIVE), page(after)));
    }

    private static PageRequest page(Optional<String> after) {
        return new PageRequest(after, PAGE);
    }

    /** Reads the first page, or the page after it, and checks the rows H2 read for the last one. */
    private static <T> void assertPagesReadAtMost(String table, boolean afterCursor,
            Function<Optional<String>, Function<Transaction, Page<T>>> pageAfter) throws SQLException {
        Page<T> first = read(pageAfter.apply(Optional.empty()));
        assertThat(first.items()).hasSize(PAGE);
        if (afterCursor) {
            Page<T> second = read(pageAfter.apply(first.next()));
            assertThat(second.items()).hasSize(PAGE).doesNotContainAnyElementsOf(first.items());
        }
        assertReadsAtMost(table, PAGE + (afterCursor ? 2 : 1));
    }

    @Test
    void activitiesInvolvingAMember_areReadThroughTheActorAndTargetIndexes() throws SQLException {
        var page = read(tx -> tx.activities().listInvolving(CommunityId.of("c7"), MemberId.of("m7"),
                PageRequest.first(50)));

        assertThat(page.items()).hasSize(4);
        // two index ranges cut at the page size (51), which H2 prints and so counts twice, and the page itself
        assertReadsAtMost("ACTIVITIES", 4 * 51 + 51);
    }

    @Test
    void changeFeedAfter_readsOnlyTheChangesAfterTheCursor() throws SQLException {
        queries.clear();
        var changes = storage.changes().after(2L * ROWS - 100, 500);

        assertThat(changes).hasSizeGreaterThanOrEqualTo(100);
        assertReadsAtMost("CHANGES", changes.size() + 10);
    }

    private static <T> T read(Function<Transaction, T> work) {
        queries.clear();
        return storage.read(work);
    }

    /** @return the one recorded query that reads the table (upper-case name, as H2 prints it) */
    private static Query recorded(String table) {
        List<Query> reading = queries.stream().filter(q -> q.sql().toUpperCase(java.util.Locale.ROOT)
                .contains('.' + table + ' ')).toList();
        assertThat(reading).as("queries on %s among %s", table, queries).hasSize(1);
        return reading.get(0);
    }

    /**
     * Runs the query under EXPLAIN ANALYZE and checks that it scanned no table and read at most {@code rows}
     * rows of {@code table}: the sum of the scanCount of each access to the table (H2 prints the plan of a
     * derived table twice, once inside a comment; each printing starts with its FROM or JOIN, and a table
     * access's scanCount is the first that follows it).
     */
    private static void assertReadsAtMost(String table, int rows) throws SQLException {
        Query query = recorded(table);
        String plan;
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement st = c.prepareStatement("EXPLAIN ANALYZE " + query.sql())) {
            for (Map.Entry<Method, Object[]> setter : query.setters()) {
                invoke(st, setter.getKey(), setter.getValue());
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                plan = rs.getString(1);
            }
        }
        Pattern access = Pattern.compile("^(?:FROM|JOIN) \"?copkit\"?\\.\"?" + table + "\"?\\s");
        int read = 0;
        for (String part : plan.split("\\b(?=(?:FROM|JOIN) )")) {
            Matcher count = SCAN_COUNT.matcher(part);
            if (access.matcher(part).find() && count.find()) {
                read += Integer.parseInt(count.group(1));
            }
        }
        assertThat(plan).as("plan").doesNotContain("tableScan");
        assertThat(read).as("rows of %s read by %s", table, plan).isLessThanOrEqualTo(rows);
    }

    /** The data source with its connections' prepared statements recording into {@link #queries}. */
    private static DataSource recording(DataSource target) {
        return proxy(DataSource.class, (m, args) -> {
            Object result = invoke(target, m, args);
            return result instanceof Connection c ? recording(c) : result;
        });
    }

    private static Connection recording(Connection target) {
        return proxy(Connection.class, (m, args) -> {
            Object result = invoke(target, m, args);
            return m.getName().equals("prepareStatement") && args.length == 1
                    ? recording((PreparedStatement) result, (String) args[0]) : result;
        });
    }

    private static PreparedStatement recording(PreparedStatement target, String sql) {
        List<Map.Entry<Method, Object[]>> setters = new ArrayList<>();
        return proxy(PreparedStatement.class, (m, args) -> {
            if (m.getName().startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
                setters.add(Map.entry(m, args.clone()));
            } else if ((m.getName().equals("executeQuery") || m.getName().equals("execute")) && (args == null
                    || args.length == 0) && sql.stripLeading().toUpperCase(java.util.Locale.ROOT).startsWith("SELECT")) {
                queries.add(new Query(sql, List.copyOf(setters)));
            } else if (m.getName().equals("clearParameters")) {
                setters.clear();
            }
            return invoke(target, m, args);
        });
    }

    private interface Handler {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, m, args) -> handler.handle(m, args)));
    }

    private static Object invoke(Object target, Method m, Object[] args) throws SQLException {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException s) {
                throw s;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
