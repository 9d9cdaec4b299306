package org.copkit.jdbc;

import java.nio.file.Path;
import org.copkit.spi.Storage;
import org.copkit.testkit.ConcurrencyContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The concurrency contract on an embedded H2 file database, with two storages (two pools) on it. */
class H2FileConcurrencyTest extends ConcurrencyContract {
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

    @Override
    protected Storage secondNode(Storage first) {
        return database.secondNode();
    }
}
