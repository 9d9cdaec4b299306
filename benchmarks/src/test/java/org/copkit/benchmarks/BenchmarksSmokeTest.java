package org.copkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs every benchmark method once with tiny sizes, outside JMH, to prove it works (the benchmarks
 * themselves never run during the build). PostgreSQL cases are skipped when no server answers at
 * {@value BenchDatabase#DEFAULT_POSTGRES_URL}.
 */
class BenchmarksSmokeTest {
    private static void assumeReachable(String db) {
        if (db.equals("postgres")) {
            try (Connection c = DriverManager.getConnection(BenchDatabase.postgresUrl(), BenchDatabase.postgresUser(),
                    "")) {
                assertThat(c.isValid(2)).isTrue();
            } catch (SQLException e) {
                Assumptions.abort("PostgreSQL is not reachable at " + BenchDatabase.postgresUrl() + ": " + e.getMessage());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void bulkImport_bothSidesWriteEveryItem(String db) throws SQLException {
        assumeReachable(db);
        BulkImportBenchmark b = new BulkImportBenchmark();
        b.db = db;
        b.items = 25;
        b.batch = 10;
        b.openDatabase();
        try {
            b.freshSchema();
            assertThat(b.copkit()).isEqualTo(25);
            b.dropSchema();
            b.freshSchema();
            assertThat(b.rawJdbc()).isEqualTo(25);
            b.dropSchema();
        } finally {
            b.closeDatabase();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void createItem_bothSidesWriteOneItem(String db) throws SQLException {
        assumeReachable(db);
        CreateItemBenchmark b = new CreateItemBenchmark();
        b.db = db;
        b.openDatabase();
        try {
            assertThat(b.copkit().version()).isEqualTo(1);
            b.rawJdbc();
        } finally {
            b.closeDatabase();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void coldStart_opensAPreparedDatabase(String db) throws Exception {
        assumeReachable(db);
        ColdStartBenchmark b = new ColdStartBenchmark();
        b.db = db;
        b.prepare();
        try {
            assertThat(b.openAndBuild()).isNotNull();
        } finally {
            b.cleanUp();
        }
    }
}
