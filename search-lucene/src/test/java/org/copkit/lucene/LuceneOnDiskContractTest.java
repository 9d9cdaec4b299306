package org.copkit.lucene;

import java.nio.file.Path;
import org.copkit.spi.SearchIndex;
import org.copkit.testkit.SearchIndexContract;
import org.junit.jupiter.api.io.TempDir;

/** The search contract on an on-disk (MMapDirectory) Lucene index. */
class LuceneOnDiskContractTest extends SearchIndexContract {
    @TempDir
    Path dir;

    @Override
    protected SearchIndex newIndex() {
        return LuceneSearchIndex.open(dir);
    }
}
