package org.copkit.examples.portal;

import org.copkit.CopKit;

/**
 * Starts the intranet portal: {@code mvn -q -pl examples/intranet-portal -am test-compile exec:java}. See
 * {@link PortalConfig} for the options (port, data directory, storage).
 */
public final class PortalMain {
    private PortalMain() {}

    /**
     * @param args {@code --port=8080}, {@code --storage=h2|postgres|memory}, {@code --data=./data}, ...
     */
    public static void main(String[] args) {
        PortalConfig config = PortalConfig.from(args);
        DemoClock clock = DemoClock.system();
        CopKit kit = PortalWiring.open(config, clock);
        boolean loaded = config.demo() && DemoData.loadIfEmpty(kit, clock);
        PortalServer server = PortalServer.start(kit, config.port());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            kit.close();
        }, "portal-shutdown"));
        System.out.printf("CoPKit intranet portal%s: open http://localhost:%d (storage: %s; stop with Ctrl+C)%n",
                loaded ? " with demo data" : "", server.port(), config.storage().name().toLowerCase(java.util.Locale.ROOT));
    }
}
