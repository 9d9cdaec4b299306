package org.copkit.memory;

import org.copkit.spi.Storage;
import org.copkit.testkit.ConcurrencyContract;

class InMemoryConcurrencyTest extends ConcurrencyContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
