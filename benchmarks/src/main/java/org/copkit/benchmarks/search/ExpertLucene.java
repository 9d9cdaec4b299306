package org.copkit.benchmarks.search;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * CoPKit's search job (top 10 by score with display fields and a body snippet, the exact total and the five
 * facet counts over every visible match) written the way a Lucene expert would for one searcher: one
 * {@link UnifiedHighlighter} built once and reused for every query (offsets from the postings, no per-query
 * field-info merge), the facet ordinal maps built once ({@link RawLucene.FacetStates}), the page and the
 * facets in one pass ({@link FacetsCollectorManager#search}), and each hit's stored fields read once: the
 * display fields and the body are read together and the highlighter is handed the body instead of reading
 * it again. Not thread-safe (the documents of the current page are an instance field), one per thread.
 */
final class ExpertLucene {
    private static final Set<String> FIELDS = Set.of("id", "s_title", "s_group", "s_lang", "s_status", "s_updated",
            "s_community", "body_nl", "body_en", "body_xx");
    private static final String[] BODIES = {"body_nl", "body_en", "body_xx"};
    private static final Sort SORT = new Sort(SortField.FIELD_SCORE, new SortField("updated", SortField.Type.LONG, true));

    private final IndexSearcher searcher;
    private final RawLucene.FacetStates states;
    private final UnifiedHighlighter highlighter;
    private final Map<Integer, Document> page = new HashMap<>();

    ExpertLucene(IndexSearcher searcher, RawLucene raw) throws IOException {
        this.searcher = searcher;
        this.states = new RawLucene.FacetStates(searcher.getIndexReader());
        UnifiedHighlighter.Builder b = UnifiedHighlighter.builder(searcher, raw.analyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "… ", true))
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getWordInstance(Locale.ROOT), 160, 0.3f))
                .withMaxLength(200_000);
        this.highlighter = new UnifiedHighlighter(b) {
            @Override
            protected OffsetSource getOffsetSource(String field) {
                return OffsetSource.POSTINGS;
            }

            @Override
            protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs, int threshold)
                    throws IOException {
                List<CharSequence[]> out = new ArrayList<>();
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    Document d = page.get(doc);
                    CharSequence[] values = new CharSequence[fields.length];
                    for (int i = 0; i < fields.length; i++) {
                        values[i] = d == null ? null : d.get(fields[i]);
                    }
                    out.add(values);
                }
                return out;
            }
        };
    }

    /**
     * @param text the text query (without filters)
     * @param full the text query with status, visibility (and language) filters
     * @return the page
     * @throws IOException from Lucene
     */
    RawLucene.Page search(Query text, Query full) throws IOException {
        FacetsCollectorManager.FacetsResult r = FacetsCollectorManager.search(searcher, full, 10, SORT, true,
                new FacetsCollectorManager());
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        for (Map.Entry<String, StringDocValuesReaderState> e : states.states.entrySet()) {
            FacetResult counts = new StringValueFacetCounts(e.getValue(), r.facetsCollector()).getAllChildren(e.getKey());
            Map<String, Long> values = new LinkedHashMap<>();
            if (counts != null) {
                for (LabelAndValue lv : counts.labelValues) {
                    values.put(lv.label, lv.value.longValue());
                }
            }
            facets.put(e.getKey(), values);
        }
        TopDocs top = r.topDocs();
        page.clear();
        StoredFields stored = searcher.storedFields();
        for (ScoreDoc sd : top.scoreDocs) {
            page.put(sd.doc, stored.document(sd.doc, FIELDS));
        }
        List<String> keys = new ArrayList<>(top.scoreDocs.length);
        List<String> shown = new ArrayList<>(top.scoreDocs.length);
        if (top.scoreDocs.length > 0) {
            Map<String, String[]> snippets = highlighter.highlightFields(BODIES, text, top, new int[] {1, 1, 1});
            for (int i = 0; i < top.scoreDocs.length; i++) {
                Document d = page.get(top.scoreDocs[i].doc);
                keys.add(d.get("id"));
                String snippet = snippets.get("body_" + d.get("s_group"))[i];
                shown.add(snippet == null ? d.get("s_title") : snippet);
            }
        }
        return new RawLucene.Page(keys, shown, top.totalHits.value, facets);
    }
}
