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

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            Facet[] facets = Facet.values();
            SortedSetDocValues[] values = new SortedSetDocValues[facets.length];
            long[][] counts = new long[facets.length][];
            for (int i = 0; i < facets.length; i++) {
                values[i] = DocValues.getSortedSet(context.reader(), Docs.facetField(facets[i]));
                counts[i] = new long[(int) values[i].getValueCount()];
                segments.add(new SegmentCounts(facets[i], values[i], counts[i]));
            }
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {
                    // scores are not needed
                }

                @Override
                public void collect(int doc) throws IOException {
                    total++;
                    for (int i = 0; i < values.length; i++) {
                        if (values[i].advanceExact(doc)) {
                            for (int n = 0; n < values[i].docValueCount(); n++) {
                                counts[i][(int) values[i].nextOrd()]++;
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
