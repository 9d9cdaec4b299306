package org.copkit.examples.portal;

import org.copkit.CopKit;

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
        storage(builder, config);
        searchIndex(builder, config);
        return builder.build();
    }

    /**
     * Chooses the storage. Storage-jdbc is not wired in yet on this branch: every kind runs on the
     * in-memory storage until JdbcStorage is merged (see docs/portal.md).
     */
    static void storage(CopKit.Builder builder, PortalConfig config) {
        switch (config.storage()) {
            case MEMORY, H2, POSTGRES -> {
                // in-memory storage (the builder's default)
            }
        }
    }

    /**
     * Chooses the search index: THE place to switch to Lucene. The default in-memory index is used for
     * now; with search-lucene this becomes
     * {@code builder.search(LuceneSearchIndex.open(config.dataDirectory().resolve("index")));}.
     */
    static void searchIndex(CopKit.Builder builder, PortalConfig config) {
        // in-memory search index (the builder's default)
    }
}
