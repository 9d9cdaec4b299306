package org.copkit.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.copkit.jdbc.JdbcStorage;

/**
 * The database a benchmark writes to: an H2 file database in a temporary directory (with the URL
 * {@code JdbcStorage.h2} uses) or the PostgreSQL server at {@value #DEFAULT_POSTGRES_URL} (override with
 * {@code -Dcopkit.bench.postgres.url=...}, user {@code -Dcopkit.bench.postgres.user}, default
 * {@code postgres}). One HikariCP pool per database, used by CoPKit ({@link JdbcStorage#builder()} with
 * that data source) and by the raw JDBC baseline alike. Every schema it creates is dropped again.
 */
final class BenchDatabase implements AutoCloseable {
    static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    final String kind;
    final HikariDataSource dataSource;
    private final Path directory;

    private BenchDatabase(String kind, HikariDataSource dataSource, Path directory) {
        this.kind = kind;
        this.dataSource = dataSource;
        this.directory = directory;
    }

    /** @param kind {@code h2} (file database) or {@code postgres} */
    static BenchDatabase open(String kind) {
        HikariConfig config = new HikariConfig();
        config.setMaximumPoolSize(4);
        Path dir = null;
        switch (kind) {
            case "h2" -> {
                try {
                    dir = Files.createTempDirectory("copkit-bench-h2");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                config.setJdbcUrl(h2Url(dir));
            }
            case "postgres" -> {
                config.setJdbcUrl(postgresUrl());
                config.setUsername(postgresUser());
                config.setPassword("");
            }
            default -> throw new IllegalArgumentException("db must be h2 or postgres but was " + kind);
        }
        return new BenchDatabase(kind, new HikariDataSource(config), dir);
    }

    /** The URL {@code JdbcStorage.h2(dir)} opens. */
    static String h2Url(Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("copkit") + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
    }

    static String postgresUrl() {
        return System.getProperty("copkit.bench.postgres.url", DEFAULT_POSTGRES_URL);
    }

    static String postgresUser() {
        return System.getProperty("copkit.bench.postgres.user", "postgres");
    }

    /** @return a new, unused schema name */
    static String newSchemaName(String purpose) {
        return ("bench_" + purpose + "_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet())
                .toLowerCase(Locale.ROOT);
    }

    /** @return storage on this database in the schema, migrated */
    JdbcStorage storage(String schema) {
        return JdbcStorage.builder().dataSource(dataSource).schema(schema).build();
    }

    DataSource dataSource() {
        return dataSource;
    }

    void dropSchema(String schema) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop schema " + schema, e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
        if (directory != null) {
            deleteTree(directory);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
