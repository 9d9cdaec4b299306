package org.copkit.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.copkit.search.Facet;

/**
 * Counts every matching document (the total) and, per {@link Facet}, how many matching documents
 * carry each value, from the {@code f_*} sorted-set doc values. The counted query already contains the
 * reader's visibility filter, so the counts cover exactly the visible matches.
 */
final class FacetCounter implements CollectorManager<FacetCounter.Counting, FacetCounter.Counts> {
    /** The total and the counts, each facet's values highest count first (then by value). */
    record Counts(long total, Map<Facet, Map<String, Long>> facets) {}

    /** One segment's ordinals and their counts, resolved to values at the end. */
    private record SegmentCounts(Facet facet, SortedSetDocValues values, long[] counts) {}

    @Override
    public Counting newCollector() {
        return new Counting();
    }

    @Override
    public Counts reduce(Collection<Counting> collectors) throws IOException {
        long total = 0;
        Map<Facet, Map<String, Long>> raw = new EnumMap<>(Facet.class);
        for (Facet f : Facet.values()) {
            raw.put(f, new HashMap<>());
        }
        for (Counting c : collectors) {
            total += c.total;
            for (SegmentCounts s : c.segments) {
                for (int ord = 0; ord < s.counts.length; ord++) {
                    if (s.counts[ord] > 0) {
                        raw.get(s.facet).merge(s.values.lookupOrd(ord).utf8ToString(), s.counts[ord], Long::sum);
                    }
                }
            }
        }
        Map<Facet, Map<String, Long>> out = new EnumMap<>(Facet.class);
        raw.forEach((facet, counts) -> {
            Map<String, Long> sorted = new LinkedHashMap<>();
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            out.put(facet, sorted);
        });
        return new Counts(total, out);
    }

    /** Collects one search. */
    static final class Counting implements Collector {
        private long total;
        private final List<SegmentCounts> segments = new ArrayList<>();

        /**
         * The segment's counting is set up on its first match: a query that matches nothing in a segment
         * (most segments of a rare word, every segment of a word the index never saw) costs no doc-values
         * lookups and no count arrays there.
         */
        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) {
            return new LeafCollector() {
                private LeafCollector counting;

                @Override
                public void setScorer(Scorable scorer) {
                    // scores are not needed
                }

                @Override
                public void collect(int doc) throws IOException {
                    if (counting == null) {
                        counting = counting(context);
                    }
                    counting.collect(doc);
                }
            };
        }

        private LeafCollector counting(LeafReaderContext context) throws IOException {
            Facet[] facets = Facet.values();
            // per facet of this segment: the single-valued view when every document has at most one value
            // (type, community, practice, language), else the multi-valued one (tags); facets without any
            // value in the segment are not visited per document
            List<SortedDocValues> singles = new ArrayList<>(facets.length);
            List<long[]> singleCounts = new ArrayList<>(facets.length);
            List<SortedSetDocValues> multis = new ArrayList<>(facets.length);
            List<long[]> multiCounts = new ArrayList<>(facets.length);
            for (Facet facet : facets) {
                SortedSetDocValues values = DocValues.getSortedSet(context.reader(), Docs.facetField(facet));
                long[] counts = new long[(int) values.getValueCount()];
                segments.add(new SegmentCounts(facet, values, counts));
                if (counts.length == 0) {
                    continue;
                }
                SortedDocValues single = DocValues.unwrapSingleton(values);
                if (single != null) {
                    singles.add(single);
                    singleCounts.add(counts);
                } else {
                    multis.add(values);
                    multiCounts.add(counts);
                }
            }
            SortedDocValues[] s = singles.toArray(SortedDocValues[]::new);
            long[][] sc = singleCounts.toArray(long[][]::new);
            SortedSetDocValues[] m = multis.toArray(SortedSetDocValues[]::new);
            long[][] mc = multiCounts.toArray(long[][]::new);
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {
                    // scores are not needed
                }

                @Override
                public void collect(int doc) throws IOException {
                    total++;
                    for (int i = 0; i < s.length; i++) {
                        if (s[i].advanceExact(doc)) {
                            sc[i][s[i].ordValue()]++;
                        }
                    }
                    for (int i = 0; i < m.length; i++) {
                        if (m[i].advanceExact(doc)) {
                            for (int k = m[i].docValueCount(); k > 0; k--) {
                                mc[i][(int) m[i].nextOrd()]++;
                            }
                        }
                    }
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
