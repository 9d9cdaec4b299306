package org.copkit.search;

import java.util.List;

/**
 * Finding what the community knows, as one acting member: every result, count, facet and
 * suggestion covers only what that member may read. Obtain it from {@code kit.as(member).search()}.
 * Thread-safe.
 */
public interface SearchService {
    /**
     * @param query words, filters, sort and page
     * @return the visible hits with totals and facets
     * @throws org.copkit.InvalidInputException when the query is malformed (never for the query text)
     */
    SearchResult query(SearchQuery query);

    /**
     * @param text any text
     * @return hits for the text with default settings
     */
    default SearchResult query(String text) {
        return query(SearchQuery.of(text));
    }

    /**
     * @param query the text to compare with
     * @return visible current documents most similar to the text, best first
     */
    List<SearchHit> similar(SimilarQuery query);

    /**
     * @param prefix what the reader has typed so far, at most 100 characters
     * @param limit how many at most, 1 to 20
     * @return completions from titles and tags of visible documents
     */
    List<String> suggest(String prefix, int limit);
}
