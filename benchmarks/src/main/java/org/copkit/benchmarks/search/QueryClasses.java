package org.copkit.benchmarks.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.apache.lucene.search.IndexSearcher;
import org.copkit.search.SearchDocument;

/**
 * The query classes of the search comparison, each drawn deterministically from the corpus and checked
 * against the index with the bare query (the words, the default statuses and the reader's visibility):
 *
 * <ul>
 *   <li>{@code match}: one or two words next to each other in a document the reader may see (the query set
 *       of {@link SearchCorpus#queries}); every one has a visible hit.</li>
 *   <li>{@code nomatch}: queries without a visible hit: half are real words that occur nowhere in the corpus
 *       (English words of the StackFAQ file and Dutch words of the LibreOffice help in the shared data, or
 *       made-up words when those files are absent), half are two corpus words of the same language, each
 *       in some visible document but never together in one.</li>
 *   <li>{@code crosslang}: one or two words of a visible Dutch document searched with the language filter
 *       English, and the reverse (a Dutch reader who only reads English documents, and vice versa).</li>
 *   <li>{@code misspelt}: a word of 5 to 14 letters of a visible document with one edit after its first
 *       letter (a letter replaced, dropped, doubled or two letters swapped), alone or next to the word that
 *       follows it, kept only when the misspelt text has no visible hit. A new set is drawn for every
 *       measured round ({@link #misspelt(int)}), so no cache can have seen it.</li>
 * </ul>
 */
final class QueryClasses {
    /** One benchmark query: its class, text and language filter (empty: all languages). */
    record BenchQuery(String cls, String text, Optional<String> language) {}

    /** Counts the visible hits of a query with the bare searcher. */
    interface Counter {
        long count(BenchQuery q) throws IOException;
    }

    private final SearchCorpus corpus;
    private final Counter counter;
    private final Set<String> vocabulary;
    private final Path sharedData;
    private List<String> absent;

    QueryClasses(SearchCorpus corpus, Counter counter, Path sharedData) {
        this.corpus = corpus;
        this.counter = counter;
        this.sharedData = sharedData;
        this.vocabulary = corpus.vocabulary();
    }

    List<BenchQuery> match(int n) {
        return corpus.queries(n).stream().map(t -> new BenchQuery("match", t, Optional.empty())).toList();
    }

    /**
     * @param round the measured round (a new set per round)
     * @param n how many
     * @return queries without a visible hit
     */
    List<BenchQuery> nomatch(int round, int n) throws IOException {
        List<BenchQuery> out = new ArrayList<>();
        if (absent == null) {
            absent = absentWords();
        }
        SplittableRandom rnd = new SplittableRandom(31337L * (round + 11));
        int i = Math.floorMod(round + 1, 50) * (n / 2) % Math.max(1, absent.size());
        while (out.size() < n / 2 && i < absent.size()) {
            BenchQuery q = new BenchQuery("nomatch-absent", absent.get(i++), Optional.empty());
            if (counter.count(q) == 0) {
                out.add(q);
            }
        }
        int guard = 0;
        while (out.size() < n && guard++ < n * 200) {
            SearchDocument a = visibleDocument(rnd);
            SearchDocument b = visibleDocument(rnd);
            if (!a.language().equals(b.language())) {
                continue;
            }
            Optional<String> wa = word(a, rnd);
            Optional<String> wb = word(b, rnd);
            if (wa.isEmpty() || wb.isEmpty() || wa.equals(wb)) {
                continue;
            }
            BenchQuery q = new BenchQuery("nomatch-apart", wa.get() + " " + wb.get(), Optional.empty());
            if (counter.count(q) == 0) {
                out.add(q);
            }
        }
        return out;
    }

    List<BenchQuery> crosslang(int n) throws IOException {
        List<BenchQuery> out = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(2718);
        int guard = 0;
        while (out.size() < n && guard++ < n * 2000) {
            SearchDocument d = visibleDocument(rnd);
            String lang = d.language().getLanguage();
            boolean wantNl = out.size() % 2 == 0;
            if (!lang.equals(wantNl ? "nl" : "en")) {
                continue;
            }
            List<String> ws = SearchCorpus.contentWords(d.body());
            if (ws.size() < 2) {
                continue;
            }
            int at = rnd.nextInt(ws.size() - 1);
            String text = rnd.nextBoolean() ? ws.get(at) : ws.get(at) + " " + ws.get(at + 1);
            out.add(new BenchQuery("crosslang", text, Optional.of(wantNl ? "en" : "nl")));
        }
        return out;
    }

    /**
     * @param round the measured round (a new set per round)
     * @param n how many
     * @return misspelt queries without a visible hit
     */
    List<BenchQuery> misspelt(int round, int n) throws IOException {
        List<BenchQuery> out = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(1_000_003L * (round + 7));
        int guard = 0;
        while (out.size() < n && guard++ < n * 200) {
            SearchDocument d = visibleDocument(rnd);
            List<String> ws = SearchCorpus.contentWords(d.body());
            List<Integer> candidates = new ArrayList<>();
            for (int k = 0; k < ws.size(); k++) {
                int len = ws.get(k).length();
                if (len >= 5 && len <= 14) {
                    candidates.add(k);
                }
            }
            if (candidates.isEmpty()) {
                continue;
            }
            int at = candidates.get(rnd.nextInt(candidates.size()));
            String typo = typo(ws.get(at), rnd);
            if (vocabulary.contains(typo)) {
                continue;
            }
            String text = rnd.nextBoolean() || at + 1 >= ws.size() ? typo : typo + " " + ws.get(at + 1);
            BenchQuery q = new BenchQuery("misspelt", text, Optional.empty());
            if (counter.count(q) == 0) {
                out.add(q);
            }
        }
        return out;
    }

    static String typo(String w, SplittableRandom rnd) {
        int i = 1 + rnd.nextInt(w.length() - 1);
        char c = (char) ('a' + rnd.nextInt(26));
        return switch (rnd.nextInt(4)) {
            case 0 -> w.substring(0, i) + c + w.substring(i + 1); // replaced
            case 1 -> w.substring(0, i) + w.substring(i + 1); // dropped
            case 2 -> w.substring(0, i) + w.charAt(i) + w.substring(i); // doubled
            default -> i + 1 < w.length() ? w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2)
                    : w.substring(0, i) + c + w.substring(i + 1); // swapped
        };
    }

    private SearchDocument visibleDocument(SplittableRandom rnd) {
        while (true) {
            SearchDocument d = corpus.document(rnd.nextInt(corpus.size), "q");
            if (SearchCorpus.scope().canSee(d.visibility())) {
                return d;
            }
        }
    }

    private static Optional<String> word(SearchDocument d, SplittableRandom rnd) {
        List<String> ws = SearchCorpus.contentWords(d.body());
        return ws.isEmpty() ? Optional.empty() : Optional.of(ws.get(rnd.nextInt(ws.size())));
    }

    /** Real words (5+ letters) of other texts that the corpus never uses, in a fixed order. */
    private List<String> absentWords() throws IOException {
        Set<String> out = new LinkedHashSet<>();
        Path stackfaq = sharedData.resolve("stackfaq/stackfaq-dev.xml");
        Path libre = sharedData.resolve("libreoffice-help-nl/libreoffice-help-nl-7.4.lines.tsv.gz");
        List<String> en = Files.exists(stackfaq) ? words(Files.newInputStream(stackfaq), false) : List.of();
        List<String> nl = Files.exists(libre) ? words(Files.newInputStream(libre), true) : List.of();
        int i = 0;
        int j = 0;
        while (i < en.size() || j < nl.size()) {
            if (i < en.size()) {
                add(out, en.get(i++));
            }
            if (j < nl.size()) {
                add(out, nl.get(j++));
            }
        }
        if (out.isEmpty()) {
            SplittableRandom rnd = new SplittableRandom(99);
            String cons = "bdfgklmnprstvz";
            String vow = "aeiou";
            while (out.size() < 2_000) {
                StringBuilder b = new StringBuilder();
                for (int k = 0; k < 3 + rnd.nextInt(2); k++) {
                    b.append(cons.charAt(rnd.nextInt(cons.length()))).append(vow.charAt(rnd.nextInt(vow.length())));
                }
                add(out, b.toString());
            }
        }
        List<String> list = new ArrayList<>(out);
        // spread over the files rather than their first pages
        java.util.Collections.shuffle(list, new java.util.Random(5));
        return list;
    }

    private void add(Set<String> out, String w) {
        if (w.length() >= 5 && w.length() <= 14 && !vocabulary.contains(w) && !SearchCorpus.isStopWord(w)) {
            out.add(w);
        }
    }

    private static List<String> words(InputStream raw, boolean gz) throws IOException {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (InputStream in = gz ? new GZIPInputStream(raw) : raw;
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String s = r.readLine(); s != null; s = r.readLine()) {
                for (String w : s.replaceAll("<[^>]*>", " ").toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
                    if (!w.isEmpty() && seen.add(w)) {
                        out.add(w);
                    }
                }
            }
        }
        return out;
    }
}
