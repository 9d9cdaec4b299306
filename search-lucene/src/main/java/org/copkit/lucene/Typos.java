package org.copkit.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.CompiledAutomaton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the typo fallback and did-you-mean need, computed once per query and bounded, so that a query
 * without hits costs little more than the search that found nothing.
 *
 * <ul>
 *   <li><b>Words the reader can see are not typos.</b> A word that occurs (as a surface word, field
 *       {@link Docs#WORDS}) in at least one document the reader may see is taken as meant: it is neither
 *       expanded nor corrected, whatever the query's other filters. Checked with the terms dictionary first
 *       (a word no segment has costs one lookup per segment) and then by stopping at the first visible
 *       document, not by counting them all.</li>
 *   <li><b>One expansion per word, shared, closest first.</b> The words one edit from a typo (Lucene's
 *       Levenshtein automaton, first letter fixed, a swap of neighbours is one edit) are enumerated once per
 *       segment and serve both did-you-mean and the fuzzy query, which becomes a disjunction of those
 *       words. Only when there are none and the typo may be two edits off (8 letters or more) are the
 *       words two edits away enumerated, with the first two letters fixed (the two-edit automaton is the
 *       costly one; the fixed prefix makes it about three times cheaper). The former code enumerated the
 *       terms dictionary up to three times (the spell checker at one and at two edits, then
 *       {@code FuzzyQuery}'s rewrite at two). At most {@value #MAX_EXPANSIONS} words per typo are kept (most
 *       documents first), and the enumeration stops after {@value #MAX_VISITED} words per segment.</li>
 *   <li><b>Cached per segment.</b> The expansion of a word in a segment depends on that segment only,
 *       which never changes, so it is kept with the segment (at most {@value #CACHED_WORDS} words per
 *       segment, dropped when the segment is closed): near-real-time reopens keep the cache of every
 *       segment they did not replace.</li>
 *   <li><b>Proven absent in a few hash probes.</b> A {@link NeighbourFilter} (a Bloom filter of the
 *       deletion keys of every surface word) proves for most words that nothing is within reach, and for a
 *       word that no segment has that it is in none: the automaton and the terms-dictionary lookups then skip
 *       every segment the filter covers. It only skips work that would have found nothing, so the answers
 *       are those of the automaton alone. Built in the background from the reader's merged vocabulary when
 *       the index opens (until it is ready, and for segments it does not cover yet, the automaton runs as
 *       before); after each refresh the new segments are added to it off the query thread.</li>
 *   <li><b>Skipped where it cannot help.</b> No fuzzy query runs when no word of the query is a typo, or
 *       when a word every hit must contain is a typo with no word of the index within reach.</li>
 * </ul>
 *
 * Thread-safe. {@link #close()} stops the filter's background thread.
 */
final class Typos {
    private static final Logger LOG = LoggerFactory.getLogger(Typos.class);
    /** Most words a typo expands to (as {@link FuzzyQuery}'s default). */
    static final int MAX_EXPANSIONS = 50;
    /** Most words of one segment's terms dictionary a typo's enumeration accepts. */
    static final int MAX_VISITED = 4_096;
    /** Most words whose expansion a segment keeps. */
    static final int CACHED_WORDS = 2_048;
    /** Most candidates did-you-mean checks for visibility, per word. */
    static final int MAX_SUGGESTION_CHECKS = 10;

    /** A word of the index within reach of a typo: its edits and documents (over the segments searched). */
    record Candidate(String word, int edits, int docFreq) {}

    /** Per segment core: word and edits to the candidates of that segment. */
    private final Map<Object, Map<String, List<Candidate>>> perSegment = new ConcurrentHashMap<>();
    private final boolean useFilter;
    /** The proof that a word has no neighbour, or null until it is built (in the background). */
    private volatile NeighbourFilter filter;
    /** The newest reader the filter should cover, held (incRef) until the builder takes it. */
    private final AtomicReference<IndexReader> next = new AtomicReference<>();
    private final ThreadPoolExecutor builder;
    private volatile boolean closed;

    /** Typos with the neighbour filter. */
    Typos() {
        this(true);
    }

    /**
     * @param useFilter whether to keep a {@link NeighbourFilter} (false: every segment is enumerated, as
     *     before the filter; for comparisons)
     */
    Typos(boolean useFilter) {
        this.useFilter = useFilter;
        builder = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "copkit-lucene-typos");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        builder.allowCoreThreadTimeOut(true);
    }

    /**
     * Brings the neighbour filter up to date with a reader, on a background thread (built from the reader's
     * vocabulary the first time, then the segments it does not cover added). Does nothing after
     * {@link #close()} or without the filter.
     *
     * @param reader an open reader (held until the background thread is done with it)
     */
    void refreshed(IndexReader reader) {
        warm(reader);
    }

    private void warm(IndexReader reader) {
        if (!useFilter || closed || !reader.tryIncRef()) {
            return;
        }
        IndexReader queued = next.getAndSet(reader);
        if (queued != null) {
            // a task is queued and takes the newest reader
            decRef(queued);
            return;
        }
        try {
            builder.execute(this::sync);
        } catch (RejectedExecutionException e) {
            IndexReader r = next.getAndSet(null);
            if (r != null) {
                decRef(r);
            }
        }
    }

    /** Covers the newest queued reader: builds the filter, or adds its new segments, or builds it again. */
    private void sync() {
        IndexReader r = next.getAndSet(null);
        if (r == null) {
            return;
        }
        try {
            if (closed) {
                return;
            }
            NeighbourFilter f = filter;
            long uncoveredDocs = 0;
            if (f != null) {
                for (LeafReaderContext leaf : r.leaves()) {
                    uncoveredDocs += f.covers(leaf.reader()) ? 0 : leaf.reader().maxDoc();
                }
            }
            boolean rebuild = f == null || uncoveredDocs > r.maxDoc() / 2;
            if (!rebuild) {
                for (LeafReaderContext leaf : r.leaves()) {
                    if (!f.covers(leaf.reader())) {
                        rebuild |= f.add(leaf.reader());
                    }
                }
            }
            if (rebuild) {
                long t0 = System.nanoTime();
                NeighbourFilter built = NeighbourFilter.build(r);
                filter = built;
                LOG.debug("Typo neighbour filter built for {} segments in {} ms: {} bytes", r.leaves().size(),
                        (System.nanoTime() - t0) / 1_000_000, built.bytes());
            }
        } catch (IOException | RuntimeException e) {
            // for example a reader closed with the index; the automaton answers without the filter
            LOG.debug("Typo neighbour filter not brought up to date: {}", e.toString());
        } finally {
            decRef(r);
        }
    }

    private static void decRef(IndexReader r) {
        try {
            r.decRef();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Releasing a reader failed: {}", e.toString());
        }
    }

    /**
     * Waits until the background work queued so far (building or extending the filter) has run: the thread
     * runs its tasks in order, so a task queued now finishes after them. For tests.
     */
    void awaitBackgroundWork() throws InterruptedException, java.util.concurrent.ExecutionException {
        builder.submit(() -> { }).get();
    }

    /** @return the current neighbour filter, or null (none yet) */
    NeighbourFilter filter() {
        return filter;
    }

    /** Stops the background thread (a build in progress finishes) and drops the filter. */
    void close() {
        closed = true;
        builder.shutdown();
        IndexReader r = next.getAndSet(null);
        if (r != null) {
            decRef(r);
        }
        filter = null;
    }

    /**
     * @param s the searcher
     * @param word a surface word
     * @param visibility the reader's visibility filter, or null for the system scope
     * @return whether the word occurs in a document the reader may see
     */
    boolean visible(IndexSearcher s, String word, Query visibility) throws IOException {
        Term t = new Term(Docs.WORDS, word);
        NeighbourFilter f = filter;
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        // which segments the filter covers, read before it is asked: their words are in it by then
        boolean[] covered = f == null ? null : f.covers(leaves);
        boolean absent = f != null && !f.mightContain(word);
        boolean inDictionary = false;
        for (LeafReaderContext leaf : leaves) {
            if (absent && covered[leaf.ord]) {
                continue;
            }
            Terms terms = leaf.reader().terms(Docs.WORDS);
            if (terms != null && terms.iterator().seekExact(t.bytes())) {
                inDictionary = true;
                break;
            }
        }
        return inDictionary && any(s, visibility == null ? new TermQuery(t) : Queries.filtered(new TermQuery(t),
                List.of(visibility)));
    }

    /**
     * @return whether any live document matches, stopping at the first one (never counts them all)
     */
    static boolean any(IndexSearcher s, Query q) throws IOException {
        Weight w = s.createWeight(s.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            Scorer scorer = w.scorer(leaf);
            if (scorer == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            DocIdSetIterator it = scorer.iterator();
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                if (live == null || live.get(doc)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @param reader the reader
     * @param word a surface word
     * @param maxEdits 1 or 2
     * @return the closest words of the index (the word itself excluded): those one edit away (first letter
     *     equal); only when there are none and {@code maxEdits} is 2, those two edits away (first two letters
     *     equal). Most documents first, then in word order; at most {@value #MAX_EXPANSIONS}
     */
    List<Candidate> candidates(IndexReader reader, String word, int maxEdits) throws IOException {
        List<Candidate> one = candidates(reader, word, 1, 1);
        return one.isEmpty() && maxEdits > 1 && word.codePointCount(0, word.length()) > 2
                ? candidates(reader, word, 2, 2) : one;
    }

    private List<Candidate> candidates(IndexReader reader, String word, int edits, int prefix) throws IOException {
        Map<String, int[]> merged = new HashMap<>();
        CompiledAutomaton automaton = null;
        String key = edits + ":" + word;
        NeighbourFilter f = useFilter ? filter : null;
        List<LeafReaderContext> leaves = reader.leaves();
        // which segments the filter covers, read before it is asked: their words are in it by then
        boolean[] covered = f == null ? null : f.covers(leaves);
        boolean none = f != null && !f.mightBeWithin(word, edits);
        boolean uncovered = f == null;
        for (LeafReaderContext leaf : leaves) {
            LeafReader r = leaf.reader();
            if (f != null && covered[leaf.ord]) {
                if (none) {
                    continue;
                }
            } else {
                uncovered = true;
            }
            IndexReader.CacheHelper helper = r.getCoreCacheHelper();
            Map<String, List<Candidate>> cache = helper == null ? null : cacheOf(helper);
            List<Candidate> found = cache == null ? null : cache.get(key);
            if (found == null) {
                Terms terms = r.terms(Docs.WORDS);
                if (terms == null) {
                    found = List.of();
                } else {
                    if (automaton == null) {
                        automaton = FuzzyQuery.getFuzzyAutomaton(word, edits, prefix, true);
                    }
                    found = enumerate(automaton.getTermsEnum(terms), word);
                }
                if (cache != null) {
                    cache.put(key, found);
                }
            }
            for (Candidate c : found) {
                merged.computeIfAbsent(c.word(), k -> new int[] {c.edits(), 0})[1] += c.docFreq();
            }
        }
        if (uncovered && useFilter) {
            warm(reader);
        }
        List<Candidate> out = new ArrayList<>(merged.size());
        merged.forEach((w, v) -> out.add(new Candidate(w, v[0], v[1])));
        out.sort(Comparator.comparingInt(Candidate::edits).thenComparing(Comparator.comparingInt(Candidate::docFreq)
                .reversed()).thenComparing(Candidate::word));
        return out.size() > MAX_EXPANSIONS ? List.copyOf(out.subList(0, MAX_EXPANSIONS)) : out;
    }

    private Map<String, List<Candidate>> cacheOf(IndexReader.CacheHelper helper) {
        Object key = helper.getKey();
        Map<String, List<Candidate>> cache = perSegment.get(key);
        if (cache == null) {
            Map<String, List<Candidate>> fresh = Collections.synchronizedMap(
                    new LinkedHashMap<>(16, 0.75f, true) {
                        @Override
                        protected boolean removeEldestEntry(Map.Entry<String, List<Candidate>> eldest) {
                            return size() > CACHED_WORDS;
                        }
                    });
            cache = perSegment.putIfAbsent(key, fresh);
            if (cache == null) {
                cache = fresh;
                helper.addClosedListener(perSegment::remove);
            }
        }
        return cache;
    }

    private static List<Candidate> enumerate(TermsEnum te, String word) throws IOException {
        List<Candidate> out = new ArrayList<>();
        int[] target = word.codePoints().toArray();
        int visited = 0;
        for (BytesRef b = te.next(); b != null && visited < MAX_VISITED; b = te.next()) {
            visited++;
            String w = b.utf8ToString();
            if (!w.equals(word)) {
                out.add(new Candidate(w, distance(target, w.codePoints().toArray()), te.docFreq()));
            }
        }
        return List.copyOf(out);
    }

    /** @return the optimal-string-alignment distance (a transposition is one edit), as the automaton counts */
    static int distance(int[] a, int[] b) {
        int[][] d = new int[a.length + 1][b.length + 1];
        for (int i = 0; i <= a.length; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length][b.length];
    }

    /**
     * @param candidates a typo's candidates
     * @param maxEdits the typo's reach for the fuzzy query
     * @param length the typo's length in code points
     * @return the disjunction of the candidates within reach, each boosted as {@code FuzzyQuery} boosts them
     *     ({@code 1 - edits / length}), or null when none is within reach
     */
    static Query expansion(List<Candidate> candidates, int maxEdits, int length) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int n = 0;
        for (Candidate c : candidates) {
            if (c.edits() <= maxEdits) {
                float boost = Math.max(0.01f, 1f - (float) c.edits() / Math.min(length, c.word().length()));
                b.add(new BoostQuery(new TermQuery(new Term(Docs.WORDS, c.word())), boost), Occur.SHOULD);
                n++;
            }
        }
        return n == 0 ? null : b.build();
    }
}
