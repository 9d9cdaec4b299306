package org.copkit.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The test PostgreSQL server (127.0.0.1:5432, database {@code test}, user {@code postgres}, trust
 * auth). When it is unreachable, tests fail if the environment variable {@code CI} is set and are
 * skipped with a message otherwise. Each user makes fresh schemas with random names and drops them.
 */
final class Postgres {
    static final String URL = System.getProperty("copkit.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("copkit.test.postgres.user", "postgres");
    static final String PASSWORD = System.getProperty("copkit.test.postgres.password", "");

    private final List<String> schemas = new ArrayList<>();

    /** Fails (in CI) or skips the calling test when the server cannot be reached. */
    static void require() {
        try (Connection c = connect()) {
            c.isValid(2);
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at " + URL + " as " + USER + " (" + e.getMessage() + ")";
            if (System.getenv("CI") != null) {
                throw new AssertionError(message + "; CI is set, so the PostgreSQL tests must run. Start it with "
                        + "pg_ctlcluster <version> main start", e);
            }
            Assumptions.abort(message + "; skipping the PostgreSQL tests (they run when CI is set)");
        }
    }

    static Connection connect() throws SQLException {
        DriverManager.setLoginTimeout(3);
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    /** @return a fresh schema name, dropped by {@link #dropAll()} */
    String newSchema() {
        String name = "copkit_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        schemas.add(name);
        return name;
    }

    /** @return a storage in a fresh schema with its own pool */
    JdbcStorage newStorage() {
        return JdbcStorage.builder().postgres(URL, USER, PASSWORD).schema(newSchema()).build();
    }

    void dropAll() {
        if (schemas.isEmpty()) {
            return;
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String schema : schemas) {
                s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            }
            schemas.clear();
        } catch (SQLException e) {
            throw new AssertionError("cannot drop test schemas " + schemas, e);
        }
    }
}
