package org.copkit.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.FSDirectory;
import org.copkit.access.ViewerScope;
import org.copkit.search.SearchDocument;
import org.copkit.search.SearchHit;
import org.copkit.search.SearchQuery;
import org.copkit.search.SearchResult;
import org.copkit.testkit.SearchFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code LuceneSearchIndex.query} collects the page, the total and the facets in one pass. This test
 * computes the same result the way the index did before (a counting pass with {@link FacetCounter},
 * then {@code IndexSearcher.search(query, n, sort, true)} for the page) on the very same committed
 * segments, and requires identical hits (order and scores), totals and facet counts, for many readers,
 * texts, sort orders and pages, with and without facets.
 */
class OnePassTest {
    private static final List<String> TEXTS = List.of("", "falcon", "granite harbor", "falcon OR notes",
            "harbor -granite", "\"falcon granite\"", "notes", "budget", "falcon granite harbor notes",
            "notes granite OR harbor falcon budget", "falcon OR granite OR harbor OR lantern OR meadow OR orchid OR quartz", "falcon granite harbor");

    @Test
    void onePassEqualsTheTwoPassResult(@TempDir Path dir) throws Exception {
        List<SearchDocument> docs = SearchFixtures.randomDocuments(42, 3_000);
        List<ViewerScope> viewers = new ArrayList<>(SearchFixtures.randomViewers(7, 5));
        viewers.add(SearchFixtures.system());
        try (LuceneSearchIndex index = LuceneSearchIndex.builder().directory(dir).build()) {
            for (int i = 0; i < docs.size(); i += 400) {
                index.index(docs.subList(i, Math.min(docs.size(), i + 400)));
            }
            index.commit();
            String generation = Files.readString(dir.resolve("CURRENT"), StandardCharsets.UTF_8).strip();
            try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir.resolve(generation)))) {
                assertThat(reader.leaves()).as("several segments").hasSizeGreaterThan(1);
                IndexSearcher s = new IndexSearcher(reader);
                Queries queries = new Queries(new Analysis(Set.of()));
                int compared = 0;
                for (ViewerScope viewer : viewers) {
                    for (String text : TEXTS) {
                        for (SearchQuery.Sort sort : SearchQuery.Sort.values()) {
                            for (int[] page : new int[][] {{0, 10}, {5, 20}, {0, 100}}) {
                                SearchQuery q = SearchQuery.of(text).sortedBy(sort).page(page[0], page[1]);
                                compared += compare(index, s, queries, q, viewer);
                            }
                        }
                    }
                }
                assertThat(compared).as("queries with hits").isGreaterThan(100);
            }
        }
    }

    private static int compare(LuceneSearchIndex index, IndexSearcher s, Queries queries, SearchQuery q,
            ViewerScope viewer) throws Exception {
        List<Query> filters = new ArrayList<>(Queries.filters(q));
        Queries.visibility(viewer).ifPresent(filters::add);
        Query full = Queries.filtered(queries.text(queries.parse(q.text(), Queries.MAX_PARTS)), filters);
        FacetCounter.Counts counts = s.search(full, new FacetCounter());
        if (counts.total() == 0) {
            return 0; // the typo fallback runs; not what this test is about
        }
        Sort sort = LuceneSearchIndex.sort(q.sort());
        TopFieldDocs top = s.search(full, q.offset() + q.limit(), sort, true);
        ScoreDoc[] page = Arrays.copyOfRange(top.scoreDocs, Math.min(q.offset(), top.scoreDocs.length),
                top.scoreDocs.length);
        StoredFields stored = s.storedFields();
        List<String> wantKeys = new ArrayList<>();
        List<Double> wantScores = new ArrayList<>();
        for (ScoreDoc sd : page) {
            wantKeys.add(stored.document(sd.doc).get(Docs.ID));
            wantScores.add((double) (Float.isNaN(sd.score) ? 0f : sd.score));
        }
        String context = viewer + " " + q;
        SearchResult r = index.query(q, viewer);
        assertThat(keys(r)).as(context).isEqualTo(wantKeys);
        assertThat(r.hits().stream().map(SearchHit::score).toList()).as(context).isEqualTo(wantScores);
        assertThat(r.total()).as(context).isEqualTo(counts.total());
        assertThat(r.totalIsExact()).as(context).isTrue();
        assertThat(r.facets()).as(context).isEqualTo(counts.facets());

        SearchResult lean = index.query(q.withoutFacets().withExactTotalUpTo(10), viewer);
        assertThat(lean.hits()).as(context + " without facets").isEqualTo(r.hits());
        assertThat(lean.facets()).as(context + " without facets").isEmpty();
        if (lean.totalIsExact()) {
            assertThat(lean.total()).as(context).isEqualTo(counts.total());
        } else {
            assertThat(lean.total()).as(context).isBetween(10L, counts.total());
        }
        return 1;
    }

    private static List<String> keys(SearchResult r) {
        return r.hits().stream().map(h -> h.ref().type().name() + ":" + h.ref().id()).toList();
    }
}
