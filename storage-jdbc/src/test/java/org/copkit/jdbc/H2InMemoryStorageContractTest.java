package org.copkit.jdbc;

import java.util.UUID;
import org.copkit.spi.Storage;
import org.copkit.testkit.StorageContract;

/** The storage contract on a private in-memory H2 database per test. */
class H2InMemoryStorageContractTest extends StorageContract {
    @Override
    protected Storage newStorage() {
        return JdbcStorage.h2InMemory("contract-" + UUID.randomUUID());
    }
}
