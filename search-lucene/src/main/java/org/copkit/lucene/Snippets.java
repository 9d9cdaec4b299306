package org.copkit.lucene;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.Locale;
import java.util.Map;
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
    private static final String ELLIPSIS = "… ";

    private final PassageFormatter formatter = new DefaultPassageFormatter("<mark>", "</mark>", ELLIPSIS, true);
    private final Analyzer analyzer;

    Snippets(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * @param searcher the searcher the page came from
     * @param query the text query (without filters)
     * @param page the page's documents
     * @return per body field, one snippet per page document (null when the document has no such field)
     */
    Map<String, String[]> highlight(IndexSearcher searcher, Query query, TopDocs page) throws IOException {
        UnifiedHighlighter h = UnifiedHighlighter.builder(searcher, analyzer).withFormatter(formatter)
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getWordInstance(Locale.ROOT), LENGTH, 0.3f))
                .withMaxLength(200_000).withHandleMultiTermQuery(true).build();
        String[] fields = Analysis.GROUPS.stream().map(Docs::body).toArray(String[]::new);
        int[] passages = new int[fields.length];
        java.util.Arrays.fill(passages, 1);
        return h.highlightFields(fields, query, page, passages);
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
