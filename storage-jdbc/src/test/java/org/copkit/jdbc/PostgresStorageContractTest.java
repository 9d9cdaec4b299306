package org.copkit.jdbc;

import org.copkit.spi.Storage;
import org.copkit.testkit.StorageContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The storage contract on PostgreSQL: one schema migrated once for the class, dropped after it; each
 * test gets a fresh, empty storage on it (see {@link ReusedSchema}).
 */
class PostgresStorageContractTest extends StorageContract {
    @RegisterExtension
    static final PostgresSchema DATABASE = new PostgresSchema();

    @Override
    protected Storage newStorage() {
        return DATABASE.newStorage();
    }
}
