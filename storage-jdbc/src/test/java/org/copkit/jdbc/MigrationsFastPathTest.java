package org.copkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Stream;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.junit.jupiter.api.Test;

/** The start-up shortcut that skips Flyway when the schema is exactly at the newest migration. */
class MigrationsFastPathTest {
    private static HikariDataSource h2() {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:h2:mem:fastpath-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        c.setMaximumPoolSize(2);
        return new HikariDataSource(c);
    }

    private static void exec(HikariDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    void theListOfMigrationFiles_matchesTheMigrationDirectory() throws URISyntaxException, java.io.IOException {
        Path dir = Path.of(Migrations.class.getClassLoader().getResource("db/copkit").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("V")).sorted())
                    .containsExactlyElementsOf(Migrations.FILES);
        }
    }

    @Test
    void aSchemaMigratedByFlyway_isUpToDate_withTheChecksumsFlywayRecorded() {
        try (HikariDataSource ds = h2()) {
            Schema schema = new Schema("copkit", Dialect.of(ds));
            assertThat(Migrations.upToDate(ds, schema)).as("no schema yet").isFalse();
            Migrations.migrate(ds, schema);
            assertThat(Migrations.upToDate(ds, schema)).isTrue();
            JdbcStorage.builder().dataSource(ds).migrationMode(JdbcStorage.MigrationMode.VALIDATE).build().close();
        }
    }

    @Test
    void aChangedChecksum_isNotUpToDate_andValidateModeStillFailsThroughFlyway() throws SQLException {
        try (HikariDataSource ds = h2()) {
            Schema schema = new Schema("copkit", Dialect.of(ds));
            Migrations.migrate(ds, schema);
            exec(ds, "UPDATE \"copkit\".\"copkit_schema_history\" SET \"checksum\" = \"checksum\" + 1"
                    + " WHERE \"version\" = '2'");
            assertThat(Migrations.upToDate(ds, schema)).isFalse();
            assertThatThrownBy(() -> JdbcStorage.builder().dataSource(ds)
                    .migrationMode(JdbcStorage.MigrationMode.VALIDATE).build())
                    .isInstanceOfSatisfying(CopKitException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION));
        }
    }

    @Test
    void aMissingOrFailedMigration_isNotUpToDate_andMigrateModeCompletesIt() throws SQLException {
        try (HikariDataSource ds = h2()) {
            Schema schema = new Schema("copkit", Dialect.of(ds));
            Migrations.migrate(ds, schema);
            exec(ds, "DELETE FROM \"copkit\".\"copkit_schema_history\" WHERE \"version\" = '5'");
            exec(ds, "DROP INDEX \"copkit\".activities_by_community_verb_time");
            exec(ds, "ALTER TABLE \"copkit\".digest_marks DROP COLUMN pending_from");
            exec(ds, "ALTER TABLE \"copkit\".digest_marks DROP COLUMN lease_until");
            assertThat(Migrations.upToDate(ds, schema)).isFalse();
            assertThatThrownBy(() -> JdbcStorage.builder().dataSource(ds)
                    .migrationMode(JdbcStorage.MigrationMode.VALIDATE).build())
                    .isInstanceOf(CopKitException.class);
            JdbcStorage.builder().dataSource(ds).build().close();
            assertThat(Migrations.upToDate(ds, schema)).isTrue();
            exec(ds, "UPDATE \"copkit\".\"copkit_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '5'");
            assertThat(Migrations.upToDate(ds, schema)).isFalse();
        }
    }
}
