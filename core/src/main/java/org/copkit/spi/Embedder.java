package org.copkit.spi;

import java.util.List;
import java.util.Locale;

/**
 * Turns texts into dense vectors for semantic retrieval ("already answered?" finds a question by its
 * meaning, not only by its words). CoPKit has none by default; a host sets one with
 * {@code CopKit.Builder.embedder(...)} (which hands it to the search index through
 * {@link SearchIndex#useEmbedder}) or directly on an index that supports it (for example
 * {@code LuceneSearchIndex.builder().embedder(...)}). The module {@code copkit-embeddings-onnx} ships one
 * that runs sentence-transformers models in process.
 *
 * <p>Search indexes call {@link #embed} from their write path ({@link SearchIndex#index} and
 * {@link SearchIndex#rebuild}), which CoPKit's indexer calls on its background thread after the storage
 * transaction committed,
 * and from their query path for the reader's text; never inside a storage transaction.
 *
 * <p>Implementations are thread-safe and deterministic for a given model: the same text gives the same
 * vector, so that a stored vector and a query vector are comparable.
 */
public interface Embedder {
    /**
     * @return the model's identity, for example {@code "all-minilm-l6-v2-q"}; a search index stores it
     *     and re-embeds everything when it changes. Non-blank, stable across restarts; change it whenever
     *     the vectors change (another model, another version, other pre-processing).
     */
    String modelId();

    /** @return the length of every vector {@link #embed} returns, at least 1 */
    int dimension();

    /**
     * Embeds a batch of texts.
     *
     * @param texts the texts (non-null; may be empty; an empty text gives a valid vector); callers keep
     *     batches small (tens of texts) and texts short (a title and the start of a body)
     * @param language the language of the texts (non-null; {@link Locale#ROOT} when unknown); models
     *     for one language may ignore it
     * @return one vector of {@link #dimension()} floats per text, in the order of the texts; vectors need
     *     not be normalised (indexes compare them by cosine) but must not be all zeros unless the text has
     *     no content
     * @throws RuntimeException when the model fails; the search index reports it as
     *     {@code ErrorCode.SEARCH} and CoPKit's indexer retries the batch with backoff
     */
    List<float[]> embed(List<String> texts, Locale language);
}
