package org.copkit.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.copkit.CopKit;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.Ref;
import org.copkit.access.ViewerScope;
import org.copkit.guice.CopKitModule;
import org.copkit.memory.InMemorySearchIndex;
import org.copkit.spi.Embedder;
import org.copkit.spi.SearchIndex;
import org.junit.jupiter.api.Test;

/** The kit's embedder option: handed to the search index before it catches up; ignored when unsupported. */
class EmbedderOptionTest {
    private static final Embedder EMBEDDER = new Embedder() {
        @Override
        public String modelId() {
            return "test-model";
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public List<float[]> embed(List<String> texts, Locale language) {
            return texts.stream().map(t -> new float[] {1, t.length()}).toList();
        }
    };

    /** An index that records the order of the calls it gets. */
    private static final class RecordingIndex implements SearchIndex {
        final InMemorySearchIndex delegate = new InMemorySearchIndex();
        final List<String> calls = new ArrayList<>();

        @Override
        public boolean useEmbedder(Embedder embedder) {
            calls.add("useEmbedder " + embedder.modelId());
            return true;
        }

        @Override
        public void index(List<SearchDocument> documents) {
            calls.add("index");
            delegate.index(documents);
        }

        @Override
        public void delete(List<Ref> refs) {
            delegate.delete(refs);
        }

        @Override
        public SearchResult query(SearchQuery query, ViewerScope scope) {
            return delegate.query(query, scope);
        }

        @Override
        public List<SearchHit> similar(SimilarQuery query, ViewerScope scope) {
            return delegate.similar(query, scope);
        }

        @Override
        public List<String> suggest(String prefix, ViewerScope scope, int limit) {
            return delegate.suggest(prefix, scope, limit);
        }

        @Override
        public void rebuild(Stream<SearchDocument> documents, long checkpoint) {
            calls.add("rebuild");
            delegate.rebuild(documents, checkpoint);
        }

        @Override
        public long checkpoint() {
            calls.add("checkpoint");
            return delegate.checkpoint();
        }

        @Override
        public void checkpoint(long sequence) {
            delegate.checkpoint(sequence);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    @Test
    void theKitHandsItsEmbedderToTheIndexBeforeTheIndexerCatchesUp() {
        RecordingIndex index = new RecordingIndex();
        try (CopKit kit = CopKit.builder().search(index).embedder(EMBEDDER).build()) {
            assertThat(kit).isNotNull();
            assertThat(index.calls).first().isEqualTo("useEmbedder test-model");
            assertThat(index.calls).contains("checkpoint");
        }
    }

    @Test
    void theInMemoryIndexIgnoresAnEmbedder() {
        assertThat(new InMemorySearchIndex().useEmbedder(EMBEDDER)).isFalse();
        try (CopKit kit = CopKit.builder().embedder(EMBEDDER).build()) {
            assertThat(kit.system().search().query(SearchQuery.of("anything")).total()).isZero();
        }
    }

    @Test
    void theEmbedderCanBeSetOnlyOnce() {
        CopKit.Builder b = CopKit.builder().embedder(EMBEDDER);
        assertThatThrownBy(() -> b.embedder(EMBEDDER)).isInstanceOf(CopKitException.class)
                .satisfies(e -> assertThat(((CopKitException) e).code()).isEqualTo(ErrorCode.CONFIGURATION))
                .hasMessageContaining("embedder");
    }

    @Test
    void guiceBindsAnOptionalEmbedder() {
        RecordingIndex index = new RecordingIndex();
        CopKit kit = Guice.createInjector(new CopKitModule(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(SearchIndex.class).toInstance(index);
                bind(Embedder.class).toInstance(EMBEDDER);
            }
        }).getInstance(CopKit.class);
        try (kit) {
            assertThat(index.calls).contains("useEmbedder test-model");
        }
    }
}
