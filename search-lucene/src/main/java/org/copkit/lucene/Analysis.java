package org.copkit.lucene;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
import org.apache.lucene.analysis.miscellaneous.StemmerOverrideFilter;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.tartarus.snowball.ext.DutchStemmer;

/**
 * The analysis of the index, per language group:
 * <ul>
 * <li>{@code nl}: standard tokenizer, lower case, ASCII folding, compound splitting against the Dutch
 * vocabulary (index side only), Dutch stop words, Snowball Dutch stemmer;</li>
 * <li>{@code en}: standard tokenizer, possessive removal, lower case, ASCII folding, English stop
 * words, Porter stemmer;</li>
 * <li>{@code xx} (every other language): standard tokenizer, lower case, ASCII folding.</li>
 * </ul>
 * The surface fields (words, title words, tags, Dutch words) use the {@code xx} chain. Thread-safe.
 */
final class Analysis {
    /** Language groups: Dutch, English, others. */
    static final List<String> GROUPS = List.of("nl", "en", "xx");

    /** Most words the Dutch vocabulary learns; further words are not added. */
    static final int MAX_VOCABULARY = 2_000_000;

    private static final CharArraySet DUTCH_STOP = fold(DutchAnalyzer.getDefaultStopSet());
    private static final CharArraySet ENGLISH_STOP = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

    /**
     * The stem overrides of Lucene's own {@code DutchAnalyzer} (where Snowball over-stems): fiets,
     * bromfiets, ei/eier, kind/kinder.
     */
    private static final StemmerOverrideFilter.StemmerOverrideMap DUTCH_STEM_OVERRIDES = dutchOverrides();

    private final Set<String> dutchWords = ConcurrentHashMap.newKeySet();
    private final Analyzer surface = new Surface();
    private final Analyzer index;
    private final Analyzer query;

    Analysis(Collection<String> extraDutchWords) {
        Analyzer nlIndex = new Dutch(true);
        Analyzer nlQuery = new Dutch(false);
        Analyzer en = new English();
        index = new PerFieldAnalyzerWrapper(surface, Map.of(Docs.title("nl"), nlIndex, Docs.body("nl"), nlIndex,
                Docs.title("en"), en, Docs.body("en"), en));
        query = new PerFieldAnalyzerWrapper(surface, Map.of(Docs.title("nl"), nlQuery, Docs.body("nl"), nlQuery,
                Docs.title("en"), en, Docs.body("en"), en));
        extraDutchWords.forEach(w -> surfaceTokens(w).forEach(this::learnDutch));
    }

    /** @return the analyzer for writing (splits Dutch compounds) */
    Analyzer index() {
        return index;
    }

    /** @return the analyzer for queries (does not split compounds) */
    Analyzer query() {
        return query;
    }

    /** @return the language group of a document language: nl, en or xx */
    static String group(Locale language) {
        String l = language.getLanguage();
        return l.equals("nl") || l.equals("en") ? l : "xx";
    }

    /** @return whether the folded word is a stop word of Dutch or English */
    static boolean isStopWord(String folded) {
        return DUTCH_STOP.contains(folded) || ENGLISH_STOP.contains(folded);
    }

    /**
     * Reads a Dutch text once for the compound vocabulary: its distinct candidate words (see
     * {@link #isVocabularyWord}) are added to the vocabulary and returned, so that the caller can index
     * them as the document's {@code nl_words} (from which the vocabulary is reloaded on open) without
     * analysing the text again.
     *
     * @param text a Dutch title and body
     * @return the distinct candidate words of the text, in order of first occurrence
     */
    Set<String> learnDutchText(String text) {
        Set<String> words = new LinkedHashSet<>();
        try (TokenStream ts = surface.tokenStream(Docs.WORDS, new StringReader(text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (isVocabularyWord(term.buffer(), term.length())) {
                    words.add(term.toString());
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        for (String w : words) {
            if (dutchWords.size() >= MAX_VOCABULARY) {
                break;
            }
            dutchWords.add(w);
        }
        return words;
    }

    /** Adds a word (already folded) to the compound vocabulary when it qualifies. */
    void learnDutch(String word) {
        if (isVocabularyWord(word.toCharArray(), word.length()) && dutchWords.size() < MAX_VOCABULARY) {
            dutchWords.add(word);
        }
    }

    /**
     * @return whether a folded word can be a compound part: {@link VocabularyCompoundFilter#MIN_PART} to
     *     {@link VocabularyCompoundFilter#MAX_PART} UTF-16 units, letters only, not a Dutch stop word
     */
    static boolean isVocabularyWord(char[] chars, int length) {
        if (length < VocabularyCompoundFilter.MIN_PART || length > VocabularyCompoundFilter.MAX_PART) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (!Character.isLetter(chars[i])) {
                return false;
            }
        }
        return !DUTCH_STOP.contains(chars, 0, length);
    }

    /** @return how many Dutch words are known */
    int dutchVocabularySize() {
        return dutchWords.size();
    }

    /** @return the lower-cased, accent-folded words of a text, in order */
    List<String> surfaceTokens(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = surface.tokenStream(Docs.WORDS, new StringReader(text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        return out;
    }

    private static StemmerOverrideFilter.StemmerOverrideMap dutchOverrides() {
        StemmerOverrideFilter.Builder b = new StemmerOverrideFilter.Builder(false);
        b.add("fiets", "fiets");
        b.add("bromfiets", "bromfiets");
        b.add("ei", "eier");
        b.add("kind", "kinder");
        try {
            return b.build();
        } catch (IOException e) {
            throw new IllegalStateException("building a fixed map cannot fail", e);
        }
    }

    private static CharArraySet fold(CharArraySet words) {
        CharArraySet out = new CharArraySet(words.size(), false);
        for (Object w : words) {
            char[] chars = (char[]) w;
            char[] folded = new char[chars.length * 4];
            int len = ASCIIFoldingFilter.foldToASCII(chars, 0, folded, 0, chars.length);
            out.add(new String(folded, 0, len));
        }
        return CharArraySet.unmodifiableSet(out);
    }

    private static TokenStream folded(Tokenizer source) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(source));
    }

    /** Lower case and accent folding only. */
    private static final class Surface extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, folded(source));
        }
    }

    /** English: possessives, folding, stop words, Porter stemming. */
    private static final class English extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream s = new EnglishPossessiveFilter(source);
            s = new ASCIIFoldingFilter(new LowerCaseFilter(s));
            s = new StopFilter(s, ENGLISH_STOP);
            return new TokenStreamComponents(source, new PorterStemFilter(s));
        }
    }

    /** Dutch: folding, compounds (index side), stop words, Snowball stemming. */
    private final class Dutch extends Analyzer {
        private final boolean splitCompounds;

        Dutch(boolean splitCompounds) {
            this.splitCompounds = splitCompounds;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream s = folded(source);
            if (splitCompounds) {
                s = new VocabularyCompoundFilter(s, dutchWords);
            }
            s = new StopFilter(s, DUTCH_STOP);
            s = new StemmerOverrideFilter(s, DUTCH_STEM_OVERRIDES);
            return new TokenStreamComponents(source, new SnowballFilter(s, new DutchStemmer()));
        }
    }
}
