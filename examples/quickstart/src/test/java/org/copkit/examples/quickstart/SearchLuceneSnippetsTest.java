package org.copkit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.copkit.CopKit;
import org.copkit.guice.CopKitModule;
import org.copkit.embeddings.onnx.OnnxEmbedder;
import org.copkit.lucene.LuceneSearchIndex;
import org.copkit.lucene.LuceneSearchModule;
import org.copkit.memory.InMemoryStorage;
import org.copkit.search.SearchResult;
import org.copkit.spi.Embedder;
import org.copkit.spi.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code of docs/search-lucene.md, compiled and run. */
class SearchLuceneSnippetsTest {
    @TempDir
    Path tmp;

    @Test
    void setUp() {
        Storage storage = InMemoryStorage.create();
        Path indexDirectory = tmp.resolve("search");
        // SNIPPET docs/search-lucene.md
        CopKit kit = CopKit.builder()
                .storage(storage)
                .search(LuceneSearchIndex.open(indexDirectory))
                .build();
        // END SNIPPET
        try (kit) {
            SearchResult r = kit.system().search().query("warmtepomp");
            assertThat(r.total()).isZero();
        }
    }

    @Test
    void options() {
        Path indexDirectory = tmp.resolve("search");
        // SNIPPET docs/search-lucene.md
        LuceneSearchIndex index = LuceneSearchIndex.builder()
                .directory(indexDirectory)                 // omit for an in-memory index
                .refreshInterval(Duration.ofMillis(100))   // default
                .commitInterval(Duration.ofSeconds(5))     // default
                .fuzzyBelow(1)                             // typo fallback when a query has no hit (default)
                .dutchWords(Set.of("warmtepomp", "subsidie"))
                .build();
        // END SNIPPET
        index.close();
    }

    @Test
    void guice() {
        Path indexDirectory = tmp.resolve("search");
        // SNIPPET docs/search-lucene.md
        Injector injector = Guice.createInjector(new CopKitModule(), new LuceneSearchModule(indexDirectory));
        CopKit kit = injector.getInstance(CopKit.class);
        // END SNIPPET
        try (kit) {
            assertThat(kit.toString()).contains("LuceneSearchIndex");
        }
    }

    @Test
    void embedderThroughTheKit() {
        Storage storage = InMemoryStorage.create();
        Path indexDirectory = tmp.resolve("search");
        // SNIPPET docs/search-lucene.md
        // through the kit: CopKit hands it to the index (SearchIndex.useEmbedder) before the indexer catches up
        CopKit kit = CopKit.builder()
                .storage(storage)
                .search(LuceneSearchIndex.open(indexDirectory))
                .embedder(OnnxEmbedder.allMiniLmL6V2Quantized())   // copkit-embeddings-onnx
                .build();
        // END SNIPPET
        try (kit) {
            assertThat(kit.toString()).contains("all-minilm-l6-v2-q/384");
        }
    }

    @Test
    void embedderOnTheIndex() {
        Path indexDirectory = tmp.resolve("search");
        Embedder embedder = OnnxEmbedder.allMiniLmL6V2Quantized();
        // SNIPPET docs/search-lucene.md
        LuceneSearchIndex index = LuceneSearchIndex.builder()
                .directory(indexDirectory)
                .embedder(embedder)
                .hybridWeight(0.9)        // share of vector similarity, default 0.9
                .minSimilarity(0.3)       // least cosine of a similar document that shares no word, default 0.3
                .build();
        // END SNIPPET
        try (index) {
            assertThat(index.embedder()).contains(embedder);
        }
    }
}
