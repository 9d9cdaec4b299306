package org.copkit.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.IndexSearcher;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.search.SearchDocument;
import org.copkit.spi.Embedder;

/**
 * Vectors for semantic retrieval: which text of a document is embedded, batching by language, checks
 * of what the {@link Embedder} returns, and reading a stored vector back for hybrid scoring.
 */
final class Vectors {
    /**
     * Characters of a document embedded: the title and the start of the body. Sentence-transformers
     * models read about 256 word pieces (roughly 1,000 characters of English); more text costs time and
     * dilutes the vector with the tail of long answers.
     */
    static final int MAX_CHARS = 1_000;
    /** Texts per {@link Embedder#embed} call. */
    static final int BATCH = 32;

    private Vectors() {}

    /** @return the text of a document that is embedded: title, new line, body, cut at a word boundary */
    static String text(SearchDocument d) {
        return cut(d.body().isEmpty() ? d.title() : d.title() + "\n" + d.body());
    }

    /** @return the text, at most {@link #MAX_CHARS} characters, cut at a white space when there is one */
    static String cut(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int end = MAX_CHARS;
        while (end > MAX_CHARS / 2 && !Character.isWhitespace(text.charAt(end))) {
            end--;
        }
        if (Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return text.substring(0, end);
    }

    /**
     * Embeds the documents' titles and texts ({@link #text}) in batches of {@link #BATCH} texts per
     * language; a document without a body has one vector for both.
     *
     * @return per document, in order, its title vector and its text vector (each {@code null} when all
     *     zeros)
     * @throws CopKitException with {@link ErrorCode#SEARCH} when the embedder fails or returns vectors of
     *     the wrong number or dimension
     */
    static List<float[][]> embed(Embedder embedder, List<SearchDocument> documents) {
        float[][][] out = new float[documents.size()][2][];
        // (document index, 0 = title or 1 = text) per language
        Map<Locale, List<int[]>> byLanguage = new LinkedHashMap<>();
        for (int i = 0; i < documents.size(); i++) {
            List<int[]> texts = byLanguage.computeIfAbsent(documents.get(i).language(), l -> new ArrayList<>());
            texts.add(new int[] {i, 0});
            if (!documents.get(i).body().isEmpty()) {
                texts.add(new int[] {i, 1});
            }
        }
        for (Map.Entry<Locale, List<int[]>> e : byLanguage.entrySet()) {
            List<int[]> idx = e.getValue();
            for (int from = 0; from < idx.size(); from += BATCH) {
                List<int[]> part = idx.subList(from, Math.min(idx.size(), from + BATCH));
                List<float[]> vs = call(embedder, part.stream().map(x -> x[1] == 0
                        ? cut(documents.get(x[0]).title()) : text(documents.get(x[0]))).toList(), e.getKey());
                for (int j = 0; j < part.size(); j++) {
                    out[part.get(j)[0]][part.get(j)[1]] = vs.get(j);
                }
            }
        }
        for (int i = 0; i < out.length; i++) {
            if (documents.get(i).body().isEmpty()) {
                out[i][1] = out[i][0];
            }
        }
        return Arrays.asList(out);
    }

    /** @return the vector of a query text, or {@code null} when it is all zeros */
    static float[] embedQuery(Embedder embedder, String text) {
        return call(embedder, List.of(cut(text)), Locale.ROOT).get(0);
    }

    private static List<float[]> call(Embedder embedder, List<String> texts, Locale language) {
        List<float[]> vs;
        try {
            vs = embedder.embed(texts, language);
        } catch (RuntimeException e) {
            throw new CopKitException(ErrorCode.SEARCH, "embedder " + embedder.modelId() + " failed: " + e, e);
        }
        if (vs == null || vs.size() != texts.size()) {
            throw new CopKitException(ErrorCode.SEARCH, "embedder " + embedder.modelId() + " returned "
                    + (vs == null ? "null" : vs.size() + " vectors") + " for " + texts.size() + " texts");
        }
        List<float[]> out = new ArrayList<>(vs.size());
        for (float[] v : vs) {
            out.add(check(embedder, v));
        }
        return out;
    }

    private static float[] check(Embedder embedder, float[] v) {
        if (v == null || v.length != embedder.dimension()) {
            throw new CopKitException(ErrorCode.SEARCH, "embedder " + embedder.modelId() + " returned a vector of "
                    + (v == null ? "null" : v.length + " floats") + ", expected " + embedder.dimension());
        }
        double norm = 0;
        for (float f : v) {
            if (!Float.isFinite(f)) {
                throw new CopKitException(ErrorCode.SEARCH,
                        "embedder " + embedder.modelId() + " returned a vector with " + f);
            }
            norm += (double) f * f;
        }
        return norm == 0 ? null : v.clone();
    }

    /** @return the cosine similarity of two vectors of the same length; 0 when either is all zeros */
    static float cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0f : (float) (dot / Math.sqrt(na * nb));
    }

    /**
     * @return the cosine similarity of the stored vector (field) of a document (top-level doc id) and the
     *     query vector; 0 when the document has no vector
     */
    static float similarity(IndexSearcher s, int doc, float[] query, String field) throws IOException {
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
        int target = doc - leaf.docBase;
        if (values == null || values.dimension() != query.length || values.advance(target) != target) {
            return 0f;
        }
        return cosine(values.vectorValue(), query);
    }
}
