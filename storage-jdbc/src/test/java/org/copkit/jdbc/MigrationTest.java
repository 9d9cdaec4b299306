package org.copkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.ObjectType;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityId;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.Vote;
import org.copkit.conversation.VoteValue;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.Organization;
import org.copkit.member.OrganizationId;
import org.copkit.session.Session;
import org.copkit.spi.ActivityFilter;
import org.copkit.spi.Change;
import org.copkit.spi.Transaction;
import org.copkit.subscription.Subscription;
import org.copkit.testkit.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Upgrades from the first migration set, validate mode, schemas shared in one database. */
class MigrationTest {
    /** The version of the newest migration script. */
    private static final String LATEST = "4";
    private static final Postgres POSTGRES = new Postgres();

    @AfterAll
    static void dropSchemas() {
        POSTGRES.dropAll();
    }

    private static HikariDataSource h2() {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        c.setMaximumPoolSize(4);
        return new HikariDataSource(c);
    }

    private static HikariDataSource postgres() {
        Postgres.require();
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(Postgres.URL);
        c.setUsername(Postgres.USER);
        c.setPassword(Postgres.PASSWORD);
        c.setMaximumPoolSize(4);
        return new HikariDataSource(c);
    }

    @Test
    void aDatabaseAtVersion1WithData_migratesToTheLatestVersion_withoutLoss_andTakesTheVersion2Aggregates_onH2() throws Exception {
        try (HikariDataSource ds = h2()) {
            upgradesFromVersion1(ds, "copkit");
        }
    }

    @Test
    void aDatabaseAtVersion1WithData_migratesToTheLatestVersion_withoutLoss_andTakesTheVersion2Aggregates_onPostgres() throws Exception {
        try (HikariDataSource ds = postgres()) {
            upgradesFromVersion1(ds, POSTGRES.newSchema());
        }
    }

    private static void upgradesFromVersion1(DataSource ds, String schemaName) throws Exception {
        Schema schema = new Schema(schemaName, Dialect.of(ds));
        Migrations.configure(ds, schema).target("1").load().migrate();
        runScript(ds, schemaName, "/upgrade/v1-data.sql");

        try (JdbcStorage storage = JdbcStorage.builder().dataSource(ds).schema(schemaName).build()) {
            Organization org = storage.read(tx -> tx.organizations().find(OrganizationId.of("org-a"))).orElseThrow();
            assertThat(org.name()).isEqualTo("Gemeente Arnhem");
            assertThat(org.description()).isEqualTo("Line one\ntwo");
            assertThat(org.registeredAt()).isEqualTo(Instant.parse("2024-03-31T01:30:00.000001Z"));
            Member ann = storage.read(tx -> tx.members().find(MemberId.of("ann"))).orElseThrow();
            assertThat(ann.version()).isEqualTo(2);
            assertThat(ann.profile().languages()).extracting(Locale::toLanguageTag).containsExactly("nl", "en-GB");
            assertThat(ann.profile().findableAsExpert()).isTrue();
            KnowledgeItem item = storage.read(tx -> tx.items().find(KnowledgeItemId.of("item-1"))).orElseThrow();
            assertThat(item.status()).isEqualTo(ItemStatus.PUBLISHED);
            assertThat(item.content().body()).isEqualTo("Body ✓");
            assertThat(item.approvals()).singleElement().satisfies(a -> assertThat(a.at())
                    .isEqualTo(Instant.parse("2024-10-27T02:30:00.5Z")));
            assertThat(storage.changes().head()).isEqualTo(1);
            storage.write(tx -> tx.organizations().insert(new Organization(OrganizationId.of("org-b"), "B", "",
                    TestData.AT, 1)));
            List<Change> feed = storage.changes().after(0, 10);
            assertThat(feed).extracting(Change::sequence).containsExactly(1L, 2L);
            readsAndWritesVersion2(ds, schema, storage);
        }
    }

    /** After the upgrade: at the latest version, the V2 queries see version-1 rows, the V2 tables take writes. */
    private static void readsAndWritesVersion2(DataSource ds, Schema schema, JdbcStorage storage) {
        assertThat(Migrations.configure(ds, schema).load().info().current().getVersion().getVersion())
                .isEqualTo(LATEST);
        assertThat(storage.read((Transaction tx) -> tx.items().listDueForReview(Instant.parse("2026-01-01T00:00:00Z"),
                PageRequest.first()).items())).extracting(i -> i.id().value()).containsExactly("item-2");
        assertThat(storage.read((Transaction tx) -> tx.activities().listSince(CommunityId.of("com-1"),
                Instant.parse("2024-01-01T00:00:00Z"), PageRequest.first()).items()))
                .singleElement().satisfies(a -> {
                    assertThat(a.sequence()).isEqualTo(1);
                    assertThat(a.object()).isEqualTo(new Ref(ObjectType.KNOWLEDGE_ITEM, "item-1"));
                });

        Session session = Fixtures.session("ses-1", "com-1", "ann", 100);
        Conversation question = Fixtures.question("conv-1", "com-1", "ann");
        Subscription subscription = Fixtures.subscription("sub-1", "ann", new Ref(ObjectType.COMMUNITY, "com-1"));
        Vote vote = new Vote(new Ref(ObjectType.CONVERSATION, "conv-1"), MemberId.of("ann"), VoteValue.UP,
                TestData.AT);
        storage.write(tx -> {
            tx.sessions().insert(session);
            tx.conversations().insert(question);
            tx.subscriptions().insert(subscription);
            tx.votes().put(vote);
            return tx.activities().append(new Activity(0, MemberId.of("ann"), Verb.ASKED,
                    new Ref(ObjectType.CONVERSATION, "conv-1"), Optional.empty(), Optional.of(CommunityId.of("com-1")),
                    TestData.AT, question.visibility(), Map.of()));
        });
        storage.read(tx -> {
            assertThat(tx.sessions().find(session.id())).contains(session);
            assertThat(tx.conversations().find(question.id())).contains(question);
            assertThat(tx.subscriptions().find(MemberId.of("ann"), subscription.target())).contains(subscription);
            assertThat(tx.votes().find(vote.target(), vote.voter())).contains(vote);
            assertThat(tx.activities().list(ActivityFilter.all(), PageRequest.first()).items())
                    .extracting(Activity::sequence).containsExactly(2L, 1L);
            return null;
        });
        assertThat(storage.changes().after(2, 10)).extracting(Change::sequence, Change::ref).containsExactly(
                tuple(3L, new Ref(ObjectType.SESSION, "ses-1")), tuple(4L, new Ref(ObjectType.CONVERSATION, "conv-1")),
                tuple(5L, new Ref(ObjectType.SUBSCRIPTION, "sub-1")));
    }

    @Test
    void aDatabaseAtVersion2WithData_migratesToVersion3_withoutLoss_andTakesLearningPathsAndDigestMarks_onH2()
            throws Exception {
        try (HikariDataSource ds = h2()) {
            upgradesFromVersion2(ds, "copkit");
        }
    }

    @Test
    void aDatabaseAtVersion2WithData_migratesToVersion3_withoutLoss_andTakesLearningPathsAndDigestMarks_onPostgres()
            throws Exception {
        try (HikariDataSource ds = postgres()) {
            upgradesFromVersion2(ds, POSTGRES.newSchema());
        }
    }

    /**
     * A database migrated to version 2 holding rows of both versions is upgraded on start: the rows
     * are kept, listInvolving (with its new indexes) sees version-2 activities, and learning paths and
     * digest marks take writes whose change-feed entries continue the stored sequence.
     */
    private static void upgradesFromVersion2(DataSource ds, String schemaName) throws Exception {
        Schema schema = new Schema(schemaName, Dialect.of(ds));
        Migrations.configure(ds, schema).target("2").load().migrate();
        runScript(ds, schemaName, "/upgrade/v1-data.sql");
        runScript(ds, schemaName, "/upgrade/v2-data.sql");

        try (JdbcStorage storage = JdbcStorage.builder().dataSource(ds).schema(schemaName).build()) {
            assertThat(Migrations.configure(ds, schema).load().info().current().getVersion().getVersion())
                    .isEqualTo(LATEST);
            assertThat(storage.changes().head()).isEqualTo(2);
            assertThat(storage.read((Transaction tx) -> tx.notificationPreferences().find(MemberId.of("ann"))))
                    .hasValueSatisfying(p -> assertThat(p.frequency().name()).isEqualTo("WEEKLY"));
            CommunityId com1 = CommunityId.of("com-1");
            assertThat(storage.read((Transaction tx) -> tx.activities().listInvolving(com1, MemberId.of("ann"),
                    PageRequest.first()).items())).extracting(Activity::sequence, Activity::verb)
                    .containsExactly(tuple(2L, Verb.CHECKED_IN), tuple(1L, Verb.PUBLISHED));
            assertThat(storage.read((Transaction tx) -> tx.activities().listInvolving(com1, MemberId.of("bob"),
                    PageRequest.first()).items())).extracting(Activity::sequence).containsExactly(3L, 2L);

            org.copkit.onboarding.LearningPath path = Fixtures.learningPath("lp-1", "com-1", "ann");
            org.copkit.digest.DigestMark mark = Fixtures.digestMark("ann", 100, 1);
            storage.write(tx -> {
                tx.learningPaths().insert(path);
                return tx.digestMarks().insert(mark);
            });
            storage.read(tx -> {
                assertThat(tx.learningPaths().find(path.id())).contains(path);
                assertThat(tx.learningPaths().listByCommunity(com1, PageRequest.first()).items()).containsExactly(path);
                assertThat(tx.digestMarks().find(MemberId.of("ann"))).contains(mark);
                return null;
            });
            assertThat(storage.changes().after(0, 10)).extracting(Change::sequence, Change::ref).containsExactly(
                    tuple(1L, new Ref(ObjectType.ORGANIZATION, "org-a")),
                    tuple(2L, new Ref(ObjectType.NOTIFICATION_PREFERENCE, "ann")),
                    tuple(3L, new Ref(ObjectType.LEARNING_PATH, "lp-1")),
                    tuple(4L, new Ref(ObjectType.DIGEST_MARK, "ann")));
        }
    }

    private static void runScript(DataSource ds, String schema, String resource) throws IOException, SQLException {
        String sql;
        try (InputStream in = MigrationTest.class.getResourceAsStream(resource)) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setSchema(schema);
            for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";\\s*\\n")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    @Test
    void validateMode_rejectsAnUnmigratedSchema_withAConfigurationError() throws Exception {
        try (HikariDataSource ds = h2()) {
            assertThatThrownBy(() -> JdbcStorage.builder().dataSource(ds)
                    .migrationMode(JdbcStorage.MigrationMode.VALIDATE).build())
                    .isInstanceOfSatisfying(CopKitException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION))
                    .hasMessageContaining("schema 'copkit' is at version none").hasMessageContaining("needs version " + LATEST);
        }
    }

    @Test
    void validateMode_rejectsASchemaWhoseAppliedMigrationWasChanged() throws Exception {
        try (HikariDataSource ds = h2()) {
            JdbcStorage.migrate(ds, "copkit");
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("UPDATE \"copkit\".\"copkit_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '1'");
            }
            assertThatThrownBy(() -> JdbcStorage.builder().dataSource(ds)
                    .migrationMode(JdbcStorage.MigrationMode.VALIDATE).build())
                    .isInstanceOfSatisfying(CopKitException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION))
                    .hasMessageContaining("does not match");
        }
    }

    @Test
    void validateMode_acceptsASchemaTheHostMigrated() throws Exception {
        try (HikariDataSource ds = h2()) {
            JdbcStorage.migrate(ds, "copkit");
            try (JdbcStorage storage = JdbcStorage.builder().dataSource(ds)
                    .migrationMode(JdbcStorage.MigrationMode.VALIDATE).build()) {
                TestData.world(storage);
                assertThat(storage.changes().head()).isEqualTo(4);
            }
            assertThat(ds.isClosed()).as("a host data source is never closed by the storage").isFalse();
        }
    }

    @Test
    void storagesInDifferentSchemas_shareADatabase_withoutSeeingEachOther() throws Exception {
        try (HikariDataSource ds = h2();
                JdbcStorage one = JdbcStorage.builder().dataSource(ds).schema("copkit_one").build();
                JdbcStorage two = JdbcStorage.builder().dataSource(ds).schema("copkit_two").build()) {
            TestData.world(one);
            assertThat(one.changes().head()).isEqualTo(4);
            assertThat(two.changes().head()).isZero();
            assertThat(two.read((org.copkit.spi.Transaction tx) -> tx.organizations().find(OrganizationId.of("org-a")))).isEmpty();
        }
    }

    @Test
    void reopeningAnH2FileDatabase_keepsTheData_andAppliesNoMigrationTwice(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (JdbcStorage storage = JdbcStorage.h2(dir)) {
            TestData.world(storage);
        }
        try (JdbcStorage storage = JdbcStorage.builder().h2(dir).migrationMode(JdbcStorage.MigrationMode.VALIDATE).build()) {
            assertThat(storage.read((org.copkit.spi.Transaction tx) -> tx.members().find(MemberId.of("ann")))).isPresent();
            assertThat(storage.changes().head()).isEqualTo(4);
        }
    }

    @Test
    void builderOptions_areSetOnce_andCheckedWithMessagesThatNameTheProblem() {
        assertThatThrownBy(() -> JdbcStorage.builder().h2InMemory("x").h2InMemory("y"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("H2 in-memory database x");
        assertThatThrownBy(() -> JdbcStorage.builder().schema("Bad-Name"))
                .isInstanceOfSatisfying(CopKitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION))
                .hasMessageContaining("Bad-Name");
        assertThatThrownBy(() -> JdbcStorage.builder().build())
                .isInstanceOfSatisfying(CopKitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION));
        assertThatThrownBy(() -> JdbcStorage.postgres("jdbc:h2:mem:x", "u", "p"))
                .isInstanceOf(CopKitException.class).hasMessageContaining("jdbc:postgresql:");
    }

    @Test
    void aClosedStorage_refusesWork() {
        JdbcStorage storage = JdbcStorage.h2InMemory("closed-" + UUID.randomUUID());
        storage.close();
        assertThatThrownBy(() -> storage.read(tx -> null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
