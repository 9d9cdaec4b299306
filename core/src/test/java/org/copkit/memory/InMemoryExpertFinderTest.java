package org.copkit.memory;

import org.copkit.spi.Storage;
import org.copkit.testkit.ExpertFinderContract;

/** The expert finder contract on in-memory storage and the in-memory search index. */
class InMemoryExpertFinderTest extends ExpertFinderContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
