package org.copkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.UUID;
import javax.sql.DataSource;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.Organization;
import org.copkit.member.OrganizationId;
import org.copkit.spi.Change;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Upgrades from the first migration set, validate mode, schemas shared in one database. */
class MigrationTest {
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
    void aDatabaseAtVersion1WithData_migratesToLatest_withoutLoss_onH2() throws Exception {
        try (HikariDataSource ds = h2()) {
            upgradesFromVersion1(ds, "copkit");
        }
    }

    @Test
    void aDatabaseAtVersion1WithData_migratesToLatest_withoutLoss_onPostgres() throws Exception {
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
                    .hasMessageContaining("schema 'copkit' is at version none").hasMessageContaining("needs version 2");
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
