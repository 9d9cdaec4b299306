package org.copkit.jdbc;

import org.copkit.spi.Storage;
import org.copkit.testkit.StorageContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The storage contract on PostgreSQL, a fresh schema per test, all dropped after the class. */
class PostgresStorageContractTest extends StorageContract {
    private static final Postgres POSTGRES = new Postgres();

    @BeforeAll
    static void requirePostgres() {
        Postgres.require();
    }

    @AfterAll
    static void dropSchemas() {
        POSTGRES.dropAll();
    }

    @Override
    protected Storage newStorage() {
        return POSTGRES.newStorage();
    }
}
