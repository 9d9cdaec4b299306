package org.copkit.memory;

import org.copkit.spi.Storage;
import org.copkit.testkit.HealthContract;

/** The health contract on the in-memory storage (the scan of {@code Transaction.healthFacts}). */
class InMemoryHealthTest extends HealthContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
