package org.copkit.lucene;

import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.compound.CompoundWordTokenFilterBase;

/**
 * Splits Dutch compounds into the known words they contain, like Lucene's
 * {@code DictionaryCompoundWordTokenFilter}, but against a live, growing vocabulary (a concurrent
 * set) instead of a fixed {@code CharArraySet}: every part of at least {@link #MIN_PART} letters that
 * is a known word is emitted at the compound's position (the compound itself is kept), so
 * {@code warmtepompsubsidie} also indexes {@code warmtepomp}, {@code warmte}, {@code pomp} and
 * {@code subsidie} when those words are known.
 */
final class VocabularyCompoundFilter extends CompoundWordTokenFilterBase {
    /** Shortest compound that is split. */
    static final int MIN_COMPOUND = 7;
    /** Shortest part emitted. */
    static final int MIN_PART = 4;
    /** Longest part emitted. */
    static final int MAX_PART = 24;

    private final Set<String> words;

    VocabularyCompoundFilter(TokenStream input, Set<String> words) {
        super(input, null, MIN_COMPOUND, MIN_PART, MAX_PART, false);
        this.words = words;
    }

    @Override
    protected void decompose() {
        int len = termAtt.length();
        String term = new String(termAtt.buffer(), 0, len);
        for (int i = 0; i <= len - MIN_PART; i++) {
            for (int j = MIN_PART; j <= MAX_PART && i + j <= len; j++) {
                if (j == len) {
                    continue;
                }
                if (words.contains(term.substring(i, i + j))) {
                    tokens.add(new CompoundToken(i, j));
                }
            }
        }
    }
}
