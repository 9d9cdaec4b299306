package org.copkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.copkit.testkit.SearchFixtures.ALL_STATUSES;
import static org.copkit.testkit.SearchFixtures.AUTHOR;
import static org.copkit.testkit.SearchFixtures.COMMUNITY_1;
import static org.copkit.testkit.SearchFixtures.COMMUNITY_2;
import static org.copkit.testkit.SearchFixtures.CURRENT;
import static org.copkit.testkit.SearchFixtures.DE;
import static org.copkit.testkit.SearchFixtures.EN;
import static org.copkit.testkit.SearchFixtures.NL;
import static org.copkit.testkit.SearchFixtures.ORG_A;
import static org.copkit.testkit.SearchFixtures.ORG_B;
import static org.copkit.testkit.SearchFixtures.ORG_C;
import static org.copkit.testkit.SearchFixtures.PRACTICE_1;
import static org.copkit.testkit.SearchFixtures.PRACTICE_2;
import static org.copkit.testkit.SearchFixtures.T0;
import static org.copkit.testkit.SearchFixtures.TAGS;
import static org.copkit.testkit.SearchFixtures.WORDS;
import static org.copkit.testkit.SearchFixtures.document;
import static org.copkit.testkit.SearchFixtures.item;
import static org.copkit.testkit.SearchFixtures.reader;
import static org.copkit.testkit.SearchFixtures.system;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.access.Audience;
import org.copkit.access.ViewerScope;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.member.MemberId;
import org.copkit.search.Facet;
import org.copkit.search.SearchDocument;
import org.copkit.search.SearchHit;
import org.copkit.search.SearchQuery;
import org.copkit.search.SearchResult;
import org.copkit.search.SimilarQuery;
import org.copkit.spi.SearchIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link SearchIndex} backend must pass. Extend it in the backend's tests and
 * return a fresh, empty index from {@link #newIndex()}; the kit closes it after each test.
 *
 * <pre>{@code
 * class LuceneSearchIndexTest extends SearchIndexContract {
 *     @TempDir Path dir;
 *
 *     @Override
 *     protected SearchIndex newIndex() {
 *         return LuceneSearchIndex.open(dir);
 *     }
 * }
 * }</pre>
 *
 * <p>The tests assert only what any decent backend does: no exact scores, no stemming, no stop
 * words; the documents use distinctive plain words. What they do pin down:
 * <ul>
 * <li>a document is searchable as soon as {@link SearchIndex#index} returns (read-after-write);</li>
 * <li>visibility is exactly {@link ViewerScope#canSee} on hits, totals, every facet count,
 * suggestions and similar documents, checked against a brute-force filter over a seeded random
 * corpus;</li>
 * <li>facet keys are the type name, the community and practice id values, the tag and the language
 * tag ({@code en}); facets report every value with a non-zero count (the fixtures use at most eight
 * values per facet), highest count first;</li>
 * <li>snippets are HTML-safe: only {@code <mark>} markup, everything else escaped.</li>
 * </ul>
 */
public abstract class SearchIndexContract {
    private static final Set<String> NOT_CURRENT = Set.of("DRAFT", "IN_REVIEW", "ARCHIVED", "SUPERSEDED");
    private static final long SEED = 20240301L;

    private SearchIndex index;

    /** @return a fresh, empty index; the kit closes it after the test */
    protected abstract SearchIndex newIndex();

    @BeforeEach
    void openIndex() {
        index = newIndex();
    }

    @AfterEach
    void closeIndex() {
        if (index != null) {
            index.close();
        }
    }

    // ------------------------------------------------------------------ indexing and life cycle

    @Test
    @DisplayName("a document is found by a word of its title")
    void findsByTitleWord() {
        add(item("a").title("Zebrafish husbandry").body("Water and light."), item("b").title("Other").body("Nothing."));

        assertThat(ids(query("zebrafish", system()))).containsExactly("a");
    }

    @Test
    @DisplayName("a document is found by a word of its body")
    void findsByBodyWord() {
        add(item("a").title("Aquarium").body("Keeping axolotl healthy."), item("b").title("Other").body("Nothing."));

        assertThat(ids(query("axolotl", system()))).containsExactly("a");
    }

    @Test
    @DisplayName("a document is found by one of its tags")
    void findsByTag() {
        add(item("a").title("Aquarium").body("Care.").tags("ichthyology"), item("b").title("Other").body("Care."));

        assertThat(ids(query("ichthyology", system()))).containsExactly("a");
    }

    @Test
    @DisplayName("matching ignores letter case in documents and queries")
    void matchingIgnoresCase() {
        add(item("a").title("ZEBRAFISH Notes"), item("b").title("zebrafish notes"), item("c").title("Other"));

        assertThat(ids(query("Zebrafish", system()))).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    @DisplayName("re-indexing a ref replaces the document: no duplicate, the old words are gone")
    void reindexReplaces() {
        add(item("a").title("Pelican report").body("Coastal birds."));
        add(item("a").title("Walrus report").body("Arctic mammals."));

        assertThat(query("", system()).total()).isEqualTo(1);
        assertThat(ids(query("pelican", system()))).isEmpty();
        assertThat(ids(query("walrus", system()))).containsExactly("a");
        assertThat(query("report", system()).hits()).singleElement()
                .satisfies(h -> assertThat(h.title()).isEqualTo("Walrus report"));
    }

    @Test
    @DisplayName("a document is gone from results, suggestions and similar documents once deleted")
    void deleteRemoves() {
        add(item("a").title("Pelican colony").body("Pelican nesting habits in the colony."),
                item("b").title("Walrus colony").body("Walrus habits."));

        index.delete(List.of(ref("a")));

        assertThat(ids(query("pelican", system()))).isEmpty();
        assertThat(query("", system()).total()).isEqualTo(1);
        assertThat(index.suggest("pelic", system(), 10)).isEmpty();
        assertThat(index.similar(SimilarQuery.of("pelican nesting habits"), system())).extracting(h -> h.ref().id())
                .doesNotContain("a");
    }

    @Test
    @DisplayName("deleting unknown refs is ignored and leaves other documents alone")
    void deleteIgnoresUnknown() {
        add(item("a").title("Pelican"));

        assertThatCode(() -> index.delete(List.of(ref("nope"), new Ref(ObjectType.PRACTICE, "a")))).doesNotThrowAnyException();
        assertThatCode(() -> index.delete(List.of())).doesNotThrowAnyException();

        assertThat(ids(query("pelican", system()))).containsExactly("a");
    }

    @Test
    @DisplayName("documents of different types with the same id are different documents")
    void refIncludesType() {
        add(item("x").title("Pelican item"), document(ObjectType.PRACTICE, "x").title("Pelican practice"));

        assertThat(query("pelican", system()).total()).isEqualTo(2);
    }

    @Test
    @DisplayName("a fresh index is empty and has checkpoint 0")
    void freshIndexIsEmpty() {
        assertThat(index.checkpoint()).isZero();
        SearchResult r = query("", system());
        assertThat(r.hits()).isEmpty();
        assertThat(r.total()).isZero();
        assertThat(index.suggest("a", system(), 10)).isEmpty();
        assertThat(index.similar(SimilarQuery.of("anything at all"), system())).isEmpty();
    }

    @Test
    @DisplayName("checkpoint(sequence) round-trips, and indexing or deleting does not move it")
    void checkpointRoundTrips() {
        index.checkpoint(17);
        assertThat(index.checkpoint()).isEqualTo(17);

        add(item("a"));
        index.delete(List.of(ref("a")));
        assertThat(index.checkpoint()).isEqualTo(17);

        index.checkpoint(4_000_000_000L);
        assertThat(index.checkpoint()).isEqualTo(4_000_000_000L);
    }

    @Test
    @DisplayName("rebuild replaces all content and sets the checkpoint")
    void rebuildReplaces() {
        add(item("a").title("Pelican"), item("b").title("Walrus"));
        index.checkpoint(3);

        index.rebuild(Stream.of(item("c").title("Narwhal").build(), item("d").title("Walrus tusks").build()), 42);

        assertThat(index.checkpoint()).isEqualTo(42);
        assertThat(allIds(SearchQuery.of(""), system())).containsExactlyInAnyOrder("c", "d");
        assertThat(ids(query("pelican", system()))).isEmpty();
        assertThat(ids(query("walrus", system()))).containsExactly("d");
    }

    @Test
    @DisplayName("rebuild from an empty stream empties the index")
    void rebuildEmpty() {
        add(item("a").title("Pelican"));

        index.rebuild(Stream.empty(), 9);

        assertThat(query("", system()).total()).isZero();
        assertThat(index.checkpoint()).isEqualTo(9);
    }

    @Test
    @DisplayName("documents indexed after a rebuild are added to the rebuilt content")
    void indexAfterRebuild() {
        index.rebuild(Stream.of(item("a").title("Pelican").build()), 5);
        add(item("b").title("Pelican chick"));

        assertThat(ids(query("pelican", system()))).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    @DisplayName("close may be called more than once")
    void closeIsIdempotent() {
        index.close();
        assertThatCode(index::close).doesNotThrowAnyException();
    }

    @Test
    @Timeout(600) // a hang detector: on a loaded 2-core machine the on-disk Lucene index took 48 s
    @DisplayName("concurrent index calls from several threads lose no document")
    void concurrentIndexing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        index.index(List.of(item("t" + thread + "-" + i).title("Concurrent pelican " + i).build()));
                        index.query(SearchQuery.of("pelican"), system());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(540, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(query("pelican", system()).total()).isEqualTo(100);
    }

    // ------------------------------------------------------------------ query language

    @ParameterizedTest(name = "[{index}] blank text")
    @ValueSource(strings = {"", " ", "   \t  "})
    @DisplayName("a blank query matches every visible document")
    void blankMatchesAllVisible(String text) {
        add(item("a").title("Pelican"), item("b").title("Walrus").body("Tusks."),
                item("secret").title("Narwhal").audience(Audience.organization(ORG_B)));

        assertThat(allIds(SearchQuery.of(text), reader("r").of(ORG_A).build())).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    @DisplayName("several words are all required")
    void wordsAreAnded() {
        add(item("both").title("Pelican").body("Seen with a walrus."), item("one").title("Pelican").body("Alone."),
                item("other").title("Walrus").body("Alone."));

        assertThat(ids(query("pelican walrus", system()))).containsExactly("both");
    }

    @Test
    @DisplayName("a \"quoted phrase\" requires its words next to each other in that order")
    void quotedPhrase() {
        add(item("phrase").body("The crimson tide rises at dawn."),
                item("reversed").body("A tide that is crimson at dusk."),
                item("apart").body("Crimson sails and a high tide."));

        assertThat(ids(query("\"crimson tide\"", system()))).containsExactly("phrase");
    }

    @Test
    @DisplayName("a -word excludes documents containing it")
    void exclusion() {
        add(item("with").title("Pelican").body("And an octopus."), item("without").title("Pelican").body("Alone."));

        assertThat(ids(query("pelican -octopus", system()))).containsExactly("without");
    }

    @Test
    @DisplayName("OR matches documents with either word")
    void or() {
        add(item("a").title("Pelican"), item("b").title("Walrus"), item("c").title("Narwhal"));

        assertThat(ids(query("pelican OR walrus", system()))).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    @DisplayName("words that match nothing give no hits, total 0 and no facet counts")
    void noMatch() {
        add(item("a").title("Pelican").tags("birds"));

        SearchResult r = query("xylophone", system());
        assertThat(r.hits()).isEmpty();
        assertThat(r.total()).isZero();
        r.facets().values().forEach(counts -> assertThat(counts).isEmpty());
    }

    @ParameterizedTest(name = "[{index}] odd query text")
    @ValueSource(strings = {"\"", "\"\"", "\"zebrafish", "zebrafish\"", "a\"b\"c\"", "*wild", "wild*", "?", "*", "(((",
            ")))", "(zebrafish", "[", "]", "{", "}", "{1 TO 2]", "AND OR NOT", "AND", "OR", "NOT", "NOT zebrafish",
            "zebrafish AND", "OR zebrafish", "-", "--", "- -", "-zebrafish", "+", "+-", "&&", "||", "!", "~", "~2",
            "zebrafish~", "^", "zebrafish^3", ":", "title:", "title:zebrafish", "body:secret", "\\", "\\\\\"", "/",
            "/regex/", "/[a-z/", "' OR 1=1 --", "%", "_", "\u0000", "\u0007\u001b\u007f", "\t\n\r", "\u202e\ufeff",
            "\ud83e", "\udd8a zebrafish", "🦊", "👩‍💻 zebrafish", "<script>alert(1)</script>", "&amp;", "zebrafish secret",
            "secret", "sécret", "ＳＥＣＲＥＴ"})
    @DisplayName("any text is a valid query: it never throws and reveals nothing invisible")
    void anyTextIsValid(String text) {
        add(item("visible").title("Zebrafish public notes").body("Open zebrafish data."),
                item("hidden").title("Zebrafish secret notes").body("Closed secret data.")
                        .audience(Audience.organization(ORG_B)));
        ViewerScope viewer = reader("r").of(ORG_A).build();

        assertThatCode(() -> {
            SearchResult r = index.query(SearchQuery.of(text), viewer);
            assertThat(r.total()).isBetween(0L, 1L).isGreaterThanOrEqualTo(r.hits().size());
            assertThat(r.hits()).extracting(h -> h.ref().id()).doesNotContain("hidden");
            assertThat(r.facets().getOrDefault(Facet.TYPE, Map.of()).values().stream().mapToLong(Long::longValue).sum())
                    .isLessThanOrEqualTo(1);
            assertThat(index.suggest(text, viewer, 10)).noneMatch(s -> s.toLowerCase(Locale.ROOT).contains("secret"));
            similarQuery(text).ifPresent(sq -> assertThat(index.similar(sq, viewer)).extracting(h -> h.ref().id())
                    .doesNotContain("hidden"));
        }).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a query text of the maximum length (2000 characters) never throws")
    void longestText() {
        add(item("a").title("Zebrafish").body("Open data."));
        StringBuilder b = new StringBuilder();
        String[] parts = {"zebrafish ", "\"open ", "(", "-x ", "OR ", "*", "data\" ", "🦊", "title:", "\\"};
        for (int i = 0; b.length() < SearchQuery.MAX_TEXT; i++) {
            b.append(parts[i % parts.length]);
        }
        String text = b.substring(0, SearchQuery.MAX_TEXT - 1) + "x";

        assertThatCode(() -> index.query(SearchQuery.of(text), system())).doesNotThrowAnyException();
        assertThatCode(() -> index.query(SearchQuery.of("zebrafish ".repeat(200)), system())).doesNotThrowAnyException();
        assertThatCode(() -> similarQuery(text).ifPresent(q -> index.similar(q, system()))).doesNotThrowAnyException();
        assertThatCode(() -> index.suggest(text, system(), 5)).doesNotThrowAnyException();
    }

    // ------------------------------------------------------------------ visibility, one rule at a time

    @Test
    @DisplayName("audience PLATFORM admits every member, in any organisation and community")
    void platformAudience() {
        add(item("p").title("Pelican").audience(Audience.platform()));

        assertThat(visibleTo(reader("r").of(ORG_C).build())).containsExactly("p");
        assertThat(visibleTo(reader("r").of(ORG_B).activeIn(COMMUNITY_2).build())).containsExactly("p");
    }

    @Test
    @DisplayName("audience COMMUNITY admits active members of the document's community only")
    void communityAudience() {
        add(item("c").title("Pelican").community(COMMUNITY_1).audience(Audience.community()));

        assertThat(visibleTo(reader("r").activeIn(COMMUNITY_1).build())).containsExactly("c");
        assertThat(visibleTo(reader("r").activeIn(COMMUNITY_2).build())).isEmpty();
        assertThat(visibleTo(reader("r").of(ORG_A).build())).isEmpty();
        assertThat(visibleTo(reader("r").stewards(PRACTICE_1).build())).isEmpty();
    }

    @Test
    @DisplayName("audience ORGANIZATION admits members of that organisation only; community membership does not help")
    void organizationAudience() {
        add(item("o").title("Pelican").community(COMMUNITY_1).audience(Audience.organization(ORG_A)));

        assertThat(visibleTo(reader("r").of(ORG_A).build())).containsExactly("o");
        assertThat(visibleTo(reader("r").of(ORG_B).reviews(COMMUNITY_1).build())).isEmpty();
        assertThat(visibleTo(reader("r").of(ORG_C).build())).isEmpty();
    }

    @Test
    @DisplayName("audience PARTNERS admits members of the named organisations only")
    void partnersAudience() {
        add(item("p").title("Pelican").community(COMMUNITY_1).audience(Audience.partners(ORG_A, ORG_B)));

        assertThat(visibleTo(reader("r").of(ORG_A).build())).containsExactly("p");
        assertThat(visibleTo(reader("r").of(ORG_B).build())).containsExactly("p");
        assertThat(visibleTo(reader("r").of(ORG_C).activeIn(COMMUNITY_1).build())).isEmpty();
    }

    @Test
    @DisplayName("editors always see their own documents, drafts and outside the audience included")
    void editorsSeeOwn() {
        add(item("draft").title("Pelican").draft().audience(Audience.organization(ORG_B)).editors(AUTHOR),
                item("org").title("Walrus").audience(Audience.community()).community(COMMUNITY_2).editors(AUTHOR),
                item("notmine").title("Narwhal").draft().audience(Audience.organization(ORG_B)));

        assertThat(visibleTo(reader(AUTHOR.value()).of(ORG_A).build())).containsExactlyInAnyOrder("draft", "org");
    }

    @Test
    @DisplayName("unpublished documents are visible to reviewers of their community inside the audience")
    void draftsVisibleToReviewers() {
        add(item("draft").title("Pelican").draft().community(COMMUNITY_1),
                item("review").title("Walrus").status("IN_REVIEW").community(COMMUNITY_1),
                item("elsewhere").title("Narwhal").draft().community(COMMUNITY_2));

        assertThat(visibleTo(reader("r").reviews(COMMUNITY_1).build())).containsExactlyInAnyOrder("draft", "review");
    }

    @Test
    @DisplayName("unpublished documents stay hidden from reviewers the audience does not admit")
    void draftsNeedAudienceForReviewers() {
        add(item("org").title("Pelican").draft().community(COMMUNITY_1).audience(Audience.organization(ORG_B)),
                item("comm").title("Walrus").draft().community(COMMUNITY_1).audience(Audience.community()));
        ViewerScope reviewerNotActive = new ViewerScope(MemberId.of("r"), ORG_A, Set.of(), Set.of(COMMUNITY_1),
                Set.of(), false);

        assertThat(visibleTo(reader("r").of(ORG_A).reviews(COMMUNITY_1).build())).containsExactly("comm");
        assertThat(visibleTo(reader("r").of(ORG_B).reviews(COMMUNITY_1).build())).containsExactlyInAnyOrder("org", "comm");
        assertThat(visibleTo(reviewerNotActive)).isEmpty();
    }

    @Test
    @DisplayName("unpublished documents are visible to stewards of their practice inside the audience")
    void draftsVisibleToStewards() {
        add(item("p1").title("Pelican").draft().community(COMMUNITY_1).practice(PRACTICE_1),
                item("p2").title("Walrus").draft().community(COMMUNITY_2).practice(PRACTICE_2),
                item("p1org").title("Narwhal").draft().community(COMMUNITY_1).practice(PRACTICE_1)
                        .audience(Audience.organization(ORG_B)));

        assertThat(visibleTo(reader("r").of(ORG_A).stewards(PRACTICE_1).build())).containsExactly("p1");
    }

    @Test
    @DisplayName("unpublished documents stay hidden from active members who do not review")
    void draftsHiddenFromMembers() {
        add(item("draft").title("Pelican").draft().community(COMMUNITY_1).practice(PRACTICE_1),
                item("pub").title("Walrus").community(COMMUNITY_1).practice(PRACTICE_1));

        assertThat(visibleTo(reader("r").activeIn(COMMUNITY_1).stewards(PRACTICE_2).build())).containsExactly("pub");
        assertThat(visibleTo(reader("r").reviews(COMMUNITY_2).build())).containsExactly("pub");
    }

    @Test
    @DisplayName("the system scope sees everything")
    void systemSeesAll() {
        add(item("a").draft().audience(Audience.organization(ORG_B)),
                item("b").status("IN_REVIEW").community(COMMUNITY_2).audience(Audience.community()),
                item("c").status("ARCHIVED").audience(Audience.partners(ORG_B, ORG_C)),
                document(ObjectType.PRACTICE, "d").noCommunity().audience(Audience.organization(ORG_C)));

        assertThat(visibleTo(system())).containsExactlyInAnyOrder("a", "b", "c", "d");
    }

    @Test
    @DisplayName("facets do not reveal communities or tags of invisible documents")
    void facetsHideInvisibleValues() {
        add(item("a").title("Pelican").community(COMMUNITY_1).tags("birds"),
                item("b").title("Pelican").community(COMMUNITY_2).practice(PRACTICE_2).tags("classified")
                        .audience(Audience.community()).language(NL));

        SearchResult r = index.query(SearchQuery.of("pelican"), reader("r").activeIn(COMMUNITY_1).build());

        assertThat(r.total()).isEqualTo(1);
        assertThat(r.facets().get(Facet.COMMUNITY)).containsOnlyKeys(COMMUNITY_1.value());
        assertThat(r.facets().get(Facet.TAG)).containsOnlyKeys("birds");
        assertThat(r.facets().getOrDefault(Facet.PRACTICE, Map.of())).isEmpty();
        assertThat(r.facets().get(Facet.LANGUAGE)).containsOnlyKeys("en");
    }

    // ------------------------------------------------------------------ visibility against brute force

    @Test
    @DisplayName("for random readers, hits and total are exactly the matching documents canSee admits")
    void bruteForceHitsAndTotals() {
        List<SearchDocument> corpus = corpus();
        for (ViewerScope viewer : viewers()) {
            for (String text : texts()) {
                for (SearchQuery q : List.of(SearchQuery.of(text), anyStatus(SearchQuery.of(text)))) {
                    List<SearchDocument> expected = expected(corpus, viewer, q, text);
                    String context = describe(viewer, q);
                    assertThat(index.query(q, viewer).total()).as(context).isEqualTo(expected.size());
                    assertThat(allIds(q, viewer)).as(context).containsExactlyInAnyOrderElementsOf(refIds(expected));
                }
            }
        }
    }

    @Test
    @DisplayName("for random readers, every facet count equals the brute-force count over all visible matches")
    void bruteForceFacets() {
        List<SearchDocument> corpus = corpus();
        for (ViewerScope viewer : viewers()) {
            for (String text : texts()) {
                for (SearchQuery q : List.of(SearchQuery.of(text).page(0, 1), anyStatus(SearchQuery.of(text)).page(0, 3))) {
                    assertFacets(index.query(q, viewer), expected(corpus, viewer, q, text), describe(viewer, q));
                }
            }
        }
    }

    @Test
    @DisplayName("for random readers and random filters, hits, total and facets equal the brute force")
    void bruteForceFilters() {
        List<SearchDocument> corpus = corpus();
        Random r = new Random(SEED + 1);
        List<String> communities = List.of("c1", "c2", "c3", "c4");
        for (ViewerScope viewer : viewers()) {
            for (int i = 0; i < 8; i++) {
                String text = r.nextInt(3) == 0 ? "" : WORDS.get(r.nextInt(WORDS.size()));
                SearchQuery q = SearchQuery.of(text);
                if (r.nextBoolean()) {
                    q = q.withCommunities(pick(r, communities).stream().map(CommunityId::of).toArray(CommunityId[]::new));
                }
                if (r.nextInt(3) == 0) {
                    q = q.withPractices(pick(r, List.of("c1-p0", "c1-p1", "c2-p0", "c3-p1")).stream()
                            .map(PracticeId::of).toArray(PracticeId[]::new));
                }
                if (r.nextInt(3) == 0) {
                    q = q.withTags(TAGS.get(r.nextInt(TAGS.size())));
                }
                if (r.nextInt(3) == 0) {
                    q = q.withLanguages(pick(r, List.of(EN, NL, DE)).toArray(Locale[]::new));
                }
                if (r.nextInt(3) == 0) {
                    q = q.withTypes(r.nextBoolean() ? ObjectType.KNOWLEDGE_ITEM : ObjectType.PRACTICE);
                }
                if (r.nextBoolean()) {
                    q = q.withStatuses(pick(r, ALL_STATUSES).toArray(String[]::new));
                }
                if (r.nextInt(3) == 0) {
                    Instant from = T0.plus(Duration.ofHours(r.nextInt(24 * 30)));
                    q = q.updatedBetween(from, from.plus(Duration.ofHours(1 + r.nextInt(24 * 30))));
                }
                List<SearchDocument> expected = expected(corpus, viewer, q, text);
                String context = describe(viewer, q);
                SearchResult result = index.query(q, viewer);
                assertThat(result.total()).as(context).isEqualTo(expected.size());
                assertThat(allIds(q, viewer)).as(context).containsExactlyInAnyOrderElementsOf(refIds(expected));
                assertFacets(result, expected, context);
            }
        }
    }

    @Test
    @DisplayName("for random readers, suggest never reveals a title or tag they cannot see")
    void bruteForceSuggest() {
        List<SearchDocument> corpus = corpus();
        List<String> prefixes = new ArrayList<>(List.of("zq", "fal", "gra", "har", "bud", "cli", "wat"));
        for (char c = 'a'; c <= 'h'; c++) {
            prefixes.add("zq" + c);
        }
        for (ViewerScope viewer : viewers()) {
            List<SearchDocument> visible = corpus.stream().filter(d -> viewer.canSee(d.visibility())).toList();
            for (String prefix : prefixes) {
                List<String> suggestions = index.suggest(prefix, viewer, 20);
                String context = describe(viewer, null) + " prefix " + prefix;
                assertThat(suggestions).as(context).hasSizeLessThanOrEqualTo(20).doesNotHaveDuplicates();
                for (String s : suggestions) {
                    String lower = s.toLowerCase(Locale.ROOT);
                    assertThat(visible).as(context + ": suggestion '" + s + "' must come from a visible document")
                            .anyMatch(d -> d.title().toLowerCase(Locale.ROOT).contains(lower) || d.tags().contains(lower));
                }
                boolean currentMatch = visible.stream().filter(SearchIndexContract::defaultStatus)
                        .anyMatch(d -> tokens(d.title()).get(0).startsWith(prefix));
                if (currentMatch) {
                    assertThat(suggestions).as(context + " has a visible current title starting with the prefix")
                            .isNotEmpty();
                }
            }
        }
    }

    @Test
    @DisplayName("for random readers, similar returns only visible current documents sharing words with the text")
    void bruteForceSimilar() {
        List<SearchDocument> corpus = corpus();
        Map<String, SearchDocument> byId = corpus.stream().collect(Collectors.toMap(d -> d.ref().id(), d -> d));
        List<String> texts = List.of("falcon granite harbor", "lantern meadow", "orchid quartz saffron budget",
                "Notes on falcon and water");
        for (ViewerScope viewer : viewers()) {
            for (String text : texts) {
                List<SearchHit> hits = index.similar(new SimilarQuery(text, Set.of(), Optional.empty(), 50), viewer);
                String context = describe(viewer, null) + " similar to '" + text + "'";
                assertThat(hits).as(context).isNotEmpty().hasSizeLessThanOrEqualTo(50);
                assertThat(hits).extracting(h -> h.ref().id()).as(context).doesNotHaveDuplicates();
                Set<String> words = new HashSet<>(tokens(text));
                for (SearchHit h : hits) {
                    SearchDocument d = byId.get(h.ref().id());
                    assertThat(d).as(context + " returned unknown " + h.ref()).isNotNull();
                    assertThat(viewer.canSee(d.visibility())).as(context + " returned invisible " + h.ref()).isTrue();
                    assertThat(d.status()).as(context + " returned non-current " + h.ref()).isNotIn(NOT_CURRENT);
                    assertThat(allTokens(d)).as(context + " returned unrelated " + h.ref()).containsAnyElementsOf(words);
                }
            }
        }
    }

    // ------------------------------------------------------------------ filters

    @Test
    @DisplayName("the types filter keeps documents of the given types")
    void filterTypes() {
        add(item("i").title("Pelican"), document(ObjectType.PRACTICE, "p").title("Pelican"),
                document(ObjectType.COMMUNITY, "c").title("Pelican"));

        assertThat(allIds(SearchQuery.of("pelican").withTypes(ObjectType.PRACTICE, ObjectType.COMMUNITY), system()))
                .containsExactlyInAnyOrder("p", "c");
        assertThat(allIds(SearchQuery.of("pelican").withTypes(ObjectType.KNOWLEDGE_ITEM), system())).containsExactly("i");
    }

    @Test
    @DisplayName("the communities filter keeps documents of the given communities, never those without one")
    void filterCommunities() {
        add(item("one").title("Pelican").community(COMMUNITY_1), item("two").title("Pelican").community(COMMUNITY_2),
                item("none").title("Pelican").noCommunity());

        assertThat(allIds(SearchQuery.of("pelican").withCommunities(COMMUNITY_2), system())).containsExactly("two");
        assertThat(allIds(SearchQuery.of("").withCommunities(COMMUNITY_1, COMMUNITY_2), system()))
                .containsExactlyInAnyOrder("one", "two");
    }

    @Test
    @DisplayName("the practices filter keeps documents of the given practices")
    void filterPractices() {
        add(item("p1").title("Pelican").practice(PRACTICE_1),
                item("p2").title("Pelican").community(COMMUNITY_2).practice(PRACTICE_2),
                item("none").title("Pelican"));

        assertThat(allIds(SearchQuery.of("pelican").withPractices(PRACTICE_1), system())).containsExactly("p1");
    }

    @Test
    @DisplayName("the tags filter requires all given tags")
    void filterTagsAllRequired() {
        add(item("both").tags("birds", "coast"), item("birds").tags("birds"), item("coast").tags("coast", "sand"));

        assertThat(allIds(SearchQuery.of("").withTags("birds", "coast"), system())).containsExactly("both");
        assertThat(allIds(SearchQuery.of("").withTags("coast"), system())).containsExactlyInAnyOrder("both", "coast");
    }

    @Test
    @DisplayName("the languages filter keeps documents in the given languages")
    void filterLanguages() {
        add(item("en").title("Pelican").language(EN), item("nl").title("Pelican").language(NL),
                item("de").title("Pelican").language(DE));

        assertThat(allIds(SearchQuery.of("pelican").withLanguages(NL, DE), system())).containsExactlyInAnyOrder("nl", "de");
    }

    @Test
    @DisplayName("by default only PUBLISHED and NEEDS_REVIEW knowledge items are returned, other types in any status")
    void defaultStatuses() {
        for (String status : List.of("DRAFT", "IN_REVIEW", "PUBLISHED", "NEEDS_REVIEW", "ARCHIVED", "SUPERSEDED")) {
            add(item(status).title("Pelican").status(status).editors(AUTHOR));
        }
        add(document(ObjectType.PRACTICE, "practice").title("Pelican"));

        assertThat(allIds(SearchQuery.of("pelican"), system()))
                .containsExactlyInAnyOrder("PUBLISHED", "NEEDS_REVIEW", "practice");
        assertThat(allIds(SearchQuery.of("pelican"), reader(AUTHOR.value()).build()))
                .containsExactlyInAnyOrder("PUBLISHED", "NEEDS_REVIEW", "practice");
    }

    @Test
    @DisplayName("explicit statuses replace the default")
    void explicitStatuses() {
        for (String status : List.of("DRAFT", "IN_REVIEW", "PUBLISHED", "NEEDS_REVIEW", "ARCHIVED", "SUPERSEDED")) {
            add(item(status).title("Pelican").status(status));
        }

        assertThat(allIds(SearchQuery.of("pelican").withStatuses("ARCHIVED"), system())).containsExactly("ARCHIVED");
        assertThat(allIds(SearchQuery.of("pelican").withStatuses("DRAFT", "PUBLISHED"), system()))
                .containsExactlyInAnyOrder("DRAFT", "PUBLISHED");
    }

    @Test
    @DisplayName("updatedBetween keeps documents updated in [from, to)")
    void filterUpdatedBetween() {
        Instant from = T0.plus(Duration.ofDays(10));
        Instant to = T0.plus(Duration.ofDays(20));
        add(item("before").title("Pelican").updatedAt(from.minusMillis(1)), item("from").title("Pelican").updatedAt(from),
                item("inside").title("Pelican").updatedAt(from.plus(Duration.ofDays(5))),
                item("lastms").title("Pelican").updatedAt(to.minusMillis(1)), item("to").title("Pelican").updatedAt(to));

        assertThat(allIds(SearchQuery.of("pelican").updatedBetween(from, to), system()))
                .containsExactlyInAnyOrder("from", "inside", "lastms");
    }

    @Test
    @DisplayName("filters combine: a document must pass every one of them")
    void filtersCombine() {
        add(item("all").title("Pelican").community(COMMUNITY_1).tags("birds").language(NL),
                item("lang").title("Pelican").community(COMMUNITY_1).tags("birds").language(EN),
                item("comm").title("Pelican").community(COMMUNITY_2).tags("birds").language(NL),
                item("tag").title("Pelican").community(COMMUNITY_1).tags("fish").language(NL));

        assertThat(allIds(SearchQuery.of("pelican").withCommunities(COMMUNITY_1).withTags("birds").withLanguages(NL),
                system())).containsExactly("all");
    }

    // ------------------------------------------------------------------ facets

    @Test
    @DisplayName("facet counts cover every match, not just the page")
    void facetsCoverAllMatches() {
        for (int i = 0; i < 12; i++) {
            add(item("i" + i).title("Pelican " + i).community(i % 3 == 0 ? COMMUNITY_2 : COMMUNITY_1)
                    .practice(PRACTICE_1).tags(i % 2 == 0 ? "even" : "odd").language(i < 4 ? NL : EN));
        }
        add(document(ObjectType.PRACTICE, "p").title("Pelican practice"));

        SearchResult r = index.query(SearchQuery.of("pelican").page(0, 2), system());

        assertThat(r.hits()).hasSize(2);
        assertThat(r.total()).isEqualTo(13);
        assertThat(r.facets().get(Facet.TYPE)).containsExactlyInAnyOrderEntriesOf(Map.of("KNOWLEDGE_ITEM", 12L, "PRACTICE", 1L));
        assertThat(r.facets().get(Facet.COMMUNITY))
                .containsExactlyInAnyOrderEntriesOf(Map.of(COMMUNITY_1.value(), 9L, COMMUNITY_2.value(), 4L));
        assertThat(r.facets().get(Facet.PRACTICE)).containsExactlyInAnyOrderEntriesOf(Map.of(PRACTICE_1.value(), 12L));
        assertThat(r.facets().get(Facet.TAG)).containsExactlyInAnyOrderEntriesOf(Map.of("even", 6L, "odd", 6L));
        assertThat(r.facets().get(Facet.LANGUAGE)).containsExactlyInAnyOrderEntriesOf(Map.of("nl", 4L, "en", 9L));
    }

    @Test
    @DisplayName("without facets: the same hits, no facet counts, an exact total by default")
    void withoutFacets() {
        for (int i = 0; i < 12; i++) {
            add(item("i" + i).title("Pelican " + i).community(i % 3 == 0 ? COMMUNITY_2 : COMMUNITY_1)
                    .tags(i % 2 == 0 ? "even" : "odd"));
        }
        SearchQuery q = SearchQuery.of("pelican").page(2, 3);
        SearchResult full = index.query(q, system());
        SearchResult lean = index.query(q.withoutFacets(), system());

        assertThat(full.facets()).isNotEmpty();
        assertThat(full.totalIsExact()).isTrue();
        assertThat(lean.hits()).isEqualTo(full.hits());
        assertThat(lean.facets()).isEmpty();
        assertThat(lean.total()).isEqualTo(12);
        assertThat(lean.totalIsExact()).isTrue();
    }

    @Test
    @DisplayName("an exact total only up to a threshold: the same hits, a lower bound above it, never invisible matches")
    void exactTotalUpTo() {
        for (int i = 0; i < 30; i++) {
            add(item("i" + i).title("Heron " + i).community(COMMUNITY_1)
                    .audience(i % 2 == 0 ? Audience.community() : Audience.platform()));
        }
        ViewerScope outsider = reader("outsider").build();
        for (ViewerScope viewer : List.of(system(), outsider)) {
            long visible = index.query(SearchQuery.of("heron"), viewer).total();
            for (int threshold : List.of(1, 5, 14, 15, 16, 100)) {
                SearchQuery q = SearchQuery.of("heron").withoutFacets().withExactTotalUpTo(threshold);
                SearchResult r = index.query(q, viewer);
                String context = viewer + " up to " + threshold;
                assertThat(r.hits()).as(context).isEqualTo(index.query(SearchQuery.of("heron"), viewer).hits());
                assertThat(r.total()).as(context).isLessThanOrEqualTo(visible);
                if (r.totalIsExact()) {
                    assertThat(r.total()).as(context).isEqualTo(visible);
                } else {
                    assertThat(r.total()).as(context).isGreaterThanOrEqualTo(threshold);
                }
                if (visible <= threshold) {
                    assertThat(r.totalIsExact()).as(context).isTrue();
                }
            }
            assertThat(visible).isEqualTo(viewer.system() ? 30 : 15);
        }
    }

    @Test
    @DisplayName("facet values come highest count first")
    void facetOrder() {
        add(item("a").tags("rare"), item("b").tags("common", "middle"), item("c").tags("common", "middle"),
                item("d").tags("common"));

        assertThat(index.query(SearchQuery.of(""), system()).facets().get(Facet.TAG).keySet())
                .containsExactly("common", "middle", "rare");
    }

    // ------------------------------------------------------------------ sorting and paging

    @Test
    @DisplayName("sort RECENCY orders hits by updatedAt, newest first")
    void recency() {
        add(item("old").title("Pelican pelican pelican").body("Pelican pelican.").day(1),
                item("new").title("Notes").body("A pelican.").day(9), item("mid").title("Pelican").day(5),
                item("newest").title("Other").body("pelican").day(12));

        assertThat(ids(index.query(SearchQuery.of("pelican").sortedBy(SearchQuery.Sort.RECENCY), system())))
                .containsExactly("newest", "new", "mid", "old");
    }

    @Test
    @DisplayName("sort RELEVANCE ranks a document about the word above a passing mention, scores non-increasing")
    void relevance() {
        String filler = IntStream.range(0, 150).mapToObj(i -> "filler" + i).collect(Collectors.joining(" "));
        add(item("passing").title("Assorted notes").body(filler + " one pelican " + filler),
                item("about").title("Pelican husbandry").body("Pelican care: feeding a pelican, housing a pelican."));

        List<SearchHit> hits = query("pelican", system()).hits();

        assertThat(hits).extracting(h -> h.ref().id()).containsExactly("about", "passing");
        assertThat(hits.get(0).score()).isGreaterThanOrEqualTo(hits.get(1).score());
    }

    @Test
    @DisplayName("pages by offset and limit are disjoint and together cover the total")
    void paging() {
        for (int i = 0; i < 27; i++) {
            add(item("i" + i).title("Pelican " + i).body(i % 2 == 0 ? "pelican" : "none").day(i % 5));
        }
        for (SearchQuery.Sort sort : SearchQuery.Sort.values()) {
            List<String> seen = new ArrayList<>();
            for (int offset = 0; offset < 30; offset += 10) {
                SearchResult page = index.query(SearchQuery.of("pelican").sortedBy(sort).page(offset, 10), system());
                assertThat(page.total()).isEqualTo(27);
                seen.addAll(ids(page));
            }
            assertThat(seen).as(sort.name()).hasSize(27).doesNotHaveDuplicates();
        }
    }

    @Test
    @DisplayName("an offset past the end gives no hits but still the total")
    void offsetPastEnd() {
        add(item("a").title("Pelican"), item("b").title("Pelican"));

        SearchResult r = index.query(SearchQuery.of("pelican").page(5, 10), system());

        assertThat(r.hits()).isEmpty();
        assertThat(r.total()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ hits and highlights

    @Test
    @DisplayName("a hit carries the document's ref, title, community, language, status and update time")
    void hitFields() {
        Instant when = T0.plus(Duration.ofDays(3));
        add(item("a").title("Pelican Report").body("Body.").community(COMMUNITY_2).language(NL).status("NEEDS_REVIEW")
                .updatedAt(when));

        SearchHit h = query("pelican", system()).hits().get(0);

        assertThat(h.ref()).isEqualTo(ref("a"));
        assertThat(h.title()).isEqualTo("Pelican Report");
        assertThat(h.community()).contains(COMMUNITY_2);
        assertThat(h.language()).isEqualTo(NL);
        assertThat(h.status()).isEqualTo("NEEDS_REVIEW");
        assertThat(h.updatedAt()).isEqualTo(when);
    }

    @Test
    @DisplayName("the snippet wraps a matched word in <mark>")
    void snippetMarks() {
        add(item("a").title("Birds").body("Along the coast the pelican dives for fish."));

        assertThat(query("pelican", system()).hits().get(0).snippet()).containsPattern("(?i)<mark>pelican</mark>");
    }

    @Test
    @DisplayName("HTML in the body comes back escaped in the snippet")
    void snippetEscapesHtml() {
        add(item("a").title("Birds").body("Before <script>alert(1)</script> the pelican <img src=x onerror=alert(2)> dives."));

        String snippet = query("pelican", system()).hits().get(0).snippet();

        assertThat(snippet).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img")
                .containsPattern("(?i)<mark>pelican</mark>");
    }

    @Test
    @DisplayName("a snippet holds no markup but <mark>: every other <, > and & is escaped")
    void snippetOnlyMark() {
        add(item("a").title("Birds").body("a < b && c > d; \"quoted\" 'single' <b>bold</b> & the pelican &amp; more"));

        String snippet = query("pelican", system()).hits().get(0).snippet();
        String outsideMarks = snippet.replace("<mark>", "").replace("</mark>", "");

        assertThat(outsideMarks).doesNotContain("<", ">");
        assertThat(outsideMarks.replaceAll("&(lt|gt|amp|quot|#39|#x27|apos|#34);", "")).doesNotContain("&");
    }

    @Test
    @DisplayName("a match deep inside a long body is in the snippet")
    void snippetFindsDeepMatch() {
        String filler = IntStream.range(0, 300).mapToObj(i -> "filler" + i).collect(Collectors.joining(" "));
        add(item("a").title("Notes").body(filler + " the pelican dives " + filler));

        assertThat(query("pelican", system()).hits().get(0).snippet()).containsPattern("(?i)<mark>pelican</mark>");
    }

    @Test
    @DisplayName("a match after a long run of text without spaces is still in the snippet")
    void snippetFindsMatchAfterUnspacedText() {
        String joined = IntStream.range(0, 40).mapToObj(i -> "part" + i).collect(Collectors.joining("-"));
        add(item("a").title("Notes").body("Intro: " + joined + "-pelican and more text follows here."));

        assertThat(query("pelican", system()).hits().get(0).snippet()).containsPattern("(?i)<mark>pelican</mark>");
    }

    @Test
    @DisplayName("a snippet never splits a surrogate pair")
    void snippetKeepsSurrogatePairs() {
        String emoji = "🦊🐙🦩".repeat(80);
        add(item("a").title("Notes").body(emoji + " pelican " + emoji), item("b").title("Pelican").body(emoji));

        for (SearchHit h : query("pelican", system()).hits()) {
            String s = h.snippet();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    assertThat(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))).as(s).isTrue();
                    i++;
                } else {
                    assertThat(Character.isLowSurrogate(c)).as(s).isFalse();
                }
            }
        }
    }

    // ------------------------------------------------------------------ similar

    @Test
    @DisplayName("similar returns related current documents, most similar first, and leaves unrelated ones out")
    void similarBestFirst() {
        add(item("close").title("Pelican feeding schedule").body("Feeding pelican chicks with sardines every morning."),
                item("far").title("Harbor notes").body("A pelican was seen near the harbor."),
                item("unrelated").title("Walrus tusks").body("Ivory growth in walrus populations."));

        List<SearchHit> hits = index.similar(SimilarQuery.of("Pelican chicks feeding schedule with sardines"), system());

        assertThat(hits).extracting(h -> h.ref().id()).containsExactly("close", "far");
    }

    @Test
    @DisplayName("similar leaves out the excluded document")
    void similarExclude() {
        add(item("a").title("Pelican feeding").body("Pelican chicks."), item("b").title("Pelican feeding").body("Adults."));

        List<SearchHit> hits = index.similar(
                new SimilarQuery("pelican feeding", Set.of(), Optional.of(ref("a")), 5), system());

        assertThat(hits).extracting(h -> h.ref().id()).containsExactly("b");
    }

    @Test
    @DisplayName("similar keeps only the given types")
    void similarTypes() {
        add(item("i").title("Pelican feeding"), document(ObjectType.PRACTICE, "p").title("Pelican feeding")
                .status("PUBLISHED"));

        assertThat(index.similar(new SimilarQuery("pelican feeding", Set.of(ObjectType.KNOWLEDGE_ITEM), Optional.empty(),
                5), system())).extracting(h -> h.ref()).containsExactly(ref("i"));
    }

    @Test
    @DisplayName("similar returns at most limit documents")
    void similarLimit() {
        for (int i = 0; i < 10; i++) {
            add(item("i" + i).title("Pelican feeding " + i).body("Pelican feeding notes."));
        }

        assertThat(index.similar(new SimilarQuery("pelican feeding notes", Set.of(), Optional.empty(), 3), system()))
                .hasSize(3);
    }

    @Test
    @DisplayName("similar never returns drafts, items in review, archived or superseded items, even to the system")
    void similarOnlyCurrent() {
        for (String status : List.of("DRAFT", "IN_REVIEW", "PUBLISHED", "NEEDS_REVIEW", "ARCHIVED", "SUPERSEDED")) {
            add(item(status).title("Pelican feeding").body("Pelican feeding notes.").status(status));
        }

        assertThat(index.similar(SimilarQuery.of("pelican feeding notes"), system())).extracting(h -> h.ref().id())
                .containsExactlyInAnyOrder("PUBLISHED", "NEEDS_REVIEW");
    }

    @Test
    @DisplayName("similar never returns documents the reader cannot see")
    void similarVisibility() {
        add(item("mine").title("Pelican feeding").audience(Audience.organization(ORG_A)),
                item("theirs").title("Pelican feeding").audience(Audience.organization(ORG_B)),
                item("community").title("Pelican feeding").community(COMMUNITY_2).audience(Audience.community()));

        assertThat(index.similar(SimilarQuery.of("pelican feeding"), reader("r").of(ORG_A).activeIn(COMMUNITY_1).build()))
                .extracting(h -> h.ref().id()).containsExactly("mine");
    }

    // ------------------------------------------------------------------ suggest

    @Test
    @DisplayName("suggest completes a prefix of a title word")
    void suggestTitleWord() {
        add(item("a").title("Photosynthesis basics"), item("b").title("Walrus"));

        assertThat(index.suggest("photosy", system(), 5)).isNotEmpty()
                .allSatisfy(s -> assertThat(s).containsIgnoringCase("photosynthesis"));
        assertThat(index.suggest("bas", system(), 5)).anySatisfy(s -> assertThat(s).containsIgnoringCase("basics"));
    }

    @Test
    @DisplayName("suggest completes a title word that follows punctuation")
    void suggestTitleWordAfterPunctuation() {
        add(item("a").title("Field notes (mangrove ecology)"), item("b").title("Tidal/estuary survey"));

        assertThat(index.suggest("mangr", system(), 5)).anySatisfy(s -> assertThat(s).containsIgnoringCase("mangrove"));
        assertThat(index.suggest("estu", system(), 5)).anySatisfy(s -> assertThat(s).containsIgnoringCase("estuary"));
    }

    @Test
    @DisplayName("suggest completes a prefix of a tag")
    void suggestTag() {
        add(item("a").title("Notes").tags("mangroves"), item("b").title("Walrus"));

        assertThat(index.suggest("mangr", system(), 5)).anySatisfy(s -> assertThat(s).containsIgnoringCase("mangroves"));
    }

    @Test
    @DisplayName("suggest ignores the letter case of the prefix")
    void suggestIgnoresCase() {
        add(item("a").title("Photosynthesis basics"));

        assertThat(index.suggest("PHOTO", system(), 5)).anySatisfy(s -> assertThat(s).containsIgnoringCase("photosynthesis"));
    }

    @Test
    @DisplayName("suggest returns at most limit distinct suggestions")
    void suggestLimitAndDistinct() {
        for (char c = 'a'; c <= 'j'; c++) {
            add(item("i" + c).title("Quokka" + c + " notes").tags("quokka" + c));
            add(item("j" + c).title("Quokka" + c + " notes").tags("quokka" + c));
        }

        assertThat(index.suggest("quok", system(), 3)).hasSize(3).doesNotHaveDuplicates();
        assertThat(index.suggest("quok", system(), 1)).hasSize(1);
        assertThat(index.suggest("quokkac", system(), 20)).isNotEmpty().doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "[{index}] blank prefix")
    @ValueSource(strings = {"", " ", "\t  "})
    @DisplayName("an empty or blank prefix gives no suggestions")
    void suggestEmptyPrefix(String prefix) {
        add(item("a").title("Photosynthesis").tags("plants"));

        assertThat(index.suggest(prefix, system(), 5)).isEmpty();
    }

    @Test
    @DisplayName("suggest never reveals titles or tags of documents the reader cannot see")
    void suggestVisibility() {
        add(item("org").title("Quokka secrets").tags("quokkaintel").audience(Audience.organization(ORG_B)),
                item("draft").title("Quolls plan").tags("quollsdraft").draft().community(COMMUNITY_1),
                item("comm").title("Quetzal survey").tags("quetzaltag").community(COMMUNITY_2)
                        .audience(Audience.community()));
        ViewerScope viewer = reader("r").of(ORG_A).activeIn(COMMUNITY_1).build();

        assertThat(index.suggest("quo", viewer, 20)).isEmpty();
        assertThat(index.suggest("que", viewer, 20)).isEmpty();
        assertThat(index.suggest("quokka", viewer, 20)).isEmpty();
        assertThat(index.suggest("que", reader("s").activeIn(COMMUNITY_2).build(), 20))
                .anySatisfy(s -> assertThat(s).containsIgnoringCase("quetzal"));
    }

    // ------------------------------------------------------------------ helpers

    private void add(SearchFixtures.DocumentBuilder... builders) {
        index.index(Arrays.stream(builders).map(SearchFixtures.DocumentBuilder::build).toList());
    }

    private static Ref ref(String id) {
        return new Ref(ObjectType.KNOWLEDGE_ITEM, id);
    }

    private SearchResult query(String text, ViewerScope scope) {
        return index.query(SearchQuery.of(text), scope);
    }

    private static List<String> ids(SearchResult r) {
        return r.hits().stream().map(h -> h.ref().id()).toList();
    }

    /** Every hit of the query across all pages; checks the pages are disjoint and add up to the total. */
    private List<String> allIds(SearchQuery q, ViewerScope scope) {
        List<String> out = new ArrayList<>();
        long total = -1;
        for (int offset = 0; ; offset += 100) {
            SearchResult page = index.query(q.page(offset, 100), scope);
            if (total < 0) {
                total = page.total();
            }
            assertThat(page.total()).as("total must not depend on the page").isEqualTo(total);
            out.addAll(ids(page));
            if (page.hits().size() < 100 || offset >= 10_000 - 100) {
                break;
            }
        }
        assertThat(out).as("hits over all pages of " + q).doesNotHaveDuplicates().hasSize((int) total);
        return out;
    }

    private List<String> visibleTo(ViewerScope scope) {
        return allIds(anyStatus(SearchQuery.of("")), scope);
    }

    private static SearchQuery anyStatus(SearchQuery q) {
        return q.withStatuses(ALL_STATUSES.toArray(String[]::new));
    }

    private static Optional<SimilarQuery> similarQuery(String text) {
        try {
            return Optional.of(SimilarQuery.of(text));
        } catch (org.copkit.InvalidInputException e) {
            return Optional.empty();
        }
    }

    private List<SearchDocument> corpus() {
        List<SearchDocument> corpus = SearchFixtures.randomDocuments(SEED, 200);
        index.index(corpus.subList(0, 120));
        index.index(corpus.subList(120, corpus.size()));
        return corpus;
    }

    private static List<ViewerScope> viewers() {
        List<ViewerScope> viewers = new ArrayList<>(SearchFixtures.randomViewers(SEED, 20));
        viewers.add(system());
        return viewers;
    }

    private static List<String> texts() {
        List<String> texts = new ArrayList<>(List.of("", "falcon", "quartz", "budget", "notes"));
        texts.add(SearchFixtures.codeWord(7));
        texts.add(SearchFixtures.codeWord(150));
        return texts;
    }

    private static <T> List<T> pick(Random r, List<T> from) {
        List<T> out = new ArrayList<>();
        for (T t : from) {
            if (r.nextInt(3) == 0) {
                out.add(t);
            }
        }
        if (out.isEmpty()) {
            out.add(from.get(r.nextInt(from.size())));
        }
        return out;
    }

    private static String describe(ViewerScope viewer, SearchQuery q) {
        return "reader " + viewer + (q == null ? "" : " query " + q);
    }

    private static List<String> tokens(String s) {
        return Arrays.stream(s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(t -> !t.isEmpty()).toList();
    }

    private static Set<String> allTokens(SearchDocument d) {
        Set<String> out = new HashSet<>(tokens(d.title()));
        out.addAll(tokens(d.body()));
        d.tags().forEach(t -> out.addAll(tokens(t)));
        return out;
    }

    private static boolean defaultStatus(SearchDocument d) {
        return d.type() != ObjectType.KNOWLEDGE_ITEM || CURRENT.contains(d.status());
    }

    /** The brute-force oracle: what the query must return to this reader, for a one-word (or blank) text. */
    private static List<SearchDocument> expected(List<SearchDocument> corpus, ViewerScope viewer, SearchQuery q,
            String word) {
        return corpus.stream().filter(d -> viewer.canSee(d.visibility()))
                .filter(d -> word.isBlank() || allTokens(d).contains(word.toLowerCase(Locale.ROOT)))
                .filter(d -> q.types().isEmpty() || q.types().contains(d.type()))
                .filter(d -> q.communities().isEmpty() || d.community().map(q.communities()::contains).orElse(false))
                .filter(d -> q.practices().isEmpty() || d.practice().map(q.practices()::contains).orElse(false))
                .filter(d -> d.tags().containsAll(q.tags()))
                .filter(d -> q.languages().isEmpty() || q.languages().contains(d.language()))
                .filter(d -> q.statuses().isEmpty() ? defaultStatus(d) : q.statuses().contains(d.status()))
                .filter(d -> q.updatedFrom().map(f -> !d.updatedAt().isBefore(f)).orElse(true))
                .filter(d -> q.updatedTo().map(t -> d.updatedAt().isBefore(t)).orElse(true))
                .toList();
    }

    private static List<String> refIds(List<SearchDocument> docs) {
        return docs.stream().map(d -> d.ref().id()).toList();
    }

    private static void assertFacets(SearchResult actual, List<SearchDocument> matches, String context) {
        Map<Facet, Function<SearchDocument, Stream<String>>> values = new LinkedHashMap<>();
        values.put(Facet.TYPE, d -> Stream.of(d.type().name()));
        values.put(Facet.COMMUNITY, d -> d.community().stream().map(CommunityId::value));
        values.put(Facet.PRACTICE, d -> d.practice().stream().map(PracticeId::value));
        values.put(Facet.TAG, d -> d.tags().stream());
        values.put(Facet.LANGUAGE, d -> Stream.of(d.language().toLanguageTag()));
        for (Map.Entry<Facet, Function<SearchDocument, Stream<String>>> e : values.entrySet()) {
            Map<String, Long> want = new TreeMap<>(matches.stream().flatMap(e.getValue())
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())));
            Map<String, Long> got = actual.facets().getOrDefault(e.getKey(), Map.of());
            assertThat(new TreeMap<>(got)).as(context + " facet " + e.getKey()).isEqualTo(want);
            List<Long> counts = new ArrayList<>(got.values());
            for (int i = 1; i < counts.size(); i++) {
                assertThat(counts.get(i)).as(context + " facet " + e.getKey() + " highest count first: " + got)
                        .isLessThanOrEqualTo(counts.get(i - 1));
            }
        }
    }

    // ---- questions and discussions: ANSWERED questions are current knowledge

    @Test
    @DisplayName("similar returns ANSWERED questions next to current items, never OPEN or duplicate questions or discussions")
    void similarReturnsAnsweredQuestions() {
        for (String status : List.of("OPEN", "ANSWERED", "CLOSED_DUPLICATE")) {
            add(document(ObjectType.QUESTION, "q-" + status).title("Pelican feeding").body("Pelican feeding notes.")
                    .status(status));
        }
        add(document(ObjectType.DISCUSSION, "d-OPEN").title("Pelican feeding").body("Pelican feeding notes.")
                .status("OPEN"), item("PUBLISHED").title("Pelican feeding").body("Pelican feeding notes."));

        assertThat(index.similar(SimilarQuery.of("pelican feeding notes"), system())).extracting(h -> h.ref().toString())
                .containsExactlyInAnyOrder("QUESTION:q-ANSWERED", "KNOWLEDGE_ITEM:PUBLISHED");
    }

    @Test
    @DisplayName("a default query returns questions and discussions in every status; a status filter narrows them")
    void defaultQueryReturnsConversationsInEveryStatus() {
        for (String status : List.of("OPEN", "ANSWERED", "CLOSED_DUPLICATE")) {
            add(document(ObjectType.QUESTION, "q-" + status).title("Pelican question").status(status));
        }
        add(document(ObjectType.DISCUSSION, "d-CLOSED").title("Pelican discussion").status("CLOSED"));

        assertThat(index.query(SearchQuery.of("pelican"), system()).hits()).extracting(h -> h.ref().id())
                .containsExactlyInAnyOrder("q-OPEN", "q-ANSWERED", "q-CLOSED_DUPLICATE", "d-CLOSED");
        assertThat(index.query(SearchQuery.of("pelican").withStatuses("ANSWERED"), system()).hits())
                .extracting(h -> h.ref().id()).containsExactly("q-ANSWERED");
    }
}
