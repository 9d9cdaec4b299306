package org.copkit.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.copkit.spi.Embedder;

/**
 * A diagnostic for the StackFAQ evaluation tool only (not product code; it lives in the index's package to
 * reach its package-private parts): repeats what {@code LuceneSearchIndex.similar} does for an
 * "already answered?" draft (lexical candidates, the two nearest-neighbour searches, {@link Hybrid#fuse})
 * and returns every part of every candidate's score, plus the exact (brute-force) nearest-neighbour rank of
 * one target document, to tell a candidate the HNSW search missed from one the fusion ranked low. The
 * reader's visibility filter is left out: the tool's reader sees every document.
 */
public final class SimilarProbe {
    /** The query analyzer does not depend on the index's compound vocabulary. */
    private static final Analysis ANALYSIS = new Analysis(List.of());

    private SimilarProbe() {}

    /** One candidate: its key and title, and each part of its score (ranks 1-based, 0 = not in that list). */
    public record Candidate(String key, String title, int lexicalRank, float bm25, int titleKnnRank, int knnRank,
            float cosTitle, float cosText, float lexicalNormalised, float score, int rank) {}

    /**
     * @param candidates every fused candidate, best first, with {@code rank}
     * @param target the target's candidate, or null when it was no candidate
     * @param exactTitleRank the target's rank by cosine of its title vector among all current documents
     * @param exactTextRank the same for the title-and-body vector
     * @param maxBm25 the best BM25 among the lexical candidates
     */
    public record Probe(List<Candidate> candidates, Candidate target, int exactTitleRank, int exactTextRank,
            float targetCosTitle, float targetCosText, float maxBm25, long lexicalTotal) {}

    /** @return the query vector the index would use for this draft text */
    public static float[] queryVector(Embedder e, String text) {
        return Vectors.embedQuery(e, text);
    }

    /**
     * @param index the index
     * @param vector the query vector ({@link #queryVector})
     * @param text the draft text as {@code similar} gets it
     * @param targetKey the key ({@code QUESTION:id}) of the document that should come first
     * @param limit the result size asked for (the candidate depth is {@code max(50, 4 × limit)})
     */
    public static Probe probe(LuceneSearchIndex index, float[] vector, String text, String targetKey, int limit,
            double weight, double minSimilarity) {
        return index.read(s -> probe(s, index, vector, text, targetKey, limit, weight, minSimilarity));
    }

    private static Probe probe(IndexSearcher s, LuceneSearchIndex index, float[] vector, String text,
            String targetKey, int limit, double weight, double minSimilarity) throws IOException {
        List<Query> filters = List.of(Queries.in(Docs.STATUS, Queries.CURRENT),
                Queries.in(Docs.TYPE, List.of("QUESTION", "KNOWLEDGE_ITEM")));
        LuceneSearchIndex.SimilarText similar = LuceneSearchIndex.similarText(s, ANALYSIS.query(), text);
        BooleanQuery.Builder full = new BooleanQuery.Builder().add(similar.text(), Occur.MUST);
        BooleanQuery.Builder filter = new BooleanQuery.Builder();
        for (Query f : filters) {
            full.add(f, Occur.FILTER);
            filter.add(f, Occur.FILTER);
        }
        int k = Math.max(LuceneSearchIndex.HYBRID_CANDIDATES, limit * 4);
        TopDocs lexical = s.search(full.build(), k);
        Query allowed = new SharedFilter(filter.build());
        // what-if: -Dstackfaq.probe.breadth=B searches the HNSW graphs for B neighbours and keeps the best k
        int breadth = Math.max(k, Integer.getInteger("stackfaq.probe.breadth", k));
        ScoreDoc[] byTitle = s.search(new KnnFloatVectorQuery(Docs.TITLE_VECTOR, vector, breadth, allowed), k).scoreDocs;
        ScoreDoc[] byText = s.search(new KnnFloatVectorQuery(Docs.VECTOR, vector, breadth, allowed), k).scoreDocs;
        List<ScoreDoc> neighbours = new ArrayList<>(Arrays.asList(byTitle));
        neighbours.addAll(Arrays.asList(byText));
        List<Hybrid.Scored> fused = Hybrid.fuse(s, lexical.scoreDocs, neighbours, similar.text(), vector, weight,
                minSimilarity);
        Map<Integer, Integer> lexRank = ranks(lexical.scoreDocs);
        Map<Integer, Integer> titleRank = ranks(byTitle);
        Map<Integer, Integer> textRank = ranks(byText);
        float max = 0;
        for (ScoreDoc d : lexical.scoreDocs) {
            max = Math.max(max, d.score);
        }
        List<Candidate> out = new ArrayList<>();
        Candidate target = null;
        int targetDoc = -1;
        for (int i = 0; i < fused.size(); i++) {
            Hybrid.Scored h = fused.get(i);
            var d = s.storedFields().document(h.doc(), Set.of(Docs.ID, Docs.S_TITLE));
            Candidate c = new Candidate(d.get(Docs.ID), d.get(Docs.S_TITLE), lexRank.getOrDefault(h.doc(), 0),
                    h.lexical(), titleRank.getOrDefault(h.doc(), 0), textRank.getOrDefault(h.doc(), 0),
                    Vectors.similarity(s, h.doc(), vector, Docs.TITLE_VECTOR),
                    Vectors.similarity(s, h.doc(), vector, Docs.VECTOR), max > 0 ? h.lexical() / max : 0,
                    h.score(), i + 1);
            out.add(c);
            if (c.key().equals(targetKey)) {
                target = c;
                targetDoc = h.doc();
            }
        }
        if (targetDoc < 0) {
            TopDocs t = s.search(new org.apache.lucene.search.TermQuery(
                    new org.apache.lucene.index.Term(Docs.ID, targetKey)), 1);
            targetDoc = t.scoreDocs.length == 0 ? -1 : t.scoreDocs[0].doc;
        }
        int exactTitle = targetDoc < 0 ? 0 : exactRank(s, targetDoc, vector, Docs.TITLE_VECTOR);
        int exactText = targetDoc < 0 ? 0 : exactRank(s, targetDoc, vector, Docs.VECTOR);
        return new Probe(out, target, exactTitle, exactText,
                targetDoc < 0 ? 0 : Vectors.similarity(s, targetDoc, vector, Docs.TITLE_VECTOR),
                targetDoc < 0 ? 0 : Vectors.similarity(s, targetDoc, vector, Docs.VECTOR), max, lexical.totalHits.value);
    }

    private static Map<Integer, Integer> ranks(ScoreDoc[] docs) {
        Map<Integer, Integer> out = new HashMap<>();
        for (int i = 0; i < docs.length; i++) {
            out.putIfAbsent(docs[i].doc, i + 1);
        }
        return out;
    }

    /** @return 1 + the number of live documents whose vector is closer to the query than the target's */
    private static int exactRank(IndexSearcher s, int target, float[] query, String field) throws IOException {
        float mine = Vectors.similarity(s, target, query, field);
        int closer = 0;
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
            if (values == null) {
                continue;
            }
            var live = leaf.reader().getLiveDocs();
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                if ((live == null || live.get(doc)) && leaf.docBase + doc != target
                        && Vectors.cosine(values.vectorValue(), query) > mine) {
                    closer++;
                }
            }
        }
        return closer + 1;
    }
}
