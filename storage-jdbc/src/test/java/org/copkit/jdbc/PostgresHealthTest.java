package org.copkit.jdbc;

import org.copkit.spi.Storage;
import org.copkit.testkit.HealthContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The health contract on PostgreSQL, in a random schema dropped after the class (see {@link ReusedSchema}). */
class PostgresHealthTest extends HealthContract {
    private static final Postgres POSTGRES = new Postgres();
    private static ReusedSchema database;

    @BeforeAll
    static void requirePostgres() {
        Postgres.require();
        database = ReusedSchema.postgres(POSTGRES);
    }

    @AfterAll
    static void dropSchemas() {
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            POSTGRES.dropAll();
        }
    }

    @Override
    protected Storage newStorage() {
        return database.newStorage();
    }
}
