package org.copkit.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * Hybrid ranking: a normalised combination of BM25 and vector similarity. For every candidate (the
 * union of the lexical hits and the nearest neighbours by title and by full text, all already filtered
 * by visibility and status)
 *
 * <pre>
 *   semantic = ½ × cosine(query, title vector) + ½ × cosine(query, title-and-body vector)
 *   score    = weight × semantic + (1 − weight) × bm25 / max bm25
 * </pre>
 *
 * where {@code bm25} is the candidate's score under the lexical query and {@code max bm25} the best among
 * the candidates. Every part is exact for every candidate: both cosines are read from the stored vectors,
 * and a nearest neighbour that is not among the lexical hits taken gets its BM25 score computed (0 when it
 * shares no word with the draft). Taking that score as 0 instead, as before 2026-12, penalised the right
 * document more the larger the index: with more documents matching some word of the draft, it falls
 * behind the lexical candidate depth more often and lost its lexical part entirely, while its
 * competitors that happened to be lexical hits kept theirs. The title carries a question's information need; the full text carries its
 * answer's vocabulary: a draft is compared with both. Normalising by the best lexical score keeps the
 * BM25 part in [0, 1] whatever the query length; the cosines are used as they are (they are already on
 * a fixed scale), so a strong semantic match is not inflated when nothing is close.
 */
final class Hybrid {
    /** Share of the title vector in the semantic part. */
    static final double TITLE_SHARE = 0.5;

    private Hybrid() {}

    /** A scored candidate. */
    record Scored(int doc, float lexical, float semantic, float score) {}

    /** @return the semantic similarity of a document to the query vector (0 for a document without vectors) */
    static float semantic(IndexSearcher s, int doc, float[] query) throws IOException {
        return (float) (TITLE_SHARE * Vectors.similarity(s, doc, query, Docs.TITLE_VECTOR)
                + (1 - TITLE_SHARE) * Vectors.similarity(s, doc, query, Docs.VECTOR));
    }

    /**
     * @param lexical lexical hits, best first (scores are BM25 under {@code text})
     * @param neighbours nearest-neighbour hits (any order, scores ignored)
     * @param text the lexical query, to score the neighbours that are not among {@code lexical}
     * @param minSimilarity a candidate that shares no word with the draft needs at least this semantic
     *     similarity
     * @return the fused candidates, best first (ties by lexical order, then doc id)
     */
    static List<Scored> fuse(IndexSearcher s, ScoreDoc[] lexical, List<ScoreDoc> neighbours, Query text,
            float[] query, double weight, double minSimilarity) throws IOException {
        Map<Integer, Float> candidates = new LinkedHashMap<>();
        float maxLexical = 0f;
        for (ScoreDoc d : lexical) {
            float score = Float.isNaN(d.score) ? 0f : d.score;
            candidates.put(d.doc, score);
            maxLexical = Math.max(maxLexical, score);
        }
        List<Integer> semanticOnly = new ArrayList<>();
        for (ScoreDoc d : neighbours) {
            if (candidates.putIfAbsent(d.doc, 0f) == null) {
                semanticOnly.add(d.doc);
            }
        }
        semanticOnly.sort(Comparator.naturalOrder());
        float[] bm25 = scores(s, text, semanticOnly);
        for (int i = 0; i < bm25.length; i++) {
            candidates.put(semanticOnly.get(i), bm25[i]);
            maxLexical = Math.max(maxLexical, bm25[i]);
        }
        List<Scored> out = new ArrayList<>(candidates.size());
        for (Map.Entry<Integer, Float> e : candidates.entrySet()) {
            float sem = semantic(s, e.getKey(), query);
            if (e.getValue() == 0f && sem < minSimilarity) {
                continue;
            }
            float lex = maxLexical > 0 ? e.getValue() / maxLexical : 0f;
            out.add(new Scored(e.getKey(), e.getValue(), sem, (float) (weight * sem + (1 - weight) * lex)));
        }
        // stable sort: equal scores keep the lexical order, then the neighbours by doc id
        out.sort(Comparator.comparingDouble((Scored x) -> -x.score()));
        return out;
    }

    /**
     * @param docs top-level doc ids, ascending
     * @return each document's score under the query, 0 when it does not match
     */
    static float[] scores(IndexSearcher s, Query query, List<Integer> docs) throws IOException {
        float[] out = new float[docs.size()];
        if (docs.isEmpty()) {
            return out;
        }
        Weight w = s.createWeight(s.rewrite(query), ScoreMode.COMPLETE, 1f);
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        int i = 0;
        while (i < out.length) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs.get(i), leaves));
            int end = leaf.docBase + leaf.reader().maxDoc();
            Scorer scorer = w.scorer(leaf);
            TwoPhaseIterator twoPhase = scorer == null ? null : scorer.twoPhaseIterator();
            DocIdSetIterator it = scorer == null ? null : twoPhase == null ? scorer.iterator() : twoPhase.approximation();
            for (; i < out.length && docs.get(i) < end; i++) {
                int target = docs.get(i) - leaf.docBase;
                if (it != null && (it.docID() >= target ? it.docID() : it.advance(target)) == target
                        && (twoPhase == null || twoPhase.matches())) {
                    out[i] = scorer.score();
                }
            }
        }
        return out;
    }

    /**
     * Re-orders a window of lexical hits by the hybrid score (the same formula as {@link #fuse}, the
     * window's best BM25 score as maximum); equal scores keep their lexical order.
     *
     * @return the window's hits with their hybrid scores, best first
     */
    static ScoreDoc[] rerank(IndexSearcher s, ScoreDoc[] window, float[] query, double weight) throws IOException {
        float maxLexical = 0f;
        for (ScoreDoc d : window) {
            maxLexical = Math.max(maxLexical, Float.isNaN(d.score) ? 0f : d.score);
        }
        List<ScoreDoc> out = new ArrayList<>(window.length);
        for (ScoreDoc d : window) {
            float lex = maxLexical > 0 && !Float.isNaN(d.score) ? d.score / maxLexical : 0f;
            out.add(new ScoreDoc(d.doc, (float) (weight * semantic(s, d.doc, query) + (1 - weight) * lex)));
        }
        out.sort(Comparator.comparingDouble((ScoreDoc x) -> -x.score));
        return out.toArray(ScoreDoc[]::new);
    }
}
