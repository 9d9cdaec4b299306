package org.copkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.function.Supplier;

/** HikariCP pools for the failure tests. */
final class Pools {
    private static final String ALIVE_BYPASS = "com.zaxxer.hikari.aliveBypassWindowMs";

    private Pools() {}

    /** @return a pool as {@link #unchecked(Supplier)} describes */
    static HikariDataSource unchecked(HikariConfig config) {
        return unchecked(() -> new HikariDataSource(config));
    }

    /**
     * Runs {@code build} so that the HikariCP pools it creates hand out their idle connections without checking
     * them first. HikariCP checks a connection only when it was idle for more than 500 ms, so under load it
     * hands out a dead connection just the same; these pools do so always, which makes a test that kills
     * connections deterministic: whatever recovers, it is the storage, not the pool's check.
     */
    static <T> T unchecked(Supplier<T> build) {
        synchronized (Pools.class) {
            String before = System.getProperty(ALIVE_BYPASS);
            System.setProperty(ALIVE_BYPASS, String.valueOf(24L * 3600 * 1000));
            try {
                return build.get();
            } finally {
                if (before == null) {
                    System.clearProperty(ALIVE_BYPASS);
                } else {
                    System.setProperty(ALIVE_BYPASS, before);
                }
            }
        }
    }
}
