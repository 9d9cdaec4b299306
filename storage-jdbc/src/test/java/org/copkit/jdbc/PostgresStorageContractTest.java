package org.copkit.jdbc;

import org.copkit.spi.Storage;
import org.copkit.testkit.StorageContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The storage contract on PostgreSQL: one schema migrated once for the class, dropped after it; each
 * test gets a fresh, empty storage on it (see {@link ReusedSchema}).
 */
class PostgresStorageContractTest extends StorageContract {
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
