package org.copkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** HikariCP pools for the failure tests. */
final class Pools {
    private static final String ALIVE_BYPASS = "com.zaxxer.hikari.aliveBypassWindowMs";

    private Pools() {}

    /**
     * A pool that hands out its idle connections without checking them first. HikariCP checks a connection
     * only when it was idle for more than 500 ms, so under load a dead connection is handed out just the same;
     * this pool does so always, which makes a test that kills connections deterministic: whatever recovers, it
     * is the storage, not the pool's check.
     */
    static HikariDataSource unchecked(HikariConfig config) {
        synchronized (Pools.class) {
            String before = System.getProperty(ALIVE_BYPASS);
            System.setProperty(ALIVE_BYPASS, String.valueOf(24L * 3600 * 1000));
            try {
                return new HikariDataSource(config);
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
