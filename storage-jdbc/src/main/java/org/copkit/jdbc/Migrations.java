package org.copkit.jdbc;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
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
        try {
            configure(dataSource, schema).load().migrate();
        } catch (FlywayException e) {
            throw new CopKitException(ErrorCode.STORAGE, "migrating schema '" + schema.name() + "' failed: "
                    + e.getMessage(), e);
        }
    }

    /** Fails with {@link ErrorCode#CONFIGURATION} unless the schema is at the latest version, unchanged. */
    static void validate(DataSource dataSource, Schema schema) {
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
}
