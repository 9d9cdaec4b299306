package org.copkit.examples.portal;

import org.copkit.CopKit;
import org.copkit.jdbc.JdbcStorage;
import org.copkit.lucene.LuceneSearchIndex;

/**
 * Builds the portal's {@link CopKit} from its configuration: storage, search index and clock. This is the
 * one place that picks the backends.
 */
public final class PortalWiring {
    private PortalWiring() {}

    /**
     * Builds the kit.
     *
     * @param config the configuration; never null
     * @param clock the clock (a {@link DemoClock} so the demo loader can replay history); never null
     * @return a started kit; the caller closes it
     */
    public static CopKit open(PortalConfig config, DemoClock clock) {
        CopKit.Builder builder = CopKit.builder().clock(clock);
        storage(builder, config, clock);
        searchIndex(builder, config);
        return builder.build();
    }

    /**
     * Chooses the storage: the embedded H2 file database under the data directory (created on first
     * start), PostgreSQL, or in-memory storage.
     */
    static void storage(CopKit.Builder builder, PortalConfig config, DemoClock clock) {
        switch (config.storage()) {
            case H2 -> builder.storage(JdbcStorage.builder().h2(config.dataDirectory().resolve("copkit"))
                    .clock(clock).build());
            case POSTGRES -> builder.storage(JdbcStorage.builder().postgres(config.jdbcUrl().orElseThrow(),
                    config.jdbcUser(), config.jdbcPassword()).clock(clock).build());
            case MEMORY -> {
                // in-memory storage (the builder's default)
            }
        }
    }

    /**
     * Chooses the search index: Lucene on disk under the data directory next to durable storage (it
     * catches up from the storage's change feed on start), Lucene in memory next to in-memory storage.
     */
    static void searchIndex(CopKit.Builder builder, PortalConfig config) {
        builder.search(config.storage() == PortalConfig.StorageKind.MEMORY ? LuceneSearchIndex.inMemory()
                : LuceneSearchIndex.open(config.dataDirectory().resolve("index")));
    }
}
