package org.copkit.examples.quickstart;

import org.copkit.memory.InMemorySearchIndex;
import org.copkit.spi.SearchIndex;
import org.copkit.testkit.SearchIndexContract;

/** How a backend runs the search contract kit, as shown in docs/spi.md. */
// SNIPPET docs/spi.md
class InMemorySearchIndexContractTest extends SearchIndexContract {
    @Override
    protected SearchIndex newIndex() {
        return new InMemorySearchIndex();
    }
}
// END SNIPPET
