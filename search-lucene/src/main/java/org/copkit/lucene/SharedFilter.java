package org.copkit.lucene;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSet;
import org.apache.lucene.util.BitSetIterator;

/**
 * A filter that is evaluated once per segment and shared by the queries of one search call: the two
 * nearest-neighbour queries of {@code similar()} (title vectors and text vectors) filter by the same
 * visibility, status, type and exclusion clauses, and each would otherwise iterate that conjunction over
 * the whole segment to build its bit set of allowed documents. Lucene's KNN query takes the bit set of
 * a {@link BitSetIterator} as it is when a segment has no deletions. Valid for one searcher only;
 * equal only to itself, never cached.
 */
final class SharedFilter extends Query {
    private final Query filter;
    /** Per segment (by ord): the allowed documents; {@link #NONE} when none. */
    private final ConcurrentHashMap<Integer, Object> perLeaf = new ConcurrentHashMap<>();
    private static final Object NONE = new Object();

    SharedFilter(Query filter) {
        this.filter = filter;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        Weight inner = searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
        return new ConstantScoreWeight(this, boost) {
            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                Object bits = perLeaf.get(context.ord);
                if (bits == null) {
                    Scorer s = inner.scorer(context);
                    bits = s == null ? NONE : BitSet.of(s.iterator(), context.reader().maxDoc());
                    perLeaf.put(context.ord, bits);
                }
                if (bits == NONE) {
                    return null;
                }
                BitSet b = (BitSet) bits;
                return new ConstantScoreScorer(this, score(), scoreMode, new BitSetIterator(b, b.approximateCardinality()));
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) {
                return false;
            }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        filter.visit(visitor.getSubVisitor(org.apache.lucene.search.BooleanClause.Occur.FILTER, this));
    }

    @Override
    public String toString(String field) {
        return "shared(" + filter.toString(field) + ")";
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
