package org.copkit.examples.quickstart;

import org.copkit.memory.InMemoryStorage;
import org.copkit.spi.Storage;
import org.copkit.testkit.StorageContract;

/** How a backend runs the storage contract kit, as shown in docs/spi.md. */
// SNIPPET docs/spi.md
class InMemoryStorageContractTest extends StorageContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
// END SNIPPET
