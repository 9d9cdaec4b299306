package org.copkit.jdbc;

import org.copkit.spi.Storage;
import org.copkit.testkit.HealthContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The health contract on a private in-memory H2 database (see {@link ReusedSchema}). */
class H2HealthTest extends HealthContract {
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
