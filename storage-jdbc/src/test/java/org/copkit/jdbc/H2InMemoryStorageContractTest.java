package org.copkit.jdbc;

import org.copkit.spi.Storage;
import org.copkit.testkit.StorageContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The storage contract on a private in-memory H2 database, migrated once for the class; each test
 * gets a fresh, empty storage on it (see {@link ReusedSchema}).
 */
class H2InMemoryStorageContractTest extends StorageContract {
    private static ReusedSchema database;

    @BeforeAll
    static void openDatabase() {
        database = ReusedSchema.h2InMemory();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Override
    protected Storage newStorage() {
        return database.newStorage();
    }
}
