package org.copkit.lucene;

import org.copkit.spi.SearchIndex;
import org.copkit.testkit.SearchIndexContract;

/** The search contract on an in-memory (ByteBuffersDirectory) Lucene index. */
class LuceneInMemoryContractTest extends SearchIndexContract {
    @Override
    protected SearchIndex newIndex() {
        return LuceneSearchIndex.inMemory();
    }
}
