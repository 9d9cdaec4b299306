package org.copkit.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ValidateResult;

/** Runs or checks CoPKit's Flyway migrations ({@code classpath:db/copkit}) in the CoPKit schema. */
final class Migrations {
    static final String LOCATION = "classpath:db/copkit";
    static final String HISTORY_TABLE = "copkit_schema_history";

    private Migrations() {}

    static FluentConfiguration configure(DataSource dataSource, Schema schema) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(schema.name())
                .defaultSchema(schema.name())
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                .placeholders(schema.dialect().placeholders())
                .failOnMissingLocations(true);
    }

    static void migrate(DataSource dataSource, Schema schema) {
        if (upToDate(dataSource, schema)) {
            return;
        }
        try {
            configure(dataSource, schema).load().migrate();
        } catch (FlywayException e) {
            throw new CopKitException(ErrorCode.STORAGE, "migrating schema '" + schema.name() + "' failed: "
                    + e.getMessage(), e);
        }
    }

    /** Fails with {@link ErrorCode#CONFIGURATION} unless the schema is at the latest version, unchanged. */
    static void validate(DataSource dataSource, Schema schema) {
        if (upToDate(dataSource, schema)) {
            return;
        }
        try {
            Flyway flyway = configure(dataSource, schema).createSchemas(false).load();
            MigrationInfoService info = flyway.info();
            MigrationVersion latest = Arrays.stream(info.all()).map(MigrationInfo::getVersion)
                    .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(MigrationVersion.EMPTY);
            MigrationInfo current = info.current();
            if (current == null || info.pending().length > 0) {
                throw new CopKitException(ErrorCode.CONFIGURATION, "schema '" + schema.name() + "' is at version "
                        + (current == null ? "none (no " + HISTORY_TABLE + " or no migration applied)"
                                : current.getVersion().getVersion())
                        + " but this CoPKit needs version " + latest.getVersion() + "; run its migrations ("
                        + "JdbcStorage.migrate(dataSource, \"" + schema.name() + "\") or MigrationMode.MIGRATE)");
            }
            ValidateResult result = flyway.validateWithResult();
            if (!result.validationSuccessful) {
                throw new CopKitException(ErrorCode.CONFIGURATION, "schema '" + schema.name()
                        + "' does not match CoPKit's migrations: " + result.getAllErrorMessages());
            }
        } catch (FlywayException e) {
            throw new CopKitException(ErrorCode.CONFIGURATION, "cannot validate schema '" + schema.name() + "': "
                    + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // fast path: a schema already at the newest version, unchanged, needs no Flyway at all

    /**
     * The versioned migrations of {@link #LOCATION}, oldest first. {@code MigrationsFastPathTest} fails
     * when this list and the directory differ; a stale list only costs speed (Flyway then runs).
     */
    static final List<String> FILES = List.of("V1__core_aggregates.sql", "V2__community_life.sql",
            "V3__onboarding_and_digests.sql", "V4__health_aggregates.sql", "V5__digest_reads.sql");

    /**
     * True when the history table records exactly the migrations of {@link #FILES} (same versions, all
     * successful, same checksums as Flyway computes them) and nothing else but Flyway's markers of the
     * schema and table it created: then both modes have nothing to do and Flyway's classpath scan and validation are skipped.
     * One query; any doubt (no table, another row, a failed or changed migration, an unreadable
     * resource, any SQL error) answers false and lets Flyway decide, with its usual errors.
     */
    static boolean upToDate(DataSource dataSource, Schema schema) {
        List<String> expected = new ArrayList<>();
        for (String file : FILES) {
            Integer checksum = checksum(file);
            if (checksum == null) {
                return false;
            }
            expected.add(file.substring(1, file.indexOf("__")) + ":" + checksum);
        }
        List<String> applied = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT \"version\", \"checksum\", \"success\", \"type\" FROM "
                        + schema.t('"' + HISTORY_TABLE + '"') + " ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                String version = rs.getString(1);
                int checksum = rs.getInt(2);
                boolean noChecksum = rs.wasNull();
                boolean success = rs.getBoolean(3);
                String type = rs.getString(4);
                if (version == null && ("SCHEMA".equals(type) || "TABLE".equals(type)) && success) {
                    continue;
                }
                if (version == null || noChecksum || !success || !"SQL".equals(type)) {
                    return false;
                }
                applied.add(version + ":" + checksum);
            }
        } catch (SQLException | RuntimeException e) {
            return false;
        }
        return applied.equals(expected);
    }

    /** Flyway's checksum of a SQL migration: CRC32 of its UTF-8 lines without line breaks and BOM; null when unreadable. */
    static Integer checksum(String file) {
        InputStream in = Migrations.class.getClassLoader().getResourceAsStream("db/copkit/" + file);
        if (in == null) {
            return null;
        }
        CRC32 crc = new CRC32();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean first = true;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (first && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                first = false;
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return null;
        }
        return (int) crc.getValue();
    }
}
