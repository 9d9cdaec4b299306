package org.copkit.benchmarks.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.copkit.access.ViewerScope;
import org.copkit.benchmarks.search.QueryClasses.BenchQuery;
import org.copkit.search.SearchQuery;
import org.copkit.search.SearchResult;

/**
 * The search comparison of record: every side answers the same query right after the others, in one JVM,
 * so that a load that changes over seconds (other processes on the same cores) meets all sides alike.
 * Sides, per query:
 *
 * <ul>
 *   <li>{@code copkit}: {@code LuceneSearchIndex.query(SearchQuery.of(text))} (with the language filter of a
 *       cross-language query): top 10 with snippets and display fields, exact total, five facet counts, and
 *       the typo fallback and did-you-mean when nothing visible matches;</li>
 *   <li>{@code bare}: a bare {@link IndexSearcher} on the same files: the equivalent query with the same
 *       filters, top 10 by score (ties newest first), key and title of each hit ({@link RawLucene#search}'s
 *       query);</li>
 *   <li>{@code samejob}: CoPKit's job written by a Lucene expert ({@link ExpertLucene}: one reused
 *       highlighter, stored fields read once, facets in the same pass) - no typo fallback;</li>
 *   <li>{@code postgres}: PostgreSQL full-text search as Discourse runs it ({@link PostgresFts}).</li>
 * </ul>
 *
 * {@code nomatch} is also reported in its two halves: {@code nomatch-absent} (a word the corpus never uses) and
 * {@code nomatch-apart} (two corpus words never in one visible document). The order of the sides rotates
 * from query to query. Per class it prints p50, p90, p99 and mean of each
 * side and the median of the per-query ratios. The {@code misspelt} and {@code nomatch} sets are drawn anew
 * for every round, so a cache of earlier rounds cannot answer them.
 *
 * <pre>
 * java -Dcopkit.bench.indexCache=/var/tmp/copkit-bench -cp benchmarks.jar \
 *     org.copkit.benchmarks.search.InterleavedSearch europarlx 175970 200 5 30 [nopg]
 * </pre>
 *
 * Arguments: corpus, items, queries per class, measured rounds, warm-up seconds, and {@code nopg} to leave
 * PostgreSQL out. The PostgreSQL table lives in schema {@code copkit_fts_<corpus>_<items>_<suffix>}
 * ({@code -Dcopkit.bench.pgSchema=...} to reuse a loaded one; {@code -Dcopkit.bench.pgKeep=true} keeps it,
 * otherwise it is dropped at the end).
 */
public final class InterleavedSearch {
    private static final List<String> SIDES = List.of("copkit", "bare", "samejob", "postgres");
    private static final Sort SORT = new Sort(SortField.FIELD_SCORE, new SortField("updated", SortField.Type.LONG, true));

    private final SharedIndex index;
    private final RawLucene raw = new RawLucene();
    private final ExpertLucene expert;
    private final PostgresFts pg;
    private final ViewerScope scope = SearchCorpus.scope();
    private final Query visibility = RawLucene.visibility(scope);
    private final Query statuses = RawLucene.defaultStatuses();
    /** What CoPKit answered: fuzzy hits for queries without exact hits, did-you-mean offered. */
    private final Map<String, int[]> outcome = new LinkedHashMap<>();

    private InterleavedSearch(SharedIndex index, PostgresFts pg) throws IOException {
        this.index = index;
        this.pg = pg;
        this.expert = new ExpertLucene(index.raw, raw);
    }

    public static void main(String[] args) throws Exception {
        String corpusName = args[0];
        int items = Integer.parseInt(args[1]);
        int perClass = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        int warmupSeconds = Integer.parseInt(args[4]);
        boolean withPg = !(args.length > 5 && args[5].equals("nopg"));
        System.out.printf("load average at start: %s", Files.readString(Path.of("/proc/loadavg")));
        SearchCorpus corpus = SearchCorpus.of(corpusName, items);
        long t0 = System.nanoTime();
        SharedIndex index = new SharedIndex(corpus);
        System.out.printf("index of %d documents ready in %.1f s (%s), %d segments%n", corpus.size,
                (System.nanoTime() - t0) / 1e9, index.root, index.rawReader.leaves().size());
        PostgresFts pg = null;
        String schema = System.getProperty("copkit.bench.pgSchema",
                "copkit_fts_" + corpusName + "_" + items + "_" + Long.toHexString(System.nanoTime() & 0xffffff));
        if (withPg) {
            t0 = System.nanoTime();
            pg = new PostgresFts(schema, corpus, SearchCorpus.scope(), System.getProperty("copkit.bench.pgSchema") != null);
            System.out.printf("PostgreSQL table %s ready in %.1f s: %s%n", schema, (System.nanoTime() - t0) / 1e9, pg.size());
        }
        InterleavedSearch h = new InterleavedSearch(index, pg);
        try {
            h.run(corpus, perClass, rounds, warmupSeconds);
        } finally {
            if (pg != null) {
                if (!Boolean.getBoolean("copkit.bench.pgKeep")) {
                    pg.drop();
                }
                pg.close();
            }
            index.close();
        }
        System.out.printf("load average at end: %s", Files.readString(Path.of("/proc/loadavg")));
        System.exit(0);
    }

    private void run(SearchCorpus corpus, int perClass, int rounds, int warmupSeconds) throws Exception {
        QueryClasses classes = new QueryClasses(corpus, q -> index.raw.count(full(q)),
                Path.of(System.getProperty("copkit.bench.sharedData", "/work/shared/data")));
        List<BenchQuery> match = classes.match(perClass);
        List<BenchQuery> crosslang = classes.crosslang(perClass);
        List<String> names = List.of("match", "nomatch", "nomatch-absent", "nomatch-apart", "crosslang", "misspelt");
        List<String> sides = pg == null ? SIDES.subList(0, 3) : SIDES;
        // per class, per side: the latencies in microseconds of every measured query
        Map<String, Map<String, List<Double>>> times = new LinkedHashMap<>();
        Map<String, List<Double>> ratioBare = new LinkedHashMap<>();
        Map<String, List<Double>> ratioSame = new LinkedHashMap<>();
        Map<String, List<Double>> ratioPg = new LinkedHashMap<>();
        for (String n : names) {
            Map<String, List<Double>> bySide = new LinkedHashMap<>();
            sides.forEach(s -> bySide.put(s, new ArrayList<>()));
            times.put(n, bySide);
            ratioBare.put(n, new ArrayList<>());
            ratioSame.put(n, new ArrayList<>());
            ratioPg.put(n, new ArrayList<>());
        }
        // warm-up: the fixed sets and one misspelt / nomatch set of their own (round -1)
        List<BenchQuery> warm = new ArrayList<>(match);
        warm.addAll(crosslang);
        warm.addAll(classes.misspelt(-1, perClass));
        warm.addAll(classes.nomatch(-1, perClass));
        long end = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        int k = 0;
        while (System.nanoTime() < end) {
            BenchQuery q = warm.get(k++ % warm.size());
            for (String s : sides) {
                run(s, q);
            }
        }
        outcome.clear();
        for (int r = 0; r < rounds; r++) {
            Map<String, List<BenchQuery>> sets = new LinkedHashMap<>();
            sets.put("match", match);
            List<BenchQuery> nomatch = classes.nomatch(r, perClass);
            sets.put("nomatch", nomatch);
            // its two halves, reported apart from the same samples
            sets.put("nomatch-absent", List.of());
            sets.put("nomatch-apart", List.of());
            sets.put("crosslang", crosslang);
            sets.put("misspelt", classes.misspelt(r, perClass));
            for (Map.Entry<String, List<BenchQuery>> e : sets.entrySet()) {
                int i = 0;
                for (BenchQuery q : e.getValue()) {
                    double[] t = new double[sides.size()];
                    for (int j = 0; j < sides.size(); j++) {
                        int side = (i + r + j) % sides.size();
                        long s0 = System.nanoTime();
                        run(sides.get(side), q);
                        t[side] = (System.nanoTime() - s0) / 1_000.0;
                    }
                    List<String> into = new ArrayList<>(List.of(e.getKey()));
                    if (e.getKey().equals("nomatch")) {
                        into.add(q.cls());
                    }
                    for (String cls : into) {
                        for (int j = 0; j < sides.size(); j++) {
                            times.get(cls).get(sides.get(j)).add(t[j]);
                        }
                        ratioBare.get(cls).add(t[0] / t[1]);
                        ratioSame.get(cls).add(t[0] / t[2]);
                        if (pg != null) {
                            ratioPg.get(cls).add(t[3] / t[0]);
                        }
                    }
                    i++;
                }
            }
            System.out.printf("round %d done, load average %s", r + 1, Files.readString(Path.of("/proc/loadavg")));
        }
        System.out.printf("%n%s %d documents, %d queries per class and round, %d rounds, %d s warm-up%n",
                corpus.name, corpus.size, perClass, rounds, warmupSeconds);
        System.out.println("latency in ms: p50 / p90 / p99 (mean); ratios: median of per-query ratios");
        for (String n : names) {
            Map<String, List<Double>> bySide = times.get(n);
            System.out.printf("%-10s (%d samples)%n", n, bySide.get("copkit").size());
            for (String s : sides) {
                double[] v = bySide.get(s).stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf(Locale.ROOT, "  %-9s %8.3f / %8.3f / %8.3f  (%.3f)%n", s, q(v, 0.5) / 1e3,
                        q(v, 0.9) / 1e3, q(v, 0.99) / 1e3, Arrays.stream(v).average().orElse(0) / 1e3);
            }
            double[] cb = sorted(ratioBare.get(n));
            double[] cs = sorted(ratioSame.get(n));
            System.out.printf(Locale.ROOT, "  copkit/bare %.2fx (p50s %.2fx, p99s %.2fx)   copkit/samejob %.2fx (p50s %.2fx, p99s %.2fx)",
                    q(cb, 0.5), p(bySide, "copkit", 0.5) / p(bySide, "bare", 0.5),
                    p(bySide, "copkit", 0.99) / p(bySide, "bare", 0.99), q(cs, 0.5),
                    p(bySide, "copkit", 0.5) / p(bySide, "samejob", 0.5), p(bySide, "copkit", 0.99) / p(bySide, "samejob", 0.99));
            if (pg != null) {
                double[] cp = sorted(ratioPg.get(n));
                System.out.printf(Locale.ROOT, "   postgres/copkit %.2fx (p50s %.2fx, p99s %.2fx)", q(cp, 0.5),
                        p(bySide, "postgres", 0.5) / p(bySide, "copkit", 0.5),
                        p(bySide, "postgres", 0.99) / p(bySide, "copkit", 0.99));
            }
            System.out.println();
            int[] o = outcome.getOrDefault(n, new int[3]);
            System.out.printf("  copkit answers: %d with hits, %d without; did-you-mean offered %d times%n", o[0], o[1], o[2]);
        }
    }

    private void run(String side, BenchQuery q) throws Exception {
        switch (side) {
            case "copkit" -> {
                SearchQuery sq = SearchQuery.of(q.text());
                if (q.language().isPresent()) {
                    sq = sq.withLanguages(Locale.forLanguageTag(q.language().get()));
                }
                SearchResult r = index.copkit.query(sq, scope);
                for (String cls : q.cls().startsWith("nomatch-") ? List.of(q.cls(), "nomatch") : List.of(q.cls())) {
                    int[] o = outcome.computeIfAbsent(cls, x -> new int[3]);
                    o[r.total() > 0 ? 0 : 1]++;
                    o[2] += r.didYouMean().isPresent() ? 1 : 0;
                }
            }
            case "bare" -> {
                TopDocs top = index.raw.search(full(q), 10, SORT, true);
                var stored = index.raw.storedFields();
                for (ScoreDoc sd : top.scoreDocs) {
                    stored.document(sd.doc, java.util.Set.of("id", "s_title"));
                }
            }
            case "samejob" -> expert.search(raw.text(q.text()), full(q));
            case "postgres" -> pg.search(q.text(), q.language());
            default -> throw new IllegalArgumentException(side);
        }
    }

    private Query full(BenchQuery q) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(raw.text(q.text()), Occur.MUST)
                .add(statuses, Occur.FILTER).add(visibility, Occur.FILTER);
        q.language().ifPresent(l -> b.add(new TermQuery(new Term("lang", l)), Occur.FILTER));
        return b.build();
    }

    private static double p(Map<String, List<Double>> bySide, String side, double at) {
        return q(sorted(bySide.get(side)), at);
    }

    private static double[] sorted(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static double q(double[] sorted, double at) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(at * sorted.length))];
    }
}
