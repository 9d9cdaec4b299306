package org.copkit.lucene;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Highlighted excerpts with Lucene's {@link UnifiedHighlighter} over the body fields (offsets are in
 * the postings, so nothing is re-analysed): one passage of about {@value #LENGTH} characters cut at
 * word boundaries (never inside a surrogate pair), matches in {@code <mark>}, the rest HTML-escaped by
 * Lucene's {@link DefaultPassageFormatter} ({@code & < > " '} and {@code /}). The formatter writes
 * {@code /} as {@code &#x2F;}; since {@code <} is always escaped a slash cannot start markup, so it
 * is put back as a plain {@code /} to keep the output within the entities CoPKit promises
 * ({@code &lt; &gt; &amp; &quot; &#x27;}).
 */
final class Snippets {
    static final int LENGTH = 160;
    /** The longest body text the highlighter reads. */
    private static final int MAX_LENGTH = 200_000;
    private static final String ELLIPSIS = "… ";

    private final PassageFormatter formatter = new DefaultPassageFormatter("<mark>", "</mark>", ELLIPSIS, true);
    private final Analyzer analyzer;

    Snippets(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * Snippets and the stored documents they were cut from.
     *
     * @param snippets per body field, one snippet per page document (null when the document has no such field)
     * @param documents per document id, the stored fields the highlighter read: the body fields plus the
     *     fields asked for, so a hit's fields need not be read (and decompressed) a second time
     */
    record Highlighted(Map<String, String[]> snippets, Map<Integer, Document> documents) {}

    /**
     * @param searcher the searcher the page came from
     * @param query the text query (without filters)
     * @param page the page's documents
     * @param alsoLoad stored fields to read with the bodies, for the caller
     * @return the snippets and the documents read
     */
    Highlighted highlight(IndexSearcher searcher, Query query, TopDocs page, Set<String> alsoLoad) throws IOException {
        Map<String, Query> perField = new LinkedHashMap<>();
        Analysis.GROUPS.forEach(g -> perField.put(Docs.body(g), query));
        return highlight(searcher, perField, page, alsoLoad);
    }

    /**
     * @param searcher the searcher the page came from
     * @param perField per body field, the query its snippets are cut with (the same query for every field
     *     highlights all fields in one go)
     * @param page the page's documents
     * @param alsoLoad stored fields to read with the bodies, for the caller
     * @return the snippets and the documents read (each read once)
     */
    Highlighted highlight(IndexSearcher searcher, Map<String, Query> perField, TopDocs page, Set<String> alsoLoad)
            throws IOException {
        Map<Integer, Document> documents = new HashMap<>();
        Set<String> wanted = new HashSet<>(alsoLoad);
        Analysis.GROUPS.forEach(g -> wanted.add(Docs.body(g)));
        UnifiedHighlighter.Builder b = UnifiedHighlighter.builder(searcher, analyzer).withFormatter(formatter)
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getWordInstance(Locale.ROOT), LENGTH, 0.3f))
                .withMaxLength(MAX_LENGTH).withHandleMultiTermQuery(true);
        UnifiedHighlighter h = new UnifiedHighlighter(b) {
            /**
             * Every body field is indexed with offsets in the postings and without term vectors ({@link Docs}),
             * so the answer Lucene would compute from the merged field infos of all segments (per query) is
             * known. A body field no segment has yet holds no document to highlight either way.
             */
            @Override
            protected OffsetSource getOffsetSource(String field) {
                return OffsetSource.POSTINGS;
            }

            /** Reads each document once, with the caller's fields; the same values as Lucene's own loader. */
            @Override
            protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs,
                    int cacheCharsThreshold) throws IOException {
                StoredFields stored = searcher.storedFields();
                List<CharSequence[]> out = new ArrayList<>();
                int chars = 0;
                do {
                    int doc = docs.nextDoc();
                    if (doc == DocIdSetIterator.NO_MORE_DOCS) {
                        break;
                    }
                    Document d = documents.get(doc);
                    if (d == null) {
                        d = stored.document(doc, wanted);
                        documents.put(doc, d);
                    }
                    CharSequence[] values = new CharSequence[fields.length];
                    for (int i = 0; i < fields.length; i++) {
                        String[] all = d.getValues(fields[i]);
                        if (all.length > 0) {
                            String v = String.join(String.valueOf(UnifiedHighlighter.MULTIVAL_SEP_CHAR), all);
                            values[i] = v.substring(0, Math.min(MAX_LENGTH, v.length()));
                            chars += values[i].length();
                        }
                    }
                    out.add(values);
                } while (chars <= cacheCharsThreshold && cacheCharsThreshold != 0);
                return out;
            }
        };
        Map<String, String[]> out = new LinkedHashMap<>();
        if (new HashSet<>(perField.values()).size() == 1) {
            String[] fields = perField.keySet().toArray(String[]::new);
            int[] passages = new int[fields.length];
            Arrays.fill(passages, 1);
            out.putAll(h.highlightFields(fields, perField.values().iterator().next(), page, passages));
        } else {
            for (Map.Entry<String, Query> e : perField.entrySet()) {
                out.putAll(h.highlightFields(new String[] {e.getKey()}, e.getValue(), page, new int[] {1}));
            }
        }
        return new Highlighted(out, documents);
    }

    /** @return the HTML-escaped start of a text (for documents without a body), at most LENGTH characters */
    String plain(String text) {
        int end = Math.min(text.length(), LENGTH);
        if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
            end++;
        }
        Passage p = new Passage();
        p.setStartOffset(0);
        p.setEndOffset(end);
        String out = clean(String.valueOf(formatter.format(new Passage[] {p}, text)));
        return end < text.length() ? out + " …" : out;
    }

    /** Puts back the escaped slash (see the class comment). */
    static String clean(String snippet) {
        return snippet == null ? null : snippet.replace("&#x2F;", "/");
    }
}
