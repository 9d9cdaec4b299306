package org.copkit.examples.portal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How the portal is started: port, data directory and storage. Read from system properties first, then
 * from {@code --name=value} arguments (arguments win).
 *
 * <ul>
 *   <li>{@code portal.port} / {@code --port} (default 8080; 0 picks a free port)</li>
 *   <li>{@code portal.data} / {@code --data}: the data directory (default {@code ./data})</li>
 *   <li>{@code portal.storage} / {@code --storage}: {@code h2} (default: H2 file database under the data
 *       directory), {@code postgres}, or {@code memory} (nothing kept)</li>
 *   <li>{@code portal.jdbcUrl}, {@code portal.jdbcUser}, {@code portal.jdbcPassword}: the PostgreSQL
 *       connection for {@code postgres}</li>
 *   <li>{@code portal.demo} / {@code --demo}: {@code true} (default) loads the demo data when the store is empty</li>
 * </ul>
 *
 * @param port the HTTP port, 0 for any free port
 * @param dataDirectory where the H2 database and the search index live
 * @param storage which storage backend
 * @param jdbcUrl the PostgreSQL JDBC URL, when storage is postgres
 * @param jdbcUser the PostgreSQL user
 * @param jdbcPassword the PostgreSQL password
 * @param demo whether to load the demo data into an empty store
 */
public record PortalConfig(int port, Path dataDirectory, StorageKind storage, Optional<String> jdbcUrl,
        String jdbcUser, String jdbcPassword, boolean demo) {

    /** The storage backends the portal can run on. */
    public enum StorageKind {
        /** Embedded H2 file database under the data directory. */
        H2,
        /** PostgreSQL, with {@code portal.jdbcUrl}. */
        POSTGRES,
        /** In-memory storage: everything is lost when the portal stops. */
        MEMORY
    }

    /** Checks the values. */
    public PortalConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 but was " + port);
        }
        if (storage == StorageKind.POSTGRES && jdbcUrl.isEmpty()) {
            throw new IllegalArgumentException("storage postgres needs portal.jdbcUrl (for example "
                    + "jdbc:postgresql://127.0.0.1:5432/copkit)");
        }
    }

    /**
     * Reads the configuration.
     *
     * @param args {@code --name=value} arguments; never null
     * @return the configuration
     * @throws IllegalArgumentException for an unknown storage kind or a bad port
     */
    public static PortalConfig from(String[] args) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        for (String name : new String[] {"port", "data", "storage", "jdbcUrl", "jdbcUser", "jdbcPassword", "demo"}) {
            String v = System.getProperty("portal." + name);
            if (v != null) {
                values.put(name, v);
            }
        }
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("arguments look like --port=8080, not " + arg);
            }
            values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return new PortalConfig(Integer.parseInt(values.getOrDefault("port", "8080")),
                Path.of(values.getOrDefault("data", "data")),
                StorageKind.valueOf(values.getOrDefault("storage", "h2").toUpperCase(Locale.ROOT)),
                Optional.ofNullable(values.get("jdbcUrl")), values.getOrDefault("jdbcUser", "copkit"),
                values.getOrDefault("jdbcPassword", ""), Boolean.parseBoolean(values.getOrDefault("demo", "true")));
    }

    /**
     * An in-memory configuration (for tests).
     *
     * @param port the port, 0 for any free one
     * @return a configuration with in-memory storage and demo data
     */
    public static PortalConfig inMemory(int port) {
        return new PortalConfig(port, Path.of("data"), StorageKind.MEMORY, Optional.empty(), "", "", true);
    }
}
