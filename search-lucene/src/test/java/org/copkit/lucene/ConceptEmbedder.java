package org.copkit.lucene;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.copkit.spi.Embedder;

/**
 * A small deterministic test embedder: a hashed bag of "concepts". Each word (lower case, a trailing
 * "s" removed) is mapped to its concept through a fixed synonym table (so "automobile" and "car" are
 * the same concept, which BM25 cannot know), then hashed into one of {@code dimension} buckets.
 */
class ConceptEmbedder implements Embedder {
    private static final Map<String, String> CONCEPTS = Map.ofEntries(
            Map.entry("automobile", "car"), Map.entry("vehicle", "car"), Map.entry("auto", "car"),
            Map.entry("remove", "delete"), Map.entry("erase", "delete"), Map.entry("get rid", "delete"),
            Map.entry("wipe", "delete"), Map.entry("profile", "account"), Map.entry("login", "account"),
            Map.entry("reimburse", "refund"), Map.entry("repay", "refund"), Map.entry("money", "refund"),
            Map.entry("back", "refund"));

    private final String modelId;
    private final int dimension;
    final AtomicInteger texts = new AtomicInteger();

    ConceptEmbedder(String modelId, int dimension) {
        this.modelId = modelId;
        this.dimension = dimension;
    }

    ConceptEmbedder() {
        this("concepts-v1", 256);
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<float[]> embed(List<String> batch, Locale language) {
        List<float[]> out = new ArrayList<>();
        for (String t : batch) {
            texts.incrementAndGet();
            float[] v = new float[dimension];
            for (String w : t.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (w.length() < 3) {
                    continue;
                }
                String stem = w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
                String concept = CONCEPTS.getOrDefault(stem, stem);
                v[Math.floorMod(hash(concept), dimension)] += 1f;
            }
            out.add(v);
        }
        return out;
    }

    private static int hash(String s) {
        int h = 0x811C9DC5;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x01000193;
        }
        return h;
    }
}
