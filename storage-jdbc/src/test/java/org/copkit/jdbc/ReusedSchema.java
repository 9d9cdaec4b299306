package org.copkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One database schema per test class, migrated once; every {@link #newStorage()} first empties it
 * (every table but Flyway's history, the change head back to 0, the activity sequence restarted), so
 * each test starts on a fresh, empty storage without paying for Flyway and a new pool per test. The
 * storages use this class's pool as a host data source ({@code close()} leaves it open); {@link #close()}
 * closes the pool after the class.
 */
final class ReusedSchema implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final String schema;
    private final boolean h2;
    private List<String> tables;
    private Connection keepAlive;

    private final String url;
    private final String user;
    private final String password;
    /** The pool of {@link #secondNode()}, made on first use and closed with this one. */
    private HikariDataSource otherPool;

    private ReusedSchema(String url, String user, String password, String schema) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.dataSource = pool(url, user, password, "copkit-test-" + schema);
        this.schema = schema;
        this.h2 = url.startsWith("jdbc:h2:");
    }

    /**
     * A private in-memory H2 database, with the URL options of {@link JdbcStorage#h2InMemory}; a
     * connection outside the pool keeps it alive until {@link #close()}, as in {@code JdbcStorage}.
     */
    static ReusedSchema h2InMemory() {
        String url = "jdbc:h2:mem:contract-" + UUID.randomUUID() + ";LOCK_TIMEOUT=10000";
        try {
            Connection keepAlive = DriverManager.getConnection(url);
            ReusedSchema reused = new ReusedSchema(url, "", "", JdbcStorage.DEFAULT_SCHEMA);
            reused.keepAlive = keepAlive;
            return reused;
        } catch (SQLException e) {
            throw new AssertionError("cannot open " + url, e);
        }
    }

    /** An H2 file database in {@code directory}, with the URL options of {@link JdbcStorage#h2(Path)}. */
    static ReusedSchema h2File(Path directory) {
        return new ReusedSchema("jdbc:h2:file:" + directory.toAbsolutePath().resolve("copkit")
                + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000", "", "", JdbcStorage.DEFAULT_SCHEMA);
    }

    /** A fresh schema on the test PostgreSQL server, dropped by {@code postgres.dropAll()}. */
    static ReusedSchema postgres(Postgres postgres) {
        return new ReusedSchema(Postgres.URL, Postgres.USER, Postgres.PASSWORD, postgres.newSchema());
    }

    /** @return a storage on the emptied schema; closing it leaves the pool open */
    JdbcStorage newStorage() {
        if (tables == null) {
            JdbcStorage.migrate(dataSource, schema);
            tables = tables();
        } else {
            empty();
        }
        return JdbcStorage.builder().dataSource(dataSource).schema(schema)
                .migrationMode(JdbcStorage.MigrationMode.VALIDATE).build();
    }

    private static HikariDataSource pool(String url, String user, String password, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(10);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    /**
     * A storage on the same schema through a pool of its own, as a second application node opens it;
     * call after {@link #newStorage()}. Its pool is reused and closes with this object.
     */
    JdbcStorage secondNode() {
        if (otherPool == null) {
            otherPool = pool(url, user, password, "copkit-test-node2-" + schema);
        }
        return JdbcStorage.builder().dataSource(otherPool).schema(schema)
                .migrationMode(JdbcStorage.MigrationMode.VALIDATE).build();
    }

    private List<String> tables() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = ? AND table_type = 'BASE TABLE'")) {
            s.setString(1, schema);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (!lower.equals(Migrations.HISTORY_TABLE) && !lower.equals("change_head")) {
                        names.add("\"" + schema + "\".\"" + name + "\"");
                    }
                }
            }
            if (names.size() < 20) {
                throw new AssertionError("schema " + schema + " has only the tables " + names);
            }
            return names;
        } catch (SQLException e) {
            throw new AssertionError("cannot list the tables of " + schema, e);
        }
    }

    /**
     * Deletes every row in one transaction: on the few rows a test leaves, DELETE is far cheaper than
     * TRUNCATE (which on PostgreSQL creates and syncs new files for every table).
     */
    private void empty() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                for (String table : tables) {
                    s.addBatch("DELETE FROM " + table);
                }
                s.addBatch("UPDATE \"" + schema + "\".change_head SET last_seq = 0 WHERE id = 1");
                s.addBatch(h2 ? "ALTER TABLE \"" + schema + "\".activities ALTER COLUMN seq RESTART WITH 1"
                        : "SELECT setval(pg_get_serial_sequence('\"" + schema + "\".activities', 'seq'), 1, false)");
                s.executeBatch();
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot empty schema " + schema, e);
        }
    }

    @Override
    public void close() {
        if (otherPool != null) {
            otherPool.close();
        }
        dataSource.close();
        if (keepAlive != null) {
            try {
                keepAlive.close();
            } catch (SQLException e) {
                throw new AssertionError("cannot close the in-memory database", e);
            }
        }
    }
}
