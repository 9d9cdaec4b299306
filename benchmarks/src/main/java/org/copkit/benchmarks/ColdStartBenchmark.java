package org.copkit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.copkit.CopKit;
import org.copkit.jdbc.JdbcStorage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cold start: {@code JdbcStorage.h2(dir)} (or {@code JdbcStorage.postgres}) on a database whose
 * migrations are already applied, plus {@code CopKit.builder().storage(storage).build()} (default
 * in-memory search, which catches up with the small change feed). Each fork is a fresh JVM that has not
 * loaded H2, Flyway, Jdbi or CoPKit yet: the database is prepared by a child process, so the one
 * measured invocation per fork is a real first start.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(5)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class ColdStartBenchmark {
    /** {@code h2} (file database) or {@code postgres}. */
    @Param({"h2", "postgres"})
    public String db;

    private Path directory;
    private String schema;
    private CopKit kit;

    /** Creates and migrates the database in a child JVM. */
    @Setup(Level.Trial)
    public void prepare() throws IOException, InterruptedException {
        directory = Files.createTempDirectory("copkit-bench-cold");
        schema = BenchDatabase.newSchemaName("cold");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                PrepareColdStart.class.getName(), db, directory.toString(), schema)).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("preparing the database failed with exit code " + p.exitValue());
        }
    }

    /** Closes the kit, drops the schema and deletes the files. */
    @TearDown(Level.Trial)
    public void cleanUp() throws SQLException {
        if (kit != null) {
            kit.close();
        }
        if (db.equals("postgres")) {
            try (Connection c = DriverManager.getConnection(BenchDatabase.postgresUrl(), BenchDatabase.postgresUser(),
                    ""); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            }
        }
        BenchDatabase.deleteTree(directory);
    }

    /** @return the running kit */
    @Benchmark
    public CopKit openAndBuild() {
        JdbcStorage storage = open(db, directory, schema);
        kit = CopKit.builder().storage(storage).build();
        return kit;
    }

    static JdbcStorage open(String db, Path directory, String schema) {
        return db.equals("h2") ? JdbcStorage.builder().h2(directory).schema(schema).build()
                : JdbcStorage.builder().postgres(BenchDatabase.postgresUrl(), BenchDatabase.postgresUser(), "")
                        .schema(schema).build();
    }
}
