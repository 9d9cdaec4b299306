package org.copkit.lucene;

import java.io.IOException;
import java.util.Map;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.copkit.search.Facet;
import org.copkit.search.SearchQuery;

/**
 * One search pass of {@link LuceneSearchIndex#query}: the top documents in the requested order and, in
 * the same pass over the matches, the total and (when the query asks for them) the facet counts.
 *
 * <p>With facets every match is visited anyway (the counts cover all visible matches), so the top
 * documents are collected by the same visit and the total is exact. Without facets the top documents are
 * collected by Lucene's {@link TopFieldCollectorManager} alone, which counts exactly up to the query's
 * {@link SearchQuery#exactTotalUpTo()} (at least {@code fuzzyBelow}, so the typo fallback sees an exact
 * count) and beyond it may skip documents that cannot enter the top (block-max WAND for relevance,
 * points for recency); the total is then a lower bound. Either way the top documents are the same: both
 * collectors order by the same {@link Sort} with Lucene's tie-break on the document id. With facets and
 * relevance order the collected scores are complete scores and are kept; otherwise (recency, or relevance
 * without facets, whose collected scores may come from block-max WAND) the scores of the top documents
 * are computed again by {@link TopFieldCollector#populateScores}, as {@code IndexSearcher.search(query,
 * n, sort, true)} does. {@code OnePassTest} checks hits, scores, totals and facets against the former
 * two-pass computation.
 *
 * @param top the top documents (scores filled in)
 * @param total the number of matches, exact when {@code exact}, otherwise a lower bound
 * @param exact whether {@code total} is exact
 * @param facets the facet counts, empty when not asked for
 */
record Pass(TopFieldDocs top, long total, boolean exact, Map<Facet, Map<String, Long>> facets) {
    /**
     * @param s the searcher
     * @param query the full query (text and filters, including visibility)
     * @param sort the order
     * @param n how many top documents to collect, 1 or more
     * @param q the search, for its facet and total options
     * @param fuzzyBelow totals below this are always exact
     * @return the pass
     * @throws IOException from Lucene
     */
    static Pass run(IndexSearcher s, Query query, Sort sort, int n, SearchQuery q, int fuzzyBelow)
            throws IOException {
        TopFieldDocs top;
        Pass pass;
        if (q.facets()) {
            TopFieldCollectorManager topManager = new TopFieldCollectorManager(sort, n, null, Integer.MAX_VALUE);
            Object[] both = s.search(query, new MultiCollectorManager(topManager, new FacetCounter()));
            top = (TopFieldDocs) both[0];
            FacetCounter.Counts counts = (FacetCounter.Counts) both[1];
            pass = new Pass(top, counts.total(), true, counts.facets());
        } else {
            int threshold = Math.max(q.exactTotalUpTo(), Math.max(fuzzyBelow, n));
            top = s.search(query, new TopFieldCollectorManager(sort, n, null, threshold));
            pass = new Pass(top, top.totalHits.value, top.totalHits.relation == TotalHits.Relation.EQUAL_TO,
                    Map.of());
        }
        if (q.facets() && sort.getSort()[0].getType() == SortField.Type.SCORE) {
            // every match was scored completely: the sort value is the score
            for (ScoreDoc sd : top.scoreDocs) {
                sd.score = (Float) ((FieldDoc) sd).fields[0];
            }
        } else {
            // WAND scores (relevance without facets) or none (recency): computed again, as Lucene does
            TopFieldCollector.populateScores(top.scoreDocs, s, query);
        }
        return pass;
    }
}
