package org.copkit.benchmarks.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs {@link TwoNodeLatency} for a few seconds at 10 writes/s (node A in a child JVM), to prove it works;
 * skipped when no PostgreSQL answers (the benchmark itself never runs in the build).
 */
class TwoNodeLatencySmokeTest {
    @Test
    @Timeout(180)
    void bothSidesFindTheWritesOfTheOtherNode() throws Exception {
        String url = System.getProperty("copkit.bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
        try (Connection c = DriverManager.getConnection(url, System.getProperty("copkit.bench.postgres.user",
                "postgres"), "")) {
            assertThat(c.isValid(2)).isTrue();
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL is not reachable at " + url + ": " + e.getMessage());
        }
        Map<String, double[]> samples = TwoNodeLatency.run(1, 3, 10, 20);
        assertThat(samples.get("notify")).isNotEmpty();
        assertThat(samples.get("poll")).isNotEmpty();
        assertThat(samples.get("A write")).isNotEmpty();
    }
}
