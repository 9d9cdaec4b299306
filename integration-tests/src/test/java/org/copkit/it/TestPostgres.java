package org.copkit.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The test PostgreSQL server (127.0.0.1:5432, database {@code test}, user {@code postgres}, trust auth;
 * override with {@code -Dcopkit.test.postgres.url/user/password}), as storage-jdbc's tests use it: when it is
 * unreachable, tests fail if the environment variable {@code CI} is set and are skipped with a message
 * otherwise. Every test works in a fresh schema with a random name and drops it.
 */
final class TestPostgres {
    static final String URL = System.getProperty("copkit.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("copkit.test.postgres.user", "postgres");
    static final String PASSWORD = System.getProperty("copkit.test.postgres.password", "");

    private TestPostgres() {}

    /** Fails (in CI) or skips the calling test when the server cannot be reached. */
    static void require() {
        try (Connection c = connect()) {
            c.isValid(2);
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at " + URL + " as " + USER + " (" + e.getMessage() + ")";
            if (System.getenv("CI") != null) {
                throw new AssertionError(message + "; CI is set, so the PostgreSQL tests must run", e);
            }
            Assumptions.abort(message + "; skipping the PostgreSQL tests (they run when CI is set)");
        }
    }

    static Connection connect() throws SQLException {
        DriverManager.setLoginTimeout(3);
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    /** @return a fresh schema name */
    static String newSchema() {
        return "copkit_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    static void drop(String schema) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        } catch (SQLException e) {
            throw new AssertionError("cannot drop test schema " + schema, e);
        }
    }
}
