package org.copkit.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.copkit.ObjectType;
import org.copkit.access.ViewerScope;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.search.Facet;
import org.copkit.search.SearchDocument;
import org.copkit.search.SearchHit;
import org.copkit.search.SearchQuery;
import org.copkit.search.SearchResult;
import org.copkit.search.SimilarQuery;
import org.copkit.testkit.SearchFixtures;

/**
 * Property: for random documents (every audience level, drafts, editors, communities, practices,
 * languages), random readers and random queries with random filters, everything the Lucene index
 * returns equals a brute-force filter with {@link ViewerScope#canSee}: hits over all pages, totals,
 * every facet count; suggestions, similar documents and did-you-mean come from visible documents only.
 */
class VisibilityPropertyTest {
    private static final List<String> TEXTS = Stream.concat(Stream.of("", "notes"), SearchFixtures.WORDS.stream())
            .toList();

    @Property(tries = 40)
    void everyResultEqualsTheBruteForceFilter(@ForAll long seed, @ForAll @IntRange(min = 1, max = 150) int size,
            @ForAll("queries") List<QuerySpec> specs) {
        List<SearchDocument> docs = SearchFixtures.randomDocuments(seed, size);
        List<ViewerScope> viewers = new ArrayList<>(SearchFixtures.randomViewers(seed ^ 0x5DEECE66DL, 6));
        viewers.add(SearchFixtures.system());
        try (LuceneSearchIndex index = LuceneSearchIndex.inMemory()) {
            index.index(docs.subList(0, size / 2));
            index.index(docs.subList(size / 2, size));
            for (ViewerScope viewer : viewers) {
                List<SearchDocument> visible = docs.stream().filter(d -> viewer.canSee(d.visibility())).toList();
                for (QuerySpec spec : specs) {
                    SearchQuery q = spec.query();
                    List<SearchDocument> expected = expected(visible, q, spec.text());
                    SearchResult r = index.query(q, viewer);
                    String context = viewer + " " + q;
                    assertThat(r.total()).as(context).isEqualTo(expected.size());
                    assertThat(allIds(index, q, viewer)).as(context)
                            .containsExactlyInAnyOrderElementsOf(expected.stream().map(d -> d.ref().id()).toList());
                    assertFacets(r, expected, context);
                    assertThat(r.totalIsExact()).as(context).isTrue();
                    assertWithoutCounting(index, q, viewer, r, expected.size(), context);
                    r.didYouMean().ifPresent(s -> assertThat(fromVisible(visible, s)).as(context).isTrue());
                }
                assertSuggestions(index, viewer, visible);
                assertSimilar(index, viewer, visible);
                String typo = SearchFixtures.WORDS.get(Math.floorMod(seed, SearchFixtures.WORDS.size())) + "x";
                index.query(SearchQuery.of(typo), viewer).didYouMean()
                        .ifPresent(s -> assertThat(fromVisible(visible, s)).as(viewer + " did you mean " + s).isTrue());
            }
        }
    }

    /** One random query: a word or blank text and random filters. */
    record QuerySpec(String text, SearchQuery query) {}

    @Provide
    Arbitrary<List<QuerySpec>> queries() {
        Arbitrary<String> text = Arbitraries.of(TEXTS);
        Arbitrary<Set<String>> communities = Arbitraries.of("c1", "c2", "c3", "c4").set().ofMaxSize(2);
        Arbitrary<Set<String>> tags = Arbitraries.of(SearchFixtures.TAGS).set().ofMaxSize(1);
        Arbitrary<Set<String>> statuses = Arbitraries.of(SearchFixtures.ALL_STATUSES).set().ofMaxSize(3);
        Arbitrary<Set<Locale>> languages =
                Arbitraries.of(SearchFixtures.EN, SearchFixtures.NL, SearchFixtures.DE).set().ofMaxSize(2);
        Arbitrary<Integer> hours = Arbitraries.integers().between(-1, 24 * 60);
        Arbitrary<Boolean> recency = Arbitraries.of(true, false);
        return net.jqwik.api.Combinators.combine(text, communities, tags, statuses, languages, hours, recency)
                .as((t, c, g, s, l, h, r) -> {
                    SearchQuery q = SearchQuery.of(t);
                    if (!c.isEmpty()) {
                        q = q.withCommunities(c.stream().map(CommunityId::of).toArray(CommunityId[]::new));
                    }
                    if (!g.isEmpty()) {
                        q = q.withTags(g.toArray(String[]::new));
                    }
                    if (!s.isEmpty()) {
                        q = q.withStatuses(s.toArray(String[]::new));
                    }
                    if (!l.isEmpty()) {
                        q = q.withLanguages(l.toArray(Locale[]::new));
                    }
                    if (h >= 0) {
                        Instant from = SearchFixtures.T0.plus(Duration.ofHours(h));
                        q = q.updatedBetween(from, from.plus(Duration.ofDays(20)));
                    }
                    if (r) {
                        q = q.sortedBy(SearchQuery.Sort.RECENCY);
                    }
                    return new QuerySpec(t, q);
                }).list().ofMinSize(1).ofMaxSize(4);
    }

    private static List<SearchDocument> expected(List<SearchDocument> visible, SearchQuery q, String word) {
        return visible.stream().filter(d -> word.isBlank() || tokens(d).contains(word))
                .filter(d -> q.communities().isEmpty() || d.community().map(q.communities()::contains).orElse(false))
                .filter(d -> d.tags().containsAll(q.tags()))
                .filter(d -> q.languages().isEmpty() || q.languages().contains(d.language()))
                .filter(d -> q.statuses().isEmpty()
                        ? d.type() != ObjectType.KNOWLEDGE_ITEM || SearchFixtures.CURRENT.contains(d.status())
                        : q.statuses().contains(d.status()))
                .filter(d -> q.updatedFrom().map(f -> !d.updatedAt().isBefore(f)).orElse(true))
                .filter(d -> q.updatedTo().map(t -> d.updatedAt().isBefore(t)).orElse(true)).toList();
    }

    private static Set<String> tokens(SearchDocument d) {
        Set<String> out = new HashSet<>();
        Stream.concat(Stream.of(d.title(), d.body()), d.tags().stream())
                .forEach(s -> out.addAll(Arrays.asList(s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))));
        return out;
    }

    private static boolean fromVisible(List<SearchDocument> visible, String suggestion) {
        Set<String> words = new HashSet<>();
        visible.forEach(d -> words.addAll(tokens(d)));
        words.addAll(TEXTS);
        return Arrays.stream(suggestion.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty())
                .allMatch(w -> words.contains(w) || w.endsWith("x"));
    }

    private static void assertSuggestions(LuceneSearchIndex index, ViewerScope viewer, List<SearchDocument> visible) {
        for (String prefix : List.of("zq", "zqb", "fal", "har", "bud", "wat", "n")) {
            for (String s : index.suggest(prefix, viewer, 20)) {
                String lower = s.toLowerCase(Locale.ROOT);
                assertThat(visible).as(viewer + " suggestion " + s)
                        .anyMatch(d -> d.title().toLowerCase(Locale.ROOT).equals(lower) || d.tags().contains(lower));
            }
        }
    }

    private static void assertSimilar(LuceneSearchIndex index, ViewerScope viewer, List<SearchDocument> visible) {
        Map<String, SearchDocument> byId = visible.stream().collect(Collectors.toMap(d -> d.ref().id(), d -> d));
        for (SearchHit h : index.similar(new SimilarQuery("falcon granite harbor notes", Set.of(), Optional.empty(), 50),
                viewer)) {
            SearchDocument d = byId.get(h.ref().id());
            assertThat(d).as(viewer + " similar returned invisible " + h.ref()).isNotNull();
            assertThat(Set.of("PUBLISHED", "NEEDS_REVIEW", "ANSWERED")).contains(d.status());
        }
    }

    /**
     * The same query without facets, and without facets with an exact total only up to 1 or 3: the same
     * page, no facets, a total that is exact or a lower bound above the threshold, never more than the
     * visible matches.
     */
    private static void assertWithoutCounting(LuceneSearchIndex index, SearchQuery q, ViewerScope viewer,
            SearchResult full, long visibleMatches, String context) {
        for (SearchQuery lean : List.of(q.withoutFacets(), q.withoutFacets().withExactTotalUpTo(1),
                q.withoutFacets().withExactTotalUpTo(3))) {
            SearchResult r = index.query(lean, viewer);
            String c = context + " " + lean;
            assertThat(r.hits()).as(c).isEqualTo(full.hits());
            assertThat(r.facets()).as(c).isEmpty();
            assertThat(r.total()).as(c).isLessThanOrEqualTo(visibleMatches);
            if (r.totalIsExact()) {
                assertThat(r.total()).as(c).isEqualTo(visibleMatches);
            } else {
                assertThat(r.total()).as(c).isGreaterThanOrEqualTo(lean.exactTotalUpTo());
            }
            if (visibleMatches <= lean.exactTotalUpTo()) {
                assertThat(r.totalIsExact()).as(c).isTrue();
            }
        }
    }

    private static List<String> allIds(LuceneSearchIndex index, SearchQuery q, ViewerScope viewer) {
        List<String> out = new ArrayList<>();
        for (int offset = 0; ; offset += 100) {
            SearchResult page = index.query(q.page(offset, 100), viewer);
            page.hits().forEach(h -> out.add(h.ref().id()));
            if (page.hits().size() < 100) {
                return out;
            }
        }
    }

    private static void assertFacets(SearchResult r, List<SearchDocument> matches, String context) {
        Map<Facet, Function<SearchDocument, Stream<String>>> values = Map.of(Facet.TYPE,
                d -> Stream.of(d.type().name()), Facet.COMMUNITY, d -> d.community().stream().map(CommunityId::value),
                Facet.PRACTICE, d -> d.practice().stream().map(PracticeId::value), Facet.TAG, d -> d.tags().stream(),
                Facet.LANGUAGE, d -> Stream.of(d.language().getLanguage()));
        values.forEach((facet, f) -> {
            Map<String, Long> want = new TreeMap<>(matches.stream().flatMap(f)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())));
            assertThat(new TreeMap<>(r.facets().getOrDefault(facet, Map.of()))).as(context + " facet " + facet)
                    .isEqualTo(want);
        });
    }
}
