package org.copkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every main read path has an index on PostgreSQL: with sequential scans disabled the planner still
 * finds a plan without one, which it only can when an index serves the condition and the order. The
 * statements mirror those the repositories issue (same conditions, same ORDER BY and LIMIT).
 */
class PostgresQueryPlanTest {
    private static final Postgres PG = new Postgres();
    private static String schema;

    @BeforeAll
    static void migrate() {
        Postgres.require();
        schema = PG.newSchema();
        JdbcStorage.builder().postgres(Postgres.URL, Postgres.USER, Postgres.PASSWORD).schema(schema).build().close();
    }

    @AfterAll
    static void drop() {
        PG.dropAll();
    }

    static Stream<String> mainReads() {
        return Stream.of(
                "SELECT * FROM %s.knowledge_items WHERE community_id = 'c' AND id > 'x' ORDER BY id LIMIT 51",
                "SELECT * FROM %s.knowledge_items WHERE community_id = 'c' AND status IN ('PUBLISHED') ORDER BY id"
                        + " LIMIT 51",
                "SELECT * FROM %s.knowledge_items WHERE community_id = 'c' AND practice_id = 'p' ORDER BY id LIMIT 51",
                "SELECT * FROM %s.knowledge_items WHERE status = 'PUBLISHED' AND review_by < now() ORDER BY id"
                        + " LIMIT 501",
                "SELECT * FROM %s.revisions WHERE item_id = 'i' AND revision_no > 3 ORDER BY revision_no LIMIT 51",
                "SELECT * FROM %s.memberships WHERE member_id = 'm' ORDER BY community_id",
                "SELECT * FROM %s.memberships WHERE community_id = 'c' AND state IN ('ACTIVE') ORDER BY member_id"
                        + " LIMIT 51",
                "SELECT * FROM %s.members WHERE organization_id = 'o' ORDER BY id LIMIT 51",
                "SELECT * FROM %s.activities WHERE seq < 1000 AND community_id = 'c' ORDER BY seq DESC LIMIT 51",
                "SELECT * FROM %s.activities WHERE seq < 1000 AND actor_id = 'm' ORDER BY seq DESC LIMIT 51",
                "SELECT * FROM %s.activities WHERE seq < 1000 AND object_type = 'KNOWLEDGE_ITEM' AND object_id = 'i'"
                        + " ORDER BY seq DESC LIMIT 51",
                "SELECT * FROM %s.activities WHERE community_id = 'c' AND occurred_at >= now() AND seq > 5 ORDER BY seq"
                        + " LIMIT 51",
                "SELECT seq, object_type, object_id, version, changed_at FROM %s.changes WHERE seq > 10 ORDER BY seq"
                        + " LIMIT 500",
                "SELECT * FROM %s.conversations WHERE community_id = 'c' AND status IN ('ANSWERED') ORDER BY id"
                        + " LIMIT 51",
                "SELECT * FROM %s.posts WHERE conversation_id = 'q' ORDER BY id LIMIT 51",
                "SELECT * FROM %s.sessions WHERE community_id = 'c' ORDER BY start_at, id LIMIT 51",
                "SELECT * FROM %s.rsvps WHERE member_id = 'm' ORDER BY session_id",
                "SELECT * FROM %s.subscriptions WHERE target_type = 'TAG' AND target_id = 't' AND active = true"
                        + " ORDER BY member_id LIMIT 501",
                "SELECT s.* FROM (VALUES ('TAG', 't'), ('MEMBER', 'm')) f (followed_type, followed_id) JOIN"
                        + " %s.subscriptions s ON s.target_type = f.followed_type AND s.target_id = f.followed_id"
                        + " WHERE s.active = true",
                "SELECT * FROM %s.review_tasks WHERE community_id = 'c' AND status = 'OPEN' ORDER BY id LIMIT 51",
                "SELECT * FROM %s.learning_paths WHERE community_id = 'c' ORDER BY id LIMIT 51");
    }

    @ParameterizedTest
    @MethodSource("mainReads")
    void mainRead_isServedByAnIndex(String query) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Connection c = Postgres.connect(); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            try (ResultSet rs = s.executeQuery("EXPLAIN " + query.formatted("\"" + schema + "\""))) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
        }
        assertThat(plan).as("plan of %s", query).noneMatch(line -> line.contains("Seq Scan"));
    }
}
