package org.copkit.jdbc;

import java.nio.file.Path;
import java.util.UUID;
import org.copkit.spi.Storage;
import org.copkit.testkit.StorageContract;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on an embedded H2 file database in a temporary directory per test. */
class H2FileStorageContractTest extends StorageContract {
    @TempDir
    Path directory;

    @Override
    protected Storage newStorage() {
        return JdbcStorage.h2(directory.resolve(UUID.randomUUID().toString()));
    }
}
