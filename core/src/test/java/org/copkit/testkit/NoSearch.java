package org.copkit.testkit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.copkit.Ref;
import org.copkit.access.ViewerScope;
import org.copkit.search.SearchDocument;
import org.copkit.search.SearchHit;
import org.copkit.search.SearchResult;
import org.copkit.search.SimilarQuery;
import org.copkit.search.SearchQuery;
import org.copkit.spi.SearchIndex;

/**
 * A search index that indexes nothing and whose checkpoint is always past the end of the change feed: for
 * tests and benchmarks that measure storage alone (the storage benchmarks' raw JDBC baselines do not index
 * either): its checkpoint {@link Long#MAX_VALUE} tells the indexer that it needs no change, so the indexer
 * does not read the change feed at all.
 */
public final class NoSearch implements SearchIndex {
    @Override
    public void index(List<SearchDocument> documents) {
    }

    @Override
    public void delete(List<Ref> refs) {
    }

    @Override
    public SearchResult query(SearchQuery query, ViewerScope scope) {
        return new SearchResult(List.of(), 0, Map.of(), Optional.empty());
    }

    @Override
    public List<SearchHit> similar(SimilarQuery query, ViewerScope scope) {
        return List.of();
    }

    @Override
    public List<String> suggest(String prefix, ViewerScope scope, int limit) {
        return List.of();
    }

    @Override
    public void rebuild(Stream<SearchDocument> documents, long checkpoint) {
    }

    @Override
    public long checkpoint() {
        return Long.MAX_VALUE;
    }

    @Override
    public void checkpoint(long sequence) {
    }

    @Override
    public void close() {
    }
}
