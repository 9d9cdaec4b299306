package org.copkit.benchmarks.search;

import java.io.IOException;
import java.io.StringReader;
import java.text.BreakIterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.copkit.access.ViewerScope;
import org.copkit.member.OrganizationId;
import org.copkit.search.SearchDocument;
import org.tartarus.snowball.ext.DutchStemmer;

/**
 * What a host would write with Lucene alone for the same job: the field layout, analysis chains and
 * queries of the benchmarks' baselines, by public field names of {@code copkit-search-lucene}'s layout
 * (so baselines can also query an index CoPKit wrote). No CoPKit code runs here apart from reading
 * the {@link SearchDocument} and {@link ViewerScope} records. Thread-safe.
 */
public final class RawLucene {
    static final List<String> GROUPS = List.of("nl", "en", "xx");
    private static final FieldType TEXT_OFFSETS = textType(false);
    private static final FieldType STORED_TEXT_OFFSETS = textType(true);

    /** Per-field analysis: Dutch and English stemming chains, the rest lower case and folding. */
    public final Analyzer analyzer;
    private final QueryBuilder builder;

    /** Builds the analyzers. */
    public RawLucene() {
        Analyzer surface = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer t = new StandardTokenizer();
                return new TokenStreamComponents(t, new ASCIIFoldingFilter(new LowerCaseFilter(t)));
            }
        };
        CharArraySet dutchStop = folded(DutchAnalyzer.getDefaultStopSet());
        Analyzer nl = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer t = new StandardTokenizer();
                TokenStream s = new ASCIIFoldingFilter(new LowerCaseFilter(t));
                s = new StopFilter(s, dutchStop);
                return new TokenStreamComponents(t, new SnowballFilter(s, new DutchStemmer()));
            }
        };
        Analyzer en = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer t = new StandardTokenizer();
                TokenStream s = new ASCIIFoldingFilter(new LowerCaseFilter(new EnglishPossessiveFilter(t)));
                s = new StopFilter(s, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                return new TokenStreamComponents(t, new PorterStemFilter(s));
            }
        };
        analyzer = new PerFieldAnalyzerWrapper(surface,
                Map.of("title_nl", nl, "body_nl", nl, "title_en", en, "body_en", en));
        builder = new QueryBuilder(analyzer);
    }

    static String group(SearchDocument d) {
        String l = d.language().getLanguage();
        return l.equals("nl") || l.equals("en") ? l : "xx";
    }

    /**
     * @param d the document
     * @return a Lucene document with comparable fields: key, type, status, language, group, tags
     *     (exact, stored, facet), update time (point, doc values), visibility facts, title and body with
     *     offsets (body stored) in the group's fields, tags and surface words as text, facet doc values and
     *     stored display fields
     */
    public Document document(SearchDocument d) {
        Document doc = new Document();
        String g = group(d);
        doc.add(new StringField("id", key(d), Field.Store.YES));
        doc.add(new StringField("type", d.type().name(), Field.Store.NO));
        doc.add(new StringField("status", d.status(), Field.Store.NO));
        doc.add(new StringField("lang", d.language().getLanguage(), Field.Store.NO));
        doc.add(new StringField("group", g, Field.Store.NO));
        d.community().ifPresent(c -> doc.add(new StringField("community", c.value(), Field.Store.NO)));
        for (String tag : d.tags()) {
            doc.add(new StringField("tag", tag, Field.Store.NO));
            doc.add(new StoredField("s_tag", tag));
            doc.add(new SortedSetDocValuesField("f_tag", new BytesRef(tag)));
        }
        long updated = d.updatedAt().getEpochSecond() * 1_000_000_000L + d.updatedAt().getNano();
        doc.add(new LongPoint("updated", updated));
        doc.add(new NumericDocValuesField("updated", updated));
        d.visibility().editors().forEach(e -> doc.add(new StringField("v_editor", e.value(), Field.Store.NO)));
        doc.add(new StringField("v_level", d.visibility().audience().level().name(), Field.Store.NO));
        for (OrganizationId o : d.visibility().audience().organizations()) {
            doc.add(new StringField("v_org", o.value(), Field.Store.NO));
        }
        d.community().ifPresent(c -> doc.add(new StringField("v_community", c.value(), Field.Store.NO)));
        doc.add(new StringField("v_unpublished", Boolean.toString(d.visibility().unpublished()), Field.Store.NO));
        doc.add(new Field("title_" + g, d.title(), TEXT_OFFSETS));
        doc.add(new Field("body_" + g, d.body(), STORED_TEXT_OFFSETS));
        String tags = String.join(" ", d.tags());
        doc.add(new TextField("tags_text", tags, Field.Store.NO));
        doc.add(new TextField("words", d.title() + "\n" + d.body() + "\n" + tags, Field.Store.NO));
        doc.add(new TextField("title_words", d.title(), Field.Store.NO));
        doc.add(new SortedSetDocValuesField("f_type", new BytesRef(d.type().name())));
        d.community().ifPresent(c -> doc.add(new SortedSetDocValuesField("f_community", new BytesRef(c.value()))));
        doc.add(new SortedSetDocValuesField("f_language", new BytesRef(d.language().getLanguage())));
        doc.add(new StoredField("s_title", d.title()));
        doc.add(new StoredField("s_status", d.status()));
        doc.add(new StoredField("s_lang", d.language().toLanguageTag()));
        doc.add(new StoredField("s_group", g));
        d.community().ifPresent(c -> doc.add(new StoredField("s_community", c.value())));
        doc.add(new StoredField("s_updated", d.updatedAt().toString()));
        return doc;
    }

    /** @return the unique key {@code TYPE:id} */
    public static String key(SearchDocument d) {
        return d.type().name() + ":" + d.ref().id();
    }

    /**
     * @param text words separated by spaces (all required)
     * @return per language group, every word required in title (boosted 2x), body or tags (best field
     *     counts), restricted to the group's documents; the groups are alternatives
     */
    public Query text(String text) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String g : GROUPS) {
            BooleanQuery.Builder b = new BooleanQuery.Builder().add(new TermQuery(new Term("group", g)), Occur.FILTER);
            for (String word : text.split(" ")) {
                List<Query> fields = new ArrayList<>(3);
                Query t = builder.createPhraseQuery("title_" + g, word);
                if (t != null) {
                    fields.add(new BoostQuery(t, 2f));
                }
                Query body = builder.createPhraseQuery("body_" + g, word);
                if (body != null) {
                    fields.add(body);
                }
                Query tags = builder.createPhraseQuery("tags_text", word);
                if (tags != null) {
                    fields.add(tags);
                }
                if (!fields.isEmpty()) {
                    b.add(new DisjunctionMaxQuery(fields, 0.1f), Occur.MUST);
                }
            }
            any.add(b.build(), Occur.SHOULD);
        }
        return any.setMinimumNumberShouldMatch(1).build();
    }

    /**
     * @param scope the reader
     * @return the reader's visibility rule as a filter: editor, or (admitted by the audience and (published
     *     or reviewer of the community or steward of the practice))
     */
    public static Query visibility(ViewerScope scope) {
        BooleanQuery.Builder admitted = new BooleanQuery.Builder()
                .add(new TermQuery(new Term("v_level", "PLATFORM")), Occur.SHOULD);
        if (!scope.communities().isEmpty()) {
            admitted.add(new BooleanQuery.Builder().add(new TermQuery(new Term("v_level", "COMMUNITY")), Occur.FILTER)
                    .add(in("v_community", ids(scope.communities())), Occur.FILTER).build(), Occur.SHOULD);
        }
        admitted.add(new TermQuery(new Term("v_org", scope.organization().value())), Occur.SHOULD);
        BooleanQuery.Builder readable = new BooleanQuery.Builder()
                .add(new TermQuery(new Term("v_unpublished", "false")), Occur.SHOULD);
        if (!scope.reviewerOf().isEmpty()) {
            readable.add(in("v_community", ids(scope.reviewerOf())), Occur.SHOULD);
        }
        if (!scope.stewardOf().isEmpty()) {
            readable.add(in("v_practice", ids(scope.stewardOf())), Occur.SHOULD);
        }
        Query audience = new BooleanQuery.Builder().add(admitted.build(), Occur.FILTER)
                .add(readable.build(), Occur.FILTER).build();
        return new BooleanQuery.Builder().add(new TermQuery(new Term("v_editor", scope.member().value())), Occur.SHOULD)
                .add(audience, Occur.SHOULD).build();
    }

    /** @return knowledge items in PUBLISHED or NEEDS_REVIEW, every other type in any status */
    static Query defaultStatuses() {
        return new BooleanQuery.Builder()
                .add(new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER)
                        .add(new TermQuery(new Term("type", "KNOWLEDGE_ITEM")), Occur.MUST_NOT).build(), Occur.SHOULD)
                .add(in("status", Set.of("PUBLISHED", "NEEDS_REVIEW")), Occur.SHOULD).build();
    }

    /**
     * The search baseline: the text query with the status and visibility filters, the top 10 by score
     * (ties newest first), with the stored key and title of each hit.
     *
     * @param s the searcher
     * @param text the words
     * @param scope the reader
     * @return the keys of the hits, best first
     * @throws IOException from Lucene
     */
    public List<String> search(IndexSearcher s, String text, ViewerScope scope) throws IOException {
        Query full = new BooleanQuery.Builder().add(text(text), Occur.MUST).add(defaultStatuses(), Occur.FILTER)
                .add(visibility(scope), Occur.FILTER).build();
        TopDocs top = s.search(full, 10,
                new Sort(SortField.FIELD_SCORE, new SortField("updated", SortField.Type.LONG, true)), true);
        return keys(s, top);
    }

    /** The stored fields a hit shows (key, title, group, language, status, update time, community). */
    private static final Set<String> HIT_FIELDS =
            Set.of("id", "s_title", "s_group", "s_lang", "s_status", "s_updated", "s_community");
    /** The facet doc-values fields: type, community, practice, tag, language. */
    static final List<String> FACET_FIELDS = List.of("f_type", "f_community", "f_practice", "f_tag", "f_language");

    /** A page with snippets and, when counted, the total and facet counts. */
    public record Page(List<String> keys, List<String> snippets, long total, Map<String, Map<String, Long>> facets) {}

    /**
     * Per facet field, the ordinal map of one reader that {@link StringValueFacetCounts} needs (built once
     * per reader, as a host would cache it per searcher).
     */
    public static final class FacetStates {
        final Map<String, StringDocValuesReaderState> states = new LinkedHashMap<>();

        /**
         * @param reader the reader
         * @throws IOException from Lucene
         */
        public FacetStates(IndexReader reader) throws IOException {
            FieldInfos infos = FieldInfos.getMergedFieldInfos(reader);
            for (String f : FACET_FIELDS) {
                if (infos.fieldInfo(f) != null) {
                    states.put(f, new StringDocValuesReaderState(reader, f));
                }
            }
        }
    }

    /**
     * The search baseline with snippets: as {@link #search}, plus the stored display fields of each hit and
     * a {@link UnifiedHighlighter} snippet over the body fields (one passage of about 160 characters, matches
     * in {@code <mark>}, offsets from the postings) - what a result list shows.
     *
     * @param s the searcher
     * @param text the words
     * @param scope the reader
     * @return the page (total: Lucene's count, exact up to 1,000; no facets)
     * @throws IOException from Lucene
     */
    public Page searchWithSnippets(IndexSearcher s, String text, ViewerScope scope) throws IOException {
        Query query = text(text);
        TopDocs top = s.search(fullSearch(query, scope), 10, SEARCH_SORT, true);
        return page(s, query, top, top.totalHits.value, Map.of());
    }

    /**
     * The full search baseline: the top 10 and, in the same pass over every visible match, the exact total
     * and the counts of the five facets (Lucene's facet module: {@link FacetsCollectorManager} and
     * {@link StringValueFacetCounts} over the {@code f_*} sorted-set doc values), plus snippets as
     * {@link #searchWithSnippets}.
     *
     * @param s the searcher
     * @param states the facet states of the searcher's reader
     * @param text the words
     * @param scope the reader
     * @return the page with total and facets
     * @throws IOException from Lucene
     */
    public Page searchWithFacetsAndSnippets(IndexSearcher s, FacetStates states, String text, ViewerScope scope)
            throws IOException {
        Query query = text(text);
        FacetsCollectorManager.FacetsResult r = FacetsCollectorManager.search(s, fullSearch(query, scope), 10,
                SEARCH_SORT, true, new FacetsCollectorManager());
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
        return page(s, query, r.topDocs(), r.topDocs().totalHits.value, facets);
    }

    private static final Sort SEARCH_SORT =
            new Sort(SortField.FIELD_SCORE, new SortField("updated", SortField.Type.LONG, true));

    private static Query fullSearch(Query text, ViewerScope scope) {
        return new BooleanQuery.Builder().add(text, Occur.MUST).add(defaultStatuses(), Occur.FILTER)
                .add(visibility(scope), Occur.FILTER).build();
    }

    private Page page(IndexSearcher s, Query text, TopDocs top, long total, Map<String, Map<String, Long>> facets)
            throws IOException {
        UnifiedHighlighter h = UnifiedHighlighter.builder(s, analyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "… ", true))
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getWordInstance(Locale.ROOT), 160, 0.3f))
                .withMaxLength(200_000).withHandleMultiTermQuery(true).build();
        String[] fields = GROUPS.stream().map(g -> "body_" + g).toArray(String[]::new);
        Map<String, String[]> snippets = h.highlightFields(fields, text, top, new int[] {1, 1, 1});
        List<String> keys = new ArrayList<>(top.scoreDocs.length);
        List<String> shown = new ArrayList<>(top.scoreDocs.length);
        var stored = s.storedFields();
        for (int i = 0; i < top.scoreDocs.length; i++) {
            Document d = stored.document(top.scoreDocs[i].doc, HIT_FIELDS);
            keys.add(d.get("id"));
            String snippet = snippets.get("body_" + d.get("s_group"))[i];
            shown.add(snippet == null ? d.get("s_title") : snippet);
        }
        return new Page(keys, shown, total, facets);
    }

    /**
     * The similar-question baseline: {@link MoreLikeThis} on the draft text for every title (boosted 2x)
     * and body field and the tags, filtered to what the reader may see and to current statuses; top 5.
     *
     * @param s the searcher
     * @param draft the text of the new question
     * @param scope the reader
     * @return the keys of the hits, best first
     * @throws IOException from Lucene
     */
    public List<String> similar(IndexSearcher s, String draft, ViewerScope scope) throws IOException {
        return keys(s, s.search(similarQuery(s, draft, scope), 5));
    }

    /**
     * The similar-question baseline with what a result list shows, the same job as CoPKit's {@code similar}:
     * {@link #similar}'s query and top 5, plus one snippet per hit from its body field, highlighted with the
     * {@code MoreLikeThis} query (Lucene's {@link UnifiedHighlighter} as {@link #searchWithSnippets} uses it).
     *
     * @param s the searcher
     * @param draft the text of the new question
     * @param scope the reader
     * @return the keys and snippets of the hits, best first (no total, no facets)
     * @throws IOException from Lucene
     */
    public Page similarWithSnippets(IndexSearcher s, String draft, ViewerScope scope) throws IOException {
        Query full = similarQuery(s, draft, scope);
        TopDocs top = s.search(full, 5);
        return page(s, full, top, top.scoreDocs.length, Map.of());
    }

    private Query similarQuery(IndexSearcher s, String draft, ViewerScope scope) throws IOException {
        MoreLikeThis mlt = new MoreLikeThis(s.getIndexReader());
        mlt.setAnalyzer(analyzer);
        mlt.setMinTermFreq(1);
        mlt.setMinDocFreq(1);
        mlt.setMinWordLen(2);
        mlt.setMaxQueryTerms(25);
        mlt.setBoost(true);
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String g : GROUPS) {
            any.add(new BoostQuery(like(mlt, "title_" + g, draft), 2f), Occur.SHOULD);
            any.add(like(mlt, "body_" + g, draft), Occur.SHOULD);
        }
        any.add(like(mlt, "tags_text", draft), Occur.SHOULD);
        return new BooleanQuery.Builder().add(any.build(), Occur.MUST).add(visibility(scope), Occur.FILTER)
                .add(in("status", Set.of("PUBLISHED", "NEEDS_REVIEW", "ANSWERED")), Occur.FILTER).build();
    }

    private static Query like(MoreLikeThis mlt, String field, String text) throws IOException {
        mlt.setFieldNames(new String[] {field});
        return mlt.like(field, new StringReader(text));
    }

    private static List<String> keys(IndexSearcher s, TopDocs top) throws IOException {
        List<String> out = new ArrayList<>(top.scoreDocs.length);
        var stored = s.storedFields();
        for (ScoreDoc sd : top.scoreDocs) {
            Document d = stored.document(sd.doc, Set.of("id", "s_title"));
            out.add(d.get("id"));
        }
        return out;
    }

    static Query in(String field, Collection<String> values) {
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }

    private static Set<String> ids(Set<? extends org.copkit.Id> ids) {
        return ids.stream().map(org.copkit.Id::value).collect(Collectors.toSet());
    }

    private static CharArraySet folded(CharArraySet words) {
        CharArraySet out = new CharArraySet(words.size(), false);
        for (Object w : words) {
            char[] chars = (char[]) w;
            char[] f = new char[chars.length * 4];
            out.add(new String(f, 0, ASCIIFoldingFilter.foldToASCII(chars, 0, f, 0, chars.length)));
        }
        return out;
    }

    private static FieldType textType(boolean stored) {
        FieldType t = new FieldType(TextField.TYPE_NOT_STORED);
        t.setStored(stored);
        t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        t.freeze();
        return t;
    }
}
