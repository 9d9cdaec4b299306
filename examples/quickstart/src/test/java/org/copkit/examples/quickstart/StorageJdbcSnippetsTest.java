package org.copkit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.copkit.CopKit;
import org.copkit.jdbc.JdbcStorage;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the code of docs/storage-jdbc.md (PostgreSQL parts only where the server runs). */
class StorageJdbcSnippetsTest {
    @TempDir
    Path dir;

    @Test
    void embeddedH2() {
        Path dataDirectory = dir.resolve("data");
        // SNIPPET docs/storage-jdbc.md
        try (CopKit kit = CopKit.builder()
                .storage(JdbcStorage.h2(dataDirectory))   // files under dataDirectory, created on first use
                .build()) {
            application(kit);   // kit.system(), kit.as(member) ... as with the in-memory storage
        }
        // END SNIPPET
        assertThat(dataDirectory.resolve("copkit.mv.db")).exists();
    }

    private static void application(CopKit kit) {
        assertThat(kit).isNotNull();
    }

    @Test
    void hostDataSourceAndValidateMode() {
        JdbcDataSource hostPool = new JdbcDataSource();
        hostPool.setURL("jdbc:h2:mem:docs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        DataSource dataSource = hostPool;
        // SNIPPET docs/storage-jdbc.md
        // in the deployment step (or a Flyway set-up of your own, see below)
        JdbcStorage.migrate(dataSource, "copkit");

        // in the application: tables in schema "copkit" of the host's database, never migrated here
        JdbcStorage storage = JdbcStorage.builder()
                .dataSource(dataSource)
                .schema("copkit")
                .migrationMode(JdbcStorage.MigrationMode.VALIDATE)
                .build();
        // END SNIPPET
        storage.close();
    }

    @Test
    void postgres() {
        String url = "jdbc:postgresql://127.0.0.1:5432/test";
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            c.isValid(1);
        } catch (SQLException e) {
            org.junit.jupiter.api.Assumptions.abort("PostgreSQL not reachable: " + e.getMessage());
        }
        String schema = "docs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String password = "";
        // SNIPPET docs/storage-jdbc.md
        JdbcStorage storage = JdbcStorage.builder()
                .postgres("jdbc:postgresql://127.0.0.1:5432/test", "postgres", password)  // HikariCP pool, closed with the storage
                .schema(schema)                                                          // default "copkit"
                .build();
        // END SNIPPET
        storage.close();
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
