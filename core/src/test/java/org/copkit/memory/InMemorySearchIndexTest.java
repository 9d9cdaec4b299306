package org.copkit.memory;

import org.copkit.spi.SearchIndex;
import org.copkit.testkit.SearchIndexContract;

/** Runs the search contract against the reference in-memory index. */
class InMemorySearchIndexTest extends SearchIndexContract {
    @Override
    protected SearchIndex newIndex() {
        return new InMemorySearchIndex();
    }
}
