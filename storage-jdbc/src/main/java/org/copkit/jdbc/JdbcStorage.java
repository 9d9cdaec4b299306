package org.copkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.sql.DataSource;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.spi.ChangeFeed;
import org.copkit.spi.Storage;
import org.copkit.spi.Transaction;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Durable {@link Storage} on H2 (embedded) or PostgreSQL, through Jdbi 3, with its tables in one
 * database schema (default {@value #DEFAULT_SCHEMA}) created and upgraded by Flyway migrations.
 *
 * <pre>{@code
 * Storage storage = JdbcStorage.h2(Path.of("data/copkit"));               // embedded, zero set-up
 * Storage shared = JdbcStorage.of(hostDataSource);                         // a pool the host manages
 * Storage pg = JdbcStorage.postgres("jdbc:postgresql://db/intranet", "copkit", secret);
 * }</pre>
 *
 * <p>Each {@link #write} is one database transaction: its rows, activities and change-feed entries
 * commit together or not at all; any exception thrown by the work rolls it back and propagates
 * unchanged. Reads run in a repeatable-read transaction. Updates are optimistic
 * ({@code WHERE version = stored}); duplicate keys and stale versions raise
 * {@link org.copkit.ConflictException}; other SQL failures surface as {@link CopKitException} with
 * {@link ErrorCode#STORAGE}, the {@link java.sql.SQLException} kept as cause; such a failure (a full disk, a
 * dropped connection, a restarted server) fails only its own call: a connection left inside the failed
 * transaction or closed under the storage is discarded, not pooled, so the next call works as soon as the
 * database does (see {@code docs/storage-jdbc.md}, "Failures and recovery"). The change feed never
 * skips a late-committing change: sequence numbers are allocated at commit time in commit order.
 * On H2 write transactions run one at a time per database (reads stay concurrent).
 *
 * <p>Thread-safe. Close it on shut-down: that closes the pools it created (never a host's
 * {@link DataSource}).
 */
public final class JdbcStorage implements Storage {
    /** The schema used unless {@link Builder#schema} says otherwise. */
    public static final String DEFAULT_SCHEMA = "copkit";

    /** What to do with the schema on start. */
    public enum MigrationMode {
        /** Create the schema if missing and apply pending migrations (the default). */
        MIGRATE,
        /**
         * Only check that the schema is at the version this code needs, unchanged; for hosts that run
         * migrations themselves. A mismatch fails {@link Builder#build()} with {@link ErrorCode#CONFIGURATION}.
         */
        VALIDATE
    }

    private final Jdbi jdbi;
    private final Schema schema;
    private final Clock clock;
    private final AutoCloseable owned;
    private final String description;
    private final JdbcChangeFeed changes;
    /** On H2: one write transaction at a time per database; null on PostgreSQL. */
    private final H2WriteLock writeLock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JdbcStorage(Jdbi jdbi, Schema schema, Clock clock, AutoCloseable owned, String description,
            H2WriteLock writeLock, PgCommitListener.Connector listenerConnections) {
        this.jdbi = jdbi;
        this.schema = schema;
        this.clock = clock;
        this.owned = owned;
        this.description = description;
        this.changes = new JdbcChangeFeed(jdbi, schema, listenerConnections);
        this.writeLock = writeLock;
    }

    /**
     * An embedded H2 database in files under {@code directory} (created on first use, with the
     * schema migrated). Only one process may open it at a time.
     *
     * @param directory where the database files live
     * @return the storage; close it on shut-down
     * @throws CopKitException STORAGE when the database cannot be opened or migrated
     */
    public static JdbcStorage h2(Path directory) {
        return builder().h2(directory).build();
    }

    /**
     * A private in-memory H2 database that lives until {@link #close()}; for tests and demos.
     *
     * @param name the database name, unique per JVM (another storage with the same name while this
     *     one is open shares its data)
     * @return the storage
     */
    public static JdbcStorage h2InMemory(String name) {
        return builder().h2InMemory(name).build();
    }

    /**
     * Storage on a pool the host manages (H2 or PostgreSQL), in schema {@value #DEFAULT_SCHEMA},
     * migrated on start. {@link #close()} does not close the data source.
     *
     * @param dataSource the host's data source
     * @return the storage
     */
    public static JdbcStorage of(DataSource dataSource) {
        return builder().dataSource(dataSource).build();
    }

    /**
     * Storage on PostgreSQL with a HikariCP pool (10 connections) that this storage owns and closes.
     *
     * @param jdbcUrl e.g. {@code jdbc:postgresql://localhost:5432/intranet}
     * @param user the database user
     * @param password its password, may be empty
     * @return the storage
     */
    public static JdbcStorage postgres(String jdbcUrl, String user, String password) {
        return builder().postgres(jdbcUrl, user, password).build();
    }

    /** @return a builder for the other options (schema, migration mode, clock) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Applies CoPKit's pending migrations to {@code schema} (creating it when missing), as
     * {@link MigrationMode#MIGRATE} does on start; for hosts that migrate in a deployment step and run
     * their storages in {@link MigrationMode#VALIDATE}.
     *
     * @param dataSource an H2 or PostgreSQL data source; not closed
     * @param schema the schema name, a lower-case SQL identifier
     * @throws CopKitException STORAGE when a migration fails, CONFIGURATION for an unsupported database
     */
    public static void migrate(DataSource dataSource, String schema) {
        Objects.requireNonNull(dataSource, "dataSource");
        Migrations.migrate(dataSource, new Schema(schema, Dialect.of(dataSource)));
    }

    /** @return the schema holding the tables */
    public String schema() {
        return schema.name();
    }

    @Override
    public <T> T read(Function<Transaction, T> work) {
        Objects.requireNonNull(work, "work");
        checkOpen();
        try {
            return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ,
                    h -> work.apply(new JdbcTransaction(new Db(h, schema), false, clock)));
        } catch (JdbiException e) {
            throw Db.translate(e, "read transaction");
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>On H2 the write transactions of all storages on one database in this JVM run one at a time,
     * first come, first served (see {@code docs/storage-jdbc.md}); a thread interrupted while waiting
     * gets a {@link CopKitException} with {@link ErrorCode#STORAGE}. On PostgreSQL they run concurrently.
     */
    @Override
    public <T> T write(Function<Transaction, T> work) {
        Objects.requireNonNull(work, "work");
        checkOpen();
        if (writeLock == null) {
            return retryingTransient(work);
        }
        writeLock.lock();
        try {
            return writeTransaction(work);
        } finally {
            writeLock.unlock();
        }
    }

    /** Attempts of a write on PostgreSQL that the database aborts as a deadlock or serialization failure. */
    static final int MAX_ATTEMPTS = 5;

    /**
     * Runs the write again (after a short random pause that grows with each attempt) when PostgreSQL
     * aborted it because of another transaction; the last attempt's failure reaches the caller.
     */
    private <T> T retryingTransient(Function<Transaction, T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return writeTransaction(work);
            } catch (TransientConflictException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 5L << attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private <T> T writeTransaction(Function<Transaction, T> work) {
        try {
            return jdbi.inTransaction(h -> {
                JdbcTransaction tx = new JdbcTransaction(new Db(h, schema), true, clock, changes.notifySql());
                T result = work.apply(tx);
                tx.flushChanges(clock.instant());
                tx.db().flush();
                return result;
            });
        } catch (JdbiException e) {
            throw Db.translate(e, "write transaction");
        }
    }

    @Override
    public ChangeFeed changes() {
        return changes;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (writeLock != null) {
            writeLock.release();
        }
        changes.close();
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new CopKitException(ErrorCode.STORAGE, "closing " + description + " failed", e);
            }
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    @Override
    public String toString() {
        return "JdbcStorage[" + description + ", schema " + schema.name() + "]";
    }

    /** Where the connections come from. */
    private interface Source {
        /** Opens the data source; the closeable (may be null) is closed with the storage. */
        Opened open(String schema);

        String describe();
    }

    private record Opened(DataSource dataSource, AutoCloseable owned) {}

    /**
     * Builds a {@link JdbcStorage}. Exactly one connection source must be set (h2, h2InMemory,
     * dataSource or postgres); each option may be set once. Not thread-safe.
     */
    public static final class Builder {
        private Source source;
        private String schema;
        private MigrationMode migrationMode;
        private Clock clock;

        private Builder() {}

        private Builder source(Source s) {
            if (source != null) {
                throw new IllegalStateException("the connection source was already set to " + source.describe());
            }
            source = s;
            return this;
        }

        /**
         * @param directory directory of an embedded H2 file database (created when missing)
         * @return this builder
         */
        public Builder h2(Path directory) {
            Path dir = Objects.requireNonNull(directory, "directory").toAbsolutePath();
            return source(new Source() {
                @Override
                public Opened open(String schema) {
                    try {
                        Files.createDirectories(dir);
                    } catch (IOException e) {
                        throw new CopKitException(ErrorCode.STORAGE, "cannot create database directory " + dir, e);
                    }
                    // WRITE_DELAY=0: a commit is written to the file before it returns, so a killed process
                    // loses no committed transaction
                    return hikari("jdbc:h2:file:" + dir.resolve("copkit") + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000",
                            "", "", schema);
                }

                @Override
                public String describe() {
                    return "H2 file database in " + dir;
                }
            });
        }

        /**
         * @param name name of a private in-memory H2 database, alive until the storage is closed
         * @return this builder
         */
        public Builder h2InMemory(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.contains(";") || name.contains("/")) {
                throw new CopKitException(ErrorCode.CONFIGURATION,
                        "h2InMemory name must be non-blank without ';' or '/' but was '" + name + "'");
            }
            return source(new Source() {
                @Override
                public Opened open(String schema) {
                    String url = "jdbc:h2:mem:" + name + ";LOCK_TIMEOUT=10000";
                    Connection keepAlive;
                    try {
                        keepAlive = DriverManager.getConnection(url);
                    } catch (SQLException e) {
                        throw new CopKitException(ErrorCode.STORAGE, "cannot open " + describe(), e);
                    }
                    Opened pool = hikari(url, "", "", schema);
                    return new Opened(pool.dataSource(), () -> {
                        try (keepAlive) {
                            pool.owned().close();
                        }
                    });
                }

                @Override
                public String describe() {
                    return "H2 in-memory database " + name;
                }
            });
        }

        /**
         * @param dataSource a host-managed H2 or PostgreSQL data source; never closed by the storage
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource) {
            Objects.requireNonNull(dataSource, "dataSource");
            return source(new Source() {
                @Override
                public Opened open(String schema) {
                    return new Opened(dataSource, null);
                }

                @Override
                public String describe() {
                    return "host data source " + dataSource;
                }
            });
        }

        /**
         * @param jdbcUrl a {@code jdbc:postgresql:} URL
         * @param user the user
         * @param password the password, may be empty
         * @return this builder
         */
        public Builder postgres(String jdbcUrl, String user, String password) {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new CopKitException(ErrorCode.CONFIGURATION,
                        "postgres jdbcUrl must start with jdbc:postgresql: but was '" + jdbcUrl + "'");
            }
            return source(new Source() {
                @Override
                public Opened open(String schema) {
                    return hikari(jdbcUrl, user, password, schema);
                }

                @Override
                public String describe() {
                    return "PostgreSQL " + jdbcUrl;
                }
            });
        }

        /**
         * @param schema the schema holding CoPKit's tables, a lower-case SQL identifier; default
         *     {@value JdbcStorage#DEFAULT_SCHEMA}
         * @return this builder
         */
        public Builder schema(String schema) {
            if (this.schema != null) {
                throw new IllegalStateException("schema was already set to " + this.schema);
            }
            this.schema = Schema.check(schema);
            return this;
        }

        /**
         * @param mode {@link MigrationMode#MIGRATE} (default) or {@link MigrationMode#VALIDATE}
         * @return this builder
         */
        public Builder migrationMode(MigrationMode mode) {
            if (this.migrationMode != null) {
                throw new IllegalStateException("migrationMode was already set to " + this.migrationMode);
            }
            this.migrationMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * @param clock the clock for change-feed timestamps; default the system UTC clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            if (this.clock != null) {
                throw new IllegalStateException("clock was already set to " + this.clock);
            }
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Connects, then migrates or validates the schema.
         *
         * @return the storage
         * @throws CopKitException CONFIGURATION when no source was set, the database is not supported or
         *     (in VALIDATE mode) the schema is not at the expected version; STORAGE when the database
         *     cannot be reached or migrated
         */
        public JdbcStorage build() {
            if (source == null) {
                throw new CopKitException(ErrorCode.CONFIGURATION,
                        "no connection source: call h2(path), h2InMemory(name), dataSource(ds) or postgres(url, user, password)");
            }
            String schemaName = schema != null ? schema : DEFAULT_SCHEMA;
            Opened opened = source.open(schemaName);
            try {
                Schema s = new Schema(schemaName, Dialect.of(opened.dataSource()));
                if (migrationMode == MigrationMode.VALIDATE) {
                    Migrations.validate(opened.dataSource(), s);
                } else {
                    Migrations.migrate(opened.dataSource(), s);
                }
                return new JdbcStorage(Jdbi.create(new CleanConnections(opened.dataSource())), s,
                        clock != null ? clock : Clock.systemUTC(), opened.owned(), source.describe(),
                        s.dialect() == Dialect.H2 ? H2WriteLock.acquire(opened.dataSource()) : null,
                        listenerConnections(opened, schemaName));
            } catch (RuntimeException e) {
                if (opened.owned() != null) {
                    try {
                        opened.owned().close();
                    } catch (Exception suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }

        /**
         * Where a commit listener gets its connection: from a pool this storage created, a connection of its
         * own beside the pool (the pool keeps all its connections for work); from a host's data source, one
         * connection of that pool, held while the listener runs.
         */
        private static PgCommitListener.Connector listenerConnections(Opened opened, String schema) {
            if (opened.owned() instanceof HikariDataSource pool) {
                return () -> {
                    java.util.Properties p = new java.util.Properties();
                    p.setProperty("user", pool.getUsername());
                    p.setProperty("password", pool.getPassword() == null ? "" : pool.getPassword());
                    p.setProperty("ApplicationName", "copkit-listen-" + schema);
                    return DriverManager.getConnection(pool.getJdbcUrl(), p);
                };
            }
            DataSource ds = opened.dataSource();
            return ds::getConnection;
        }

        private static Opened hikari(String url, String user, String password, String schema) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(10);
            if (url.startsWith("jdbc:h2:")) {
                // an embedded connection costs microseconds: open them on demand instead of ten at start,
                // which on a cold JVM competes with the start-up for the CPU
                config.setMinimumIdle(1);
            }
            config.setPoolName("copkit-" + schema);
            try {
                HikariDataSource ds = new HikariDataSource(config);
                return new Opened(ds, ds);
            } catch (RuntimeException e) {
                throw new CopKitException(ErrorCode.STORAGE, "cannot connect to " + url + ": " + e.getMessage(), e);
            }
        }
    }
}
