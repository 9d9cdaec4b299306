package org.copkit.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copkit.testkit.SearchFixtures.item;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.copkit.search.SearchDocument;
import org.junit.jupiter.api.Test;

/** The hybrid fusion of lexical hits and nearest neighbours. */
class HybridTest {
    private static final String DRAFT = "register refund workshop";

    @Test
    void aNeighbourBeyondTheLexicalCandidatesGetsItsExactBm25AndOneWithoutTheWordsGetsZero() {
        List<SearchDocument> docs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            docs.add(item("lexical-" + i).title("Register " + i).body("register register refund workshop " + i).build());
        }
        docs.add(item("weak").title("Money back").body("a cancelled workshop, said the treasurer").build());
        docs.add(item("none").title("Money back").body("reimburse the cancelled course").build());
        try (LuceneSearchIndex index = LuceneSearchIndex.builder().embedder(new ConceptEmbedder()).build()) {
            index.index(docs);
            float[] vector = Vectors.embedQuery(new ConceptEmbedder(), DRAFT);
            index.read(s -> {
                LuceneSearchIndex.SimilarText similar = LuceneSearchIndex.similarText(s, new Analysis(List.of()).query(),
                        DRAFT);
                TopDocs all = s.search(similar.text(), 100);
                int weak = doc(s, "weak");
                int none = doc(s, "none");
                float weakBm25 = Arrays.stream(all.scoreDocs).filter(d -> d.doc == weak).findFirst().orElseThrow().score;
                assertThat(weakBm25).isPositive();
                // a lexical candidate depth of 3 leaves "weak" out: it comes in as a nearest neighbour only
                ScoreDoc[] lexical = Arrays.copyOf(all.scoreDocs, 3);
                assertThat(Arrays.stream(lexical).noneMatch(d -> d.doc == weak)).isTrue();
                List<Hybrid.Scored> fused = Hybrid.fuse(s, lexical, List.of(new ScoreDoc(none, 0), new ScoreDoc(weak, 0)),
                        similar.text(), vector, 0.9, -1);
                Hybrid.Scored w = fused.stream().filter(h -> h.doc() == weak).findFirst().orElseThrow();
                Hybrid.Scored n = fused.stream().filter(h -> h.doc() == none).findFirst().orElseThrow();
                assertThat(w.lexical()).isCloseTo(weakBm25, org.assertj.core.data.Offset.offset(1e-4f));
                assertThat(n.lexical()).isZero();
                float max = lexical[0].score;
                assertThat(w.score()).isCloseTo((float) (0.9 * w.semantic() + 0.1 * weakBm25 / max),
                        org.assertj.core.data.Offset.offset(1e-5f));
                return null;
            });
        }
    }

    private static int doc(org.apache.lucene.search.IndexSearcher s, String id) throws java.io.IOException {
        TopDocs t = s.search(new TermQuery(new Term(Docs.ID, "KNOWLEDGE_ITEM:" + id)), 1);
        assertThat(t.scoreDocs).hasSize(1);
        return t.scoreDocs[0].doc;
    }
}
