package org.copkit.search;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.copkit.ObjectType;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.internal.Checks;

/**
 * A search: words plus filters, sorting and a page. Any text is a valid query: backends degrade
 * syntax they cannot parse to plain words. Start from {@link #of(String)} and narrow with the
 * {@code with...} methods.
 *
 * @param text what the reader typed, at most {@value #MAX_TEXT} characters; blank matches everything
 * @param types only these object types (empty: all)
 * @param communities only these communities (empty: all)
 * @param practices only these practices (empty: all)
 * @param tags only documents carrying all of these tags
 * @param languages only these languages (empty: all)
 * @param statuses only these statuses (empty: {@code PUBLISHED}, {@code NEEDS_REVIEW} and statuses of
 *     non-item types; pass statuses to see drafts or archived items one may read). Questions and
 *     discussions carry their {@code ConversationStatus} name ({@code OPEN}, {@code ANSWERED},
 *     {@code CLOSED_DUPLICATE}, {@code CLOSED}) and are returned in every status by default
 * @param updatedFrom only documents updated at or after this instant
 * @param updatedTo only documents updated before this instant
 * @param sort relevance or recency
 * @param offset hits to skip, 0 to 10,000
 * @param limit hits to return, 1 to 100
 * @param facets whether {@link SearchResult#facets()} is counted (default true). Without facets a
 *     backend need not visit every match, which is cheaper for queries with many matches; the hits are
 *     the same
 * @param exactTotalUpTo the total is counted exactly up to at least this many matches (1 or more;
 *     default {@link Integer#MAX_VALUE}: always exact). Above it a backend may stop counting and return a
 *     lower bound, with {@link SearchResult#totalIsExact()} false. Facet counts need every match, so
 *     with {@link #facets()} the total is always exact; the hits are the same either way
 */
public record SearchQuery(String text, Set<ObjectType> types, Set<CommunityId> communities,
        Set<PracticeId> practices, Set<String> tags, Set<Locale> languages, Set<String> statuses,
        Optional<Instant> updatedFrom, Optional<Instant> updatedTo, Sort sort, int offset, int limit,
        boolean facets, int exactTotalUpTo) {
    /** Longest query text accepted; longer text is rejected rather than silently cut. */
    public static final int MAX_TEXT = 2_000;

    /** Order of hits. */
    public enum Sort {
        /** Best match first. */
        RELEVANCE,
        /** Most recently updated first. */
        RECENCY
    }

    /** Validates and copies. */
    public SearchQuery {
        Checks.present("query.text", text);
        if (text.length() > MAX_TEXT) {
            throw new org.copkit.InvalidInputException(
                    "query.text must be at most " + MAX_TEXT + " characters but had " + text.length());
        }
        types = Checks.set("query.types", types, ObjectType.values().length);
        communities = Checks.set("query.communities", communities, 1_000);
        practices = Checks.set("query.practices", practices, 1_000);
        tags = Checks.tags("query.tags", tags, 20);
        languages = Checks.set("query.languages", languages, 100);
        statuses = Checks.set("query.statuses", statuses, 100);
        Checks.present("query.updatedFrom", updatedFrom);
        Checks.present("query.updatedTo", updatedTo);
        Checks.present("query.sort", sort);
        Checks.range("query.offset", offset, 0, 10_000);
        Checks.range("query.limit", limit, 1, 100);
        Checks.range("query.exactTotalUpTo", exactTotalUpTo, 1, Integer.MAX_VALUE);
    }

    /**
     * A query with facets and an exact total (the defaults of {@link #of(String)}).
     *
     * @param text what the reader typed
     * @param types only these object types (empty: all)
     * @param communities only these communities (empty: all)
     * @param practices only these practices (empty: all)
     * @param tags only documents carrying all of these tags
     * @param languages only these languages (empty: all)
     * @param statuses only these statuses (empty: the defaults, see the record description)
     * @param updatedFrom only documents updated at or after this instant
     * @param updatedTo only documents updated before this instant
     * @param sort relevance or recency
     * @param offset hits to skip, 0 to 10,000
     * @param limit hits to return, 1 to 100
     */
    public SearchQuery(String text, Set<ObjectType> types, Set<CommunityId> communities, Set<PracticeId> practices,
            Set<String> tags, Set<Locale> languages, Set<String> statuses, Optional<Instant> updatedFrom,
            Optional<Instant> updatedTo, Sort sort, int offset, int limit) {
        this(text, types, communities, practices, tags, languages, statuses, updatedFrom, updatedTo, sort, offset,
                limit, true, Integer.MAX_VALUE);
    }

    /**
     * @param text what the reader typed
     * @return a relevance-sorted query for the first 10 hits, without filters
     */
    public static SearchQuery of(String text) {
        return new SearchQuery(text, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Optional.empty(),
                Optional.empty(), Sort.RELEVANCE, 0, 10, true, Integer.MAX_VALUE);
    }

    /** @return a copy limited to the given types */
    public SearchQuery withTypes(ObjectType... types) {
        return new SearchQuery(text, Set.of(types), communities, practices, tags, languages, statuses, updatedFrom,
                updatedTo, sort, offset, limit, facets, exactTotalUpTo);
    }

    /** @return a copy limited to the given communities */
    public SearchQuery withCommunities(CommunityId... communities) {
        return new SearchQuery(text, types, Set.of(communities), practices, tags, languages, statuses, updatedFrom,
                updatedTo, sort, offset, limit, facets, exactTotalUpTo);
    }

    /** @return a copy limited to the given practices */
    public SearchQuery withPractices(PracticeId... practices) {
        return new SearchQuery(text, types, communities, Set.of(practices), tags, languages, statuses, updatedFrom,
                updatedTo, sort, offset, limit, facets, exactTotalUpTo);
    }

    /** @return a copy limited to documents with all the given tags */
    public SearchQuery withTags(String... tags) {
        return new SearchQuery(text, types, communities, practices, Set.of(tags), languages, statuses, updatedFrom,
                updatedTo, sort, offset, limit, facets, exactTotalUpTo);
    }

    /** @return a copy limited to the given languages */
    public SearchQuery withLanguages(Locale... languages) {
        return new SearchQuery(text, types, communities, practices, tags, Set.of(languages), statuses, updatedFrom,
                updatedTo, sort, offset, limit, facets, exactTotalUpTo);
    }

    /** @return a copy limited to the given statuses */
    public SearchQuery withStatuses(String... statuses) {
        return new SearchQuery(text, types, communities, practices, tags, languages, Set.of(statuses), updatedFrom,
                updatedTo, sort, offset, limit, facets, exactTotalUpTo);
    }

    /** @return a copy limited to documents updated in {@code [from, to)} */
    public SearchQuery updatedBetween(Instant from, Instant to) {
        return new SearchQuery(text, types, communities, practices, tags, languages, statuses, Optional.of(from),
                Optional.of(to), sort, offset, limit, facets, exactTotalUpTo);
    }

    /** @return a copy with another sort order */
    public SearchQuery sortedBy(Sort sort) {
        return new SearchQuery(text, types, communities, practices, tags, languages, statuses, updatedFrom,
                updatedTo, sort, offset, limit, facets, exactTotalUpTo);
    }

    /** @return a copy for another page */
    public SearchQuery page(int offset, int limit) {
        return new SearchQuery(text, types, communities, practices, tags, languages, statuses, updatedFrom,
                updatedTo, sort, offset, limit, facets, exactTotalUpTo);
    }

    /**
     * For callers that do not show facet counts (for example a result list without filters): the result's
     * {@link SearchResult#facets()} is empty and the backend may skip counting them.
     *
     * @return a copy without facet counts
     */
    public SearchQuery withoutFacets() {
        return new SearchQuery(text, types, communities, practices, tags, languages, statuses, updatedFrom,
                updatedTo, sort, offset, limit, false, exactTotalUpTo);
    }

    /**
     * For callers that show "more than N results" rather than an exact number. Only effective together
     * with {@link #withoutFacets()} (counting facets visits every match, so the total is exact anyway).
     *
     * @param n count the total exactly up to at least this many matches, 1 or more
     * @return a copy whose total may be a lower bound above {@code n} (see {@link SearchResult#totalIsExact()})
     */
    public SearchQuery withExactTotalUpTo(int n) {
        return new SearchQuery(text, types, communities, practices, tags, languages, statuses, updatedFrom,
                updatedTo, sort, offset, limit, facets, n);
    }
}
