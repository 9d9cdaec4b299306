package org.copkit.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A page of hits with the total and facet counts, all computed over what the reader may see only.
 *
 * @param hits the requested page of hits
 * @param total how many visible documents match; a lower bound when {@code totalIsExact} is false
 * @param facets per facet, value to count, highest count first, counted over all visible matches (not
 *     only the page); values are the type name, the community and practice id, the tag, and the language
 *     subtag ({@code nl} for {@code nl-BE}); values with no match are left out. Empty when the query asked
 *     {@link SearchQuery#withoutFacets() without facets}
 * @param didYouMean a corrected query when the backend has one
 * @param totalIsExact whether {@code total} is the exact number of visible matches (always, unless the
 *     query {@linkplain SearchQuery#withExactTotalUpTo(int) allowed} a lower bound and had more matches)
 */
public record SearchResult(List<SearchHit> hits, long total, Map<Facet, Map<String, Long>> facets,
        Optional<String> didYouMean, boolean totalIsExact) {
    /** Copies. */
    public SearchResult {
        hits = List.copyOf(hits);
        facets = Map.copyOf(facets);
    }

    /**
     * A result with an exact total.
     *
     * @param hits the requested page of hits
     * @param total how many visible documents match
     * @param facets per facet, value to count (see the record description)
     * @param didYouMean a corrected query when the backend has one
     */
    public SearchResult(List<SearchHit> hits, long total, Map<Facet, Map<String, Long>> facets,
            Optional<String> didYouMean) {
        this(hits, total, facets, didYouMean, true);
    }
}
