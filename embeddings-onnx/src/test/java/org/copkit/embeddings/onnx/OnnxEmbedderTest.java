package org.copkit.embeddings.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.copkit.InvalidInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OnnxEmbedderTest {
    private static OnnxEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = OnnxEmbedder.allMiniLmL6V2Quantized();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void theBundledModelHas384DimensionsAndAStableId() {
        assertThat(embedder.dimension()).isEqualTo(384);
        assertThat(embedder.modelId()).isEqualTo(OnnxEmbedder.ALL_MINILM_L6_V2_Q);
        List<float[]> v = embedder.embed(List.of("How do I delete my account?"), Locale.ENGLISH);
        assertThat(v).hasSize(1);
        assertThat(v.get(0)).hasSize(384);
        double norm = Math.sqrt(dot(v.get(0), v.get(0)));
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    }

    private static double dot(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }

    @Test
    void similarSentencesAreCloserThanUnrelatedOnes() {
        List<float[]> v = embedder.embed(List.of("How can I remove my Facebook profile for good?",
                "Deleting a Facebook account permanently", "Strikethrough text in GitHub Markdown"), Locale.ENGLISH);
        double related = cosine(v.get(0), v.get(1));
        double unrelated = cosine(v.get(0), v.get(2));
        assertThat(related).isGreaterThan(unrelated + 0.3);
    }

    @Test
    void aBatchGivesTheSameVectorsAsSingleTexts() {
        List<String> texts = List.of("Export a Google Docs document as PDF", "Mute a thread in Gmail", "Warmtepomp");
        List<float[]> batch = embedder.embed(texts, Locale.ENGLISH);
        for (int i = 0; i < texts.size(); i++) {
            float[] single = embedder.embed(List.of(texts.get(i)), Locale.ENGLISH).get(0);
            assertThat(cosine(batch.get(i), single)).isGreaterThan(0.9999);
        }
    }

    @Test
    void blankTextsGetZeroVectorsInTheirPlace() {
        List<float[]> v = embedder.embed(List.of("first", " ", "third"), Locale.ROOT);
        assertThat(v).hasSize(3);
        assertThat(dot(v.get(1), v.get(1))).isZero();
        assertThat(dot(v.get(0), v.get(0))).isGreaterThan(0.9);
        assertThat(embedder.embed(List.of(), Locale.ROOT)).isEmpty();
    }

    @Test
    void aModelLoadedFromFilesEmbedsLikeTheBundledOne(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.onnx");
        Path tokenizer = dir.resolve("tokenizer.json");
        try (var in = OnnxEmbedderTest.class.getResourceAsStream("/all-minilm-l6-v2-q.onnx");
                var tin = OnnxEmbedderTest.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
            java.nio.file.Files.copy(in, model);
            java.nio.file.Files.copy(tin, tokenizer);
        }
        OnnxEmbedder fromFiles = OnnxEmbedder.fromFiles("my-minilm", model, tokenizer, OnnxEmbedder.Pooling.MEAN);
        assertThat(fromFiles.modelId()).isEqualTo("my-minilm");
        assertThat(fromFiles.dimension()).isEqualTo(384);
        String text = "How do I add new styles to Google Docs?";
        assertThat(cosine(fromFiles.embed(List.of(text), Locale.ENGLISH).get(0),
                embedder.embed(List.of(text), Locale.ENGLISH).get(0))).isGreaterThan(0.999);
    }

    @Test
    void aModelFromMissingFilesIsRejected() {
        assertThatThrownBy(() -> OnnxEmbedder.fromFiles("m", Path.of("no-such.onnx"), Path.of("no-such.json"),
                OnnxEmbedder.Pooling.MEAN)).isInstanceOf(InvalidInputException.class).hasMessageContaining("no such file");
        assertThatThrownBy(() -> OnnxEmbedder.fromFiles(" ", Path.of("a"), Path.of("b"), OnnxEmbedder.Pooling.MEAN))
                .isInstanceOf(InvalidInputException.class);
    }
}
