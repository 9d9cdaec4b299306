package org.copkit.memory;

import org.copkit.spi.Storage;
import org.copkit.testkit.StorageContract;

/** Runs the storage contract against {@link InMemoryStorage}. */
class InMemoryStorageTest extends StorageContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
