package org.copkit.lucene;

import org.copkit.memory.InMemoryStorage;
import org.copkit.spi.SearchIndex;
import org.copkit.spi.Storage;
import org.copkit.testkit.ExpertFinderContract;

/** The expert finder contract on the Lucene index (in memory), with in-memory storage. */
class LuceneExpertFinderTest extends ExpertFinderContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }

    @Override
    protected SearchIndex newSearchIndex() {
        return LuceneSearchIndex.inMemory();
    }
}
