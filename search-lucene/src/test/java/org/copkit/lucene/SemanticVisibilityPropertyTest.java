package org.copkit.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.copkit.ObjectType;
import org.copkit.access.ViewerScope;
import org.copkit.search.SearchDocument;
import org.copkit.search.SearchHit;
import org.copkit.search.SearchQuery;
import org.copkit.search.SearchResult;
import org.copkit.search.SimilarQuery;
import org.copkit.testkit.SearchFixtures;

/**
 * Property: with an embedder, the nearest-neighbour part of similar documents and of text queries
 * obeys the reader's visibility exactly. With {@code minSimilarity(-1)} every visible current document
 * is a nearest-neighbour candidate, so similar() must return exactly the best {@code limit} of the
 * visible current documents (a filter applied after the KNN search would return fewer; a missing filter
 * would return invisible ones). Text queries keep their lexical hits and totals.
 */
class SemanticVisibilityPropertyTest {
    private static final Set<String> CURRENT = Set.of("PUBLISHED", "NEEDS_REVIEW", "ANSWERED");

    @Property(tries = 30)
    void nearestNeighboursAreAlwaysVisibleAndNoneIsMissing(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 120) int size, @ForAll @IntRange(min = 1, max = 50) int limit) {
        List<SearchDocument> docs = SearchFixtures.randomDocuments(seed, size);
        List<ViewerScope> viewers = new ArrayList<>(SearchFixtures.randomViewers(seed ^ 0x2545F4914F6CDD1DL, 5));
        viewers.add(SearchFixtures.system());
        String text = SearchFixtures.WORDS.get(Math.floorMod(seed, SearchFixtures.WORDS.size())) + " "
                + SearchFixtures.WORDS.get(Math.floorMod(seed >>> 7, SearchFixtures.WORDS.size()));
        try (LuceneSearchIndex hybrid = LuceneSearchIndex.builder().embedder(new ConceptEmbedder()).minSimilarity(-1)
                .build(); LuceneSearchIndex lexical = LuceneSearchIndex.inMemory()) {
            hybrid.index(docs);
            lexical.index(docs);
            for (ViewerScope viewer : viewers) {
                Map<String, SearchDocument> visible = docs.stream().filter(d -> viewer.canSee(d.visibility()))
                        .collect(Collectors.toMap(d -> d.ref().type() + ":" + d.ref().id(), Function.identity()));
                long current = visible.values().stream().filter(d -> CURRENT.contains(d.status())).count();
                List<SearchHit> hits = hybrid.similar(new SimilarQuery(text, Set.of(), Optional.empty(), limit), viewer);
                assertThat(hits).as(viewer.toString()).hasSize((int) Math.min(limit, current));
                for (SearchHit h : hits) {
                    SearchDocument d = visible.get(h.ref().type() + ":" + h.ref().id());
                    assertThat(d).as(viewer + " got invisible " + h.ref()).isNotNull();
                    assertThat(CURRENT).contains(d.status());
                }
                List<SearchHit> questions = hybrid.similar(new SimilarQuery(text, Set.of(ObjectType.QUESTION),
                        Optional.empty(), limit), viewer);
                assertThat(questions).allSatisfy(h -> assertThat(h.ref().type()).isEqualTo(ObjectType.QUESTION));

                SearchQuery q = SearchQuery.of(text.split(" ")[0]);
                SearchResult r = hybrid.query(q.page(0, 100), viewer);
                SearchResult l = lexical.query(q.page(0, 100), viewer);
                assertThat(r.total()).isEqualTo(l.total());
                assertThat(r.facets()).isEqualTo(l.facets());
                assertThat(r.hits().stream().map(SearchHit::ref).collect(Collectors.toSet()))
                        .isEqualTo(l.hits().stream().map(SearchHit::ref).collect(Collectors.toSet()));
            }
        }
    }
}
