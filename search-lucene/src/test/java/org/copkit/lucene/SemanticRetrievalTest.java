package org.copkit.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.copkit.testkit.SearchFixtures.item;
import static org.copkit.testkit.SearchFixtures.system;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.Ref;
import org.copkit.access.Audience;
import org.copkit.search.SearchDocument;
import org.copkit.search.SearchHit;
import org.copkit.search.SearchQuery;
import org.copkit.search.SimilarQuery;
import org.copkit.testkit.SearchFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hybrid (BM25 and vector) ranking with a deterministic concept embedder; the model-id checks. */
class SemanticRetrievalTest {
    private static final List<SearchDocument> DOCS = List.of(
            item("car").title("How do I erase my automobile from the fleet register?")
                    .body("Open the fleet page and choose wipe.").build(),
            item("refund").title("Getting money back for a cancelled workshop").body("Ask the treasurer.").build(),
            item("garden").title("Planting tulips in autumn").body("Bulbs go in before the frost.").build());

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(h -> h.ref().id()).toList();
    }

    @Test
    void hybridFindsAParaphraseThatBm25AloneMisses() {
        String draft = "delete vehicle";
        try (LuceneSearchIndex lexical = LuceneSearchIndex.inMemory();
                LuceneSearchIndex hybrid = LuceneSearchIndex.builder().embedder(new ConceptEmbedder()).build()) {
            lexical.index(DOCS);
            hybrid.index(DOCS);
            assertThat(ids(lexical.similar(SimilarQuery.of(draft), system()))).doesNotContain("car");
            assertThat(ids(hybrid.similar(SimilarQuery.of(draft), system()))).first().isEqualTo("car");
            // documents that share neither words nor meaning are not returned just because they are nearest
            assertThat(ids(hybrid.similar(SimilarQuery.of(draft), system()))).doesNotContain("garden");
        }
    }

    @Test
    void textQueriesAreReorderedByMeaningButKeepTheLexicalHitsAndTotals() {
        List<SearchDocument> docs = List.of(
                item("a").title("Register of workshop rooms").body("refund register register").build(),
                item("b").title("Money back and reimburse").body("the register").build(),
                item("c").title("Tulips").body("Planting bulbs").build());
        try (LuceneSearchIndex lexical = LuceneSearchIndex.inMemory();
                LuceneSearchIndex hybrid = LuceneSearchIndex.builder().embedder(new ConceptEmbedder()).hybridWeight(0.9)
                        .build()) {
            lexical.index(docs);
            hybrid.index(docs);
            SearchQuery q = SearchQuery.of("register OR refund");
            assertThat(ids(lexical.query(q, system()).hits())).containsExactly("a", "b");
            // b is about getting money back (the refund concept); a only names it
            assertThat(ids(hybrid.query(q, system()).hits())).containsExactly("b", "a");
            assertThat(hybrid.query(q, system()).total()).isEqualTo(2);
            assertThat(hybrid.query(q, system()).facets()).isEqualTo(lexical.query(q, system()).facets());
            // only the lexical hits: the tulips are never added by meaning to a text query
            assertThat(ids(hybrid.query(q.page(1, 5), system()).hits())).containsExactly("a");
            // recency order is not touched
            SearchQuery recent = q.sortedBy(SearchQuery.Sort.RECENCY);
            assertThat(ids(hybrid.query(recent, system()).hits())).isEqualTo(ids(lexical.query(recent, system()).hits()));
        }
    }

    @Test
    void similarNeverReturnsAnInvisibleDocumentFoundByMeaning() {
        SearchDocument secret = item("secret").title("Removing an automobile")
                .audience(Audience.organization(SearchFixtures.ORG_B)).build();
        try (LuceneSearchIndex index = LuceneSearchIndex.builder().embedder(new ConceptEmbedder()).build()) {
            index.index(List.of(secret));
            var reader = SearchFixtures.reader("ann").build();
            assertThat(index.similar(SimilarQuery.of("delete vehicle"), reader)).isEmpty();
            assertThat(ids(index.similar(SimilarQuery.of("delete vehicle"), system()))).containsExactly("secret");
            assertThat(index.similar(new SimilarQuery("delete vehicle", Set.of(), Optional.of(secret.ref()), 5),
                    system())).isEmpty();
        }
    }

    @Test
    void anOnDiskIndexOfAnotherModelStartsOverAtCheckpointZero(@TempDir Path dir) {
        try (LuceneSearchIndex index = LuceneSearchIndex.builder().directory(dir).embedder(new ConceptEmbedder())
                .build()) {
            index.index(DOCS);
            index.checkpoint(42);
        }
        try (LuceneSearchIndex same = LuceneSearchIndex.builder().directory(dir).embedder(new ConceptEmbedder())
                .build()) {
            assertThat(same.checkpoint()).isEqualTo(42);
            assertThat(ids(same.similar(SimilarQuery.of("delete vehicle"), system()))).first().isEqualTo("car");
        }
        ConceptEmbedder v2 = new ConceptEmbedder("concepts-v2", 64);
        try (LuceneSearchIndex other = LuceneSearchIndex.builder().directory(dir).embedder(v2).build()) {
            assertThat(other.checkpoint()).isZero();
            assertThat(other.query(SearchQuery.of(""), system()).total()).isZero();
            other.index(DOCS);
            other.checkpoint(7);
        }
        ConceptEmbedder wider = new ConceptEmbedder("concepts-v2", 128);
        try (LuceneSearchIndex other = LuceneSearchIndex.builder().directory(dir).embedder(wider).build()) {
            assertThat(other.checkpoint()).as("a change of dimension also starts over").isZero();
        }
    }

    @Test
    void anIndexWithoutItsOwnEmbedderKeepsItsVectorsUntilTheKitHandsOneOver(@TempDir Path dir) {
        ConceptEmbedder v1 = new ConceptEmbedder();
        try (LuceneSearchIndex index = LuceneSearchIndex.builder().directory(dir).embedder(v1).build()) {
            index.index(DOCS);
            index.checkpoint(9);
        }
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            assertThat(index.checkpoint()).isEqualTo(9);
            assertThat(index.useEmbedder(v1)).isTrue();
            assertThat(index.checkpoint()).as("same model: nothing to re-embed").isEqualTo(9);
            assertThat(ids(index.similar(SimilarQuery.of("delete vehicle"), system()))).first().isEqualTo("car");
        }
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            assertThat(index.useEmbedder(new ConceptEmbedder("concepts-v3", 64))).isTrue();
            assertThat(index.checkpoint()).as("another model: start over, the kit replays the change feed").isZero();
            assertThat(index.query(SearchQuery.of(""), system()).total()).isZero();
        }
    }

    @Test
    void anIndexBuiltWithAnEmbedderRefusesAnotherOne() {
        ConceptEmbedder mine = new ConceptEmbedder();
        try (LuceneSearchIndex index = LuceneSearchIndex.builder().embedder(mine).build()) {
            assertThat(index.useEmbedder(mine)).isTrue();
            assertThatThrownBy(() -> index.useEmbedder(new ConceptEmbedder("x", 8)))
                    .isInstanceOf(CopKitException.class)
                    .satisfies(e -> assertThat(((CopKitException) e).code()).isEqualTo(ErrorCode.CONFIGURATION));
            assertThat(index.embedder()).contains(mine);
        }
    }

    @Test
    void documentsAreEmbeddedInBatchesAndABrokenEmbedderFailsTheWriteAsASearchError() {
        ConceptEmbedder counting = new ConceptEmbedder();
        try (LuceneSearchIndex index = LuceneSearchIndex.builder().embedder(counting).build()) {
            index.index(DOCS);
            // a title and a title-and-body text per document
            assertThat(counting.texts.get()).isEqualTo(2 * DOCS.size());
        }
        ConceptEmbedder wrong = new ConceptEmbedder("wrong", 8) {
            @Override
            public List<float[]> embed(List<String> batch, java.util.Locale language) {
                return batch.stream().map(t -> new float[3]).toList();
            }
        };
        try (LuceneSearchIndex index = LuceneSearchIndex.builder().embedder(wrong).build()) {
            assertThatThrownBy(() -> index.index(DOCS)).isInstanceOf(CopKitException.class)
                    .hasMessageContaining("expected 8");
            assertThat(index.query(SearchQuery.of(""), system()).total()).isZero();
            index.delete(List.of(new Ref(org.copkit.ObjectType.KNOWLEDGE_ITEM, "car")));
        }
    }

    @Test
    void aLongDocumentIsEmbeddedByItsTitleAndTheStartOfItsBody() {
        String body = "word ".repeat(1_000);
        SearchDocument d = item("long").title("Title").body(body).build();
        assertThat(Vectors.text(d)).startsWith("Title\nword").hasSizeLessThanOrEqualTo(Vectors.MAX_CHARS);
        assertThat(Vectors.text(item("t").title("Only a title").build())).isEqualTo("Only a title");
    }
}
