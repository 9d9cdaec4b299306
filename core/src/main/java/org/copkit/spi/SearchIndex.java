package org.copkit.spi;

import java.util.List;
import java.util.stream.Stream;
import org.copkit.Ref;
import org.copkit.access.ViewerScope;
import org.copkit.search.ExpertQuery;
import org.copkit.search.MemberEvidence;
import org.copkit.search.PeerMatch;
import org.copkit.search.PeerQuery;
import org.copkit.search.SearchDocument;
import org.copkit.search.SearchHit;
import org.copkit.search.SearchQuery;
import org.copkit.search.SearchResult;
import org.copkit.search.SimilarQuery;

/**
 * The search SPI: a derived index of {@link SearchDocument}s that CoPKit keeps current from the
 * storage change feed. Implementations must pass {@code org.copkit.testkit.SearchIndexContract} from
 * core's test-jar.
 *
 * <p>Every query method takes the reader's {@link ViewerScope} and must apply
 * {@link ViewerScope#canSee} to every hit, total, facet count and suggestion, inside the index so
 * that counts and paging are exact. A document is searchable when {@link #index} returns and gone
 * when {@link #delete} returns. CoPKit's indexer calls the write methods from one background thread
 * while queries run on the callers' threads. Implementations are thread-safe; backend failures surface as
 * {@link org.copkit.CopKitException} with {@link org.copkit.ErrorCode#SEARCH}.
 *
 * <p>Status conventions: knowledge items ({@code KNOWLEDGE_ITEM}) carry their {@code ItemStatus}
 * name and only {@code PUBLISHED} and {@code NEEDS_REVIEW} are returned by default; questions
 * ({@code QUESTION}) and discussions ({@code DISCUSSION}) carry their {@code ConversationStatus} name
 * and are returned in every status by default. {@link #similar} returns only "current" documents:
 * {@code PUBLISHED} and {@code NEEDS_REVIEW} items and {@code ANSWERED} questions.
 */
public interface SearchIndex extends AutoCloseable {
    /** @param documents documents to add or replace (by ref) */
    void index(List<SearchDocument> documents);

    /** @param refs documents to remove; unknown refs are ignored */
    void delete(List<Ref> refs);

    /**
     * @param query the query
     * @param scope the reader
     * @return visible matching documents
     */
    SearchResult query(SearchQuery query, ViewerScope scope);

    /**
     * @param query the text and limits
     * @param scope the reader
     * @return visible current documents (see the status conventions above) most similar to the text,
     *     best first
     */
    List<SearchHit> similar(SimilarQuery query, ViewerScope scope);

    /**
     * @param prefix typed so far (may be empty: no suggestions)
     * @param scope the reader
     * @param limit how many at most
     * @return distinct completions, whole tags and whole titles of visible current documents whose
     *     tag or one of whose title words starts with the prefix; none for a blank prefix
     */
    List<String> suggest(String prefix, ViewerScope scope, int limit);

    /**
     * Sums up, for the expert finder, what members declared, how they are endorsed and what they
     * contributed, as the reader may see it: one aggregation over the stored {@link org.copkit.search.ProfileFacts}
     * and {@link org.copkit.search.ContributionFacts}, not a load of objects.
     *
     * <p>Candidates are members whose profile document the reader may see ({@link ViewerScope#canSee}),
     * other than the reader. For each candidate with any evidence (a declared competence or a live
     * endorsement in the query's competencies, or a counted contribution, see {@link ExpertQuery}), or for
     * every candidate when the query asks for {@code everyone}, one {@link MemberEvidence}, in no particular
     * order. Contributions credited to members without a visible profile document are left out.
     *
     * <p>The default throws: an index that does not store the facts cannot find experts.
     *
     * @param query the scope
     * @param scope the reader
     * @return the candidates' evidence
     * @throws org.copkit.CopKitException with {@link org.copkit.ErrorCode#SEARCH} when the index does not
     *     support it
     */
    default List<MemberEvidence> experts(ExpertQuery query, ViewerScope scope) {
        throw new org.copkit.CopKitException(org.copkit.ErrorCode.SEARCH, this + " cannot find experts");
    }

    /**
     * Finds peers for the reader: members other than the reader whose profile document the reader may
     * see, who are active in the query's community and have a {@link PeerMatch#score()} above 0, the
     * highest score first, then by member id; at most the query's limit.
     *
     * <p>The default throws: an index that does not store the facts cannot find peers.
     *
     * @param query the community and the reader's competencies
     * @param scope the reader
     * @return the peers, best first
     * @throws org.copkit.CopKitException with {@link org.copkit.ErrorCode#SEARCH} when the index does not
     *     support it
     */
    default List<PeerMatch> peers(PeerQuery query, ViewerScope scope) {
        throw new org.copkit.CopKitException(org.copkit.ErrorCode.SEARCH, this + " cannot find peers");
    }

    /**
     * Replaces the whole content with the given documents and sets the checkpoint. Searches keep
     * working on the old content until the new one is complete.
     *
     * @param documents every document
     * @param checkpoint the change-feed sequence the documents reflect
     */
    void rebuild(Stream<SearchDocument> documents, long checkpoint);

    /**
     * @return the last change-feed sequence reflected in the index (0 when empty); {@link Long#MAX_VALUE}
     *     for an index that keeps nothing (no change can follow it, so CoPKit's indexer never reads the
     *     change feed for it)
     */
    long checkpoint();

    /**
     * Records that the index reflects the change feed up to the given sequence (durably, for
     * persistent indexes, together with the documents written before).
     *
     * @param sequence the change-feed sequence
     */
    void checkpoint(long sequence);

    /** Releases resources. Idempotent. */
    @Override
    void close();

    /**
     * Offers the kit's {@link Embedder} (set with {@code CopKit.Builder.embedder}) to the index. CoPKit
     * calls it once, when the kit is built, before the indexer catches up with the change feed, so an
     * index that starts over (checkpoint 0) because the model changed is refilled with vectors at once.
     *
     * <p>The default ignores the embedder and returns {@code false}: the index then ranks by words only
     * (core's in-memory index does this). An index that supports embedders stores a vector per document
     * and ranks by words and meaning.
     *
     * @param embedder the embedder (non-null)
     * @return whether the index uses it
     * @throws org.copkit.CopKitException with {@link org.copkit.ErrorCode#CONFIGURATION} when the index
     *     was given another embedder already
     */
    default boolean useEmbedder(Embedder embedder) {
        return false;
    }
}
