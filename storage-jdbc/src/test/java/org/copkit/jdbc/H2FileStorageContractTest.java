package org.copkit.jdbc;

import java.nio.file.Path;
import org.copkit.spi.Storage;
import org.copkit.testkit.StorageContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage contract on an embedded H2 file database in a temporary directory, migrated once for the
 * class; each test gets a fresh, empty storage on it (see {@link ReusedSchema}).
 */
class H2FileStorageContractTest extends StorageContract {
    @TempDir
    static Path directory;

    private static ReusedSchema database;

    @BeforeAll
    static void openDatabase() {
        database = ReusedSchema.h2File(directory);
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
