package org.copkit.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copkit.testkit.SearchFixtures.ORG_A;
import static org.copkit.testkit.SearchFixtures.ORG_B;
import static org.copkit.testkit.SearchFixtures.item;
import static org.copkit.testkit.SearchFixtures.reader;
import static org.copkit.testkit.SearchFixtures.system;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.copkit.access.Audience;
import org.copkit.access.ViewerScope;
import org.copkit.search.SearchQuery;
import org.copkit.search.SearchResult;
import org.copkit.testkit.SearchFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The bounded and skipped paths of the typo fallback and did-you-mean (queries without visible hits). */
class TyposTest {
    private final LuceneSearchIndex index = LuceneSearchIndex.inMemory();
    private final ViewerScope orgA = reader("r").of(ORG_A).build();

    @AfterEach
    void close() {
        index.close();
    }

    private void add(SearchFixtures.DocumentBuilder... docs) {
        index.index(Arrays.stream(docs).map(SearchFixtures.DocumentBuilder::build).toList());
    }

    private static List<String> ids(SearchResult r) {
        return r.hits().stream().map(h -> h.ref().id()).toList();
    }

    @Test
    @DisplayName("a word that occurs in a visible document is taken as meant: neither expanded nor corrected")
    void visibleWordsAreNotTypos() {
        add(item("a").title("Cattle farming"), item("b").title("Castle tours"));

        SearchResult r = index.query(SearchQuery.of("castle farming"), system());

        // "castle" is one edit from "cattle", but it is a word of the index: no document has both words
        assertThat(r.total()).isZero();
        assertThat(r.didYouMean()).isEmpty();
    }

    @Test
    @DisplayName("a typo next to a word the reader can see is expanded, the other word stays exact")
    void typoNextToAVisibleWord() {
        add(item("a").title("Cattle farming"), item("b").title("Castle tours"), item("c").title("Cattle markets"));

        SearchResult r = index.query(SearchQuery.of("catlle farming"), system());

        assertThat(ids(r)).containsExactly("a");
        assertThat(r.didYouMean()).contains("cattle farming");
    }

    @Test
    @DisplayName("a word that occurs only in invisible documents is a typo for the reader, so nothing about it leaks")
    void invisibleWordIsATypo() {
        add(item("secret").title("Xylophonist roster").audience(Audience.organization(ORG_B)),
                item("open").title("Xylophonics united"));

        SearchResult r = index.query(SearchQuery.of("xylophonist"), orgA);

        // "xylophonist" is not visible to the reader: the fallback expands it to the visible "xylophonics"
        assertThat(ids(r)).containsExactly("open");
        assertThat(r.didYouMean()).contains("xylophonics");
        assertThat(index.query(SearchQuery.of("xylophonist"), system()).didYouMean()).isEmpty();
    }

    @Test
    @DisplayName("a required word with nothing within reach ends the fallback: no hits, no suggestion")
    void nothingWithinReach() {
        add(item("a").title("Pelican colony"), item("b").title("Walrus"));

        SearchResult r = index.query(SearchQuery.of("pelicam zzyzxq"), system());

        assertThat(r.total()).isZero();
        // the correctable word is still corrected
        assertThat(r.didYouMean()).contains("pelican zzyzxq");
    }

    @Test
    @DisplayName("did-you-mean works under filters the reader chose, and a suggestion is visible under them")
    void suggestionUnderFilters() {
        add(item("a").title("Badger watching").tags("wild"), item("b").title("Baker guild").tags("town"));

        assertThat(index.query(SearchQuery.of("bager").withTags("wild"), system()).didYouMean()).contains("badger");
        assertThat(index.query(SearchQuery.of("bager").withTags("town"), system()).didYouMean()).contains("baker");
    }

    private static IndexSearcher words(List<String> words, int copiesOfFirst) throws IOException {
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (int i = 0; i < words.size(); i++) {
                for (int k = 0; k < (i == 0 ? copiesOfFirst : 1); k++) {
                    Document d = new Document();
                    d.add(new TextField(Docs.WORDS, words.get(i), Field.Store.NO));
                    d.add(new StringField("v", i % 2 == 0 ? "even" : "odd", Field.Store.NO));
                    w.addDocument(d);
                }
                if (i % 20 == 0) {
                    w.commit(); // several segments
                }
            }
        }
        return new IndexSearcher(DirectoryReader.open(dir));
    }

    @Test
    @DisplayName("a typo expands to at most 50 words, fewest edits first, then the most frequent")
    void boundedExpansion() throws IOException {
        List<String> words = new ArrayList<>();
        for (char a = 'a'; a <= 'z'; a++) {
            for (char b = 'a'; b <= 'z'; b++) {
                words.add("pa" + a + b + "er"); // 676 words, up to two edits from "paqqer"
            }
        }
        words.add(0, "paqqez"); // one edit, most frequent
        IndexSearcher s = words(words, 3);
        Typos typos = new Typos();

        List<Typos.Candidate> c = typos.candidates(s.getIndexReader(), "paqqer", 2);

        assertThat(c).hasSize(Typos.MAX_EXPANSIONS);
        assertThat(c.get(0).word()).isEqualTo("paqqez");
        assertThat(c.get(0).docFreq()).isEqualTo(3);
        assertThat(c).allMatch(x -> x.edits() <= 2);
        assertThat(c.stream().mapToInt(Typos.Candidate::edits).toArray()).isSorted();
        assertThat(c.stream().map(Typos.Candidate::word)).doesNotContain("paqqer");
        // the same answer from the per-segment cache
        assertThat(typos.candidates(s.getIndexReader(), "paqqer", 2)).isEqualTo(c);
        s.getIndexReader().close();
    }

    @Test
    @DisplayName("a long typo reaches two edits only when no word is one edit away")
    void twoEditsOnlyWhenNothingIsCloser() throws IOException {
        IndexSearcher far = words(List.of("rhinoceros", "rhinocerus"), 1);
        IndexSearcher near = words(List.of("rhinoceros", "rhinocerus", "rhinocerax"), 1);
        Typos typos = new Typos();

        assertThat(typos.candidates(far.getIndexReader(), "rhinoceraz", 2)).extracting(Typos.Candidate::word)
                .containsExactlyInAnyOrder("rhinoceros", "rhinocerus");
        assertThat(typos.candidates(near.getIndexReader(), "rhinoceraz", 2)).extracting(Typos.Candidate::word)
                .containsExactly("rhinocerax");
        assertThat(typos.candidates(far.getIndexReader(), "rhinoceraz", 1)).isEmpty();
        far.getIndexReader().close();
        near.getIndexReader().close();
    }

    @Test
    @DisplayName("visibility is checked by stopping at the first visible document, and a word no segment has costs one lookup")
    void visibleCheck() throws IOException {
        IndexSearcher s = words(List.of("heron", "egret", "stork"), 1);
        Typos typos = new Typos();
        TermQuery odd = new TermQuery(new Term("v", "odd"));

        assertThat(typos.visible(s, "heron", null)).isTrue();
        assertThat(typos.visible(s, "heron", odd)).isFalse();
        assertThat(typos.visible(s, "egret", odd)).isTrue();
        assertThat(typos.visible(s, "ibis", null)).isFalse();
        s.getIndexReader().close();
    }

    @Test
    @DisplayName("the edit distance counts a swap of two neighbouring letters as one edit, as the automaton does")
    void distance() {
        assertThat(Typos.distance("cattle".codePoints().toArray(), "catlte".codePoints().toArray())).isEqualTo(1);
        assertThat(Typos.distance("cattle".codePoints().toArray(), "castle".codePoints().toArray())).isEqualTo(1);
        assertThat(Typos.distance("pelican".codePoints().toArray(), "pelicans".codePoints().toArray())).isEqualTo(1);
        assertThat(Typos.distance("abc".codePoints().toArray(), "xyz".codePoints().toArray())).isEqualTo(3);
    }
}
