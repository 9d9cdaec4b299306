package org.copkit.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copkit.testkit.SearchFixtures.EN;
import static org.copkit.testkit.SearchFixtures.NL;
import static org.copkit.testkit.SearchFixtures.item;
import static org.copkit.testkit.SearchFixtures.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.copkit.search.SearchQuery;
import org.copkit.search.SearchResult;
import org.copkit.testkit.SearchFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Dutch and English analysis: stemming, stop words, accent folding, compounds, both languages at once. */
class LanguageTest {
    private final LuceneSearchIndex index = LuceneSearchIndex.inMemory();

    @AfterEach
    void close() {
        index.close();
    }

    private void add(SearchFixtures.DocumentBuilder... docs) {
        index.index(Arrays.stream(docs).map(SearchFixtures.DocumentBuilder::build).toList());
    }

    private List<String> ids(String text) {
        return ids(index.query(SearchQuery.of(text).page(0, 100), system()));
    }

    private static List<String> ids(SearchResult r) {
        return r.hits().stream().map(h -> h.ref().id()).toList();
    }

    @Test
    @DisplayName("Dutch stemming: fietsen finds fiets and the other way round")
    void dutchStemming() {
        add(item("a").title("Met de fiets naar het werk").language(NL),
                item("b").title("Fietsen in de winter").language(NL), item("c").title("Het weer").language(NL));

        assertThat(ids("fiets")).containsExactlyInAnyOrder("a", "b");
        assertThat(ids("fietsen")).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    @DisplayName("English stemming: walking finds walks, pumps finds pump")
    void englishStemming() {
        add(item("a").title("She walks to work").language(EN), item("b").title("A heat pump explained").language(EN),
                item("c").title("Weather").language(EN));

        assertThat(ids("walking")).containsExactly("a");
        assertThat(ids("pumps")).containsExactly("b");
    }

    @Test
    @DisplayName("accents are folded in documents and queries of both languages")
    void accentsFolded() {
        add(item("nl").title("Geïmplementeerde ideeën").language(NL), item("en").title("The café menu").language(EN));

        assertThat(ids("geimplementeerde")).containsExactly("nl");
        assertThat(ids("ideeen")).containsExactly("nl");
        assertThat(ids("cafe")).containsExactly("en");
        assertThat(ids("CAFÉ")).containsExactly("en");
    }

    @Test
    @DisplayName("stop words of either language are never required")
    void stopWordsOptional() {
        add(item("nl").title("Een warmtepomp kopen").language(NL), item("en").title("Buying a bicycle").language(EN));

        assertThat(ids("de warmtepomp")).containsExactly("nl");
        assertThat(ids("the bicycle")).containsExactly("en");
        assertThat(ids("het")).isEmpty();
    }

    @Test
    @DisplayName("a query is analysed for both languages: one query finds Dutch and English documents")
    void bothLanguages() {
        add(item("en").title("Booking a ticket").language(EN), item("nl").title("Tickets boeken voor de trein").language(NL),
                item("walk").title("She walks to work").language(EN),
                item("fiets").title("Met de fiets naar het werk").language(NL));

        assertThat(ids("tickets")).containsExactlyInAnyOrder("en", "nl");
        assertThat(ids("walking OR fietsen")).containsExactlyInAnyOrder("walk", "fiets");
    }

    @Test
    @DisplayName("Dutch compounds: warmtepomp finds warmtepompsubsidie once warmtepomp is a known word")
    void dutchCompounds() {
        add(item("compound").title("Warmtepompsubsidie aanvragen").body("Vraag de subsidie aan voor de installatie.")
                        .language(NL),
                item("word").title("Hoe werkt een warmtepomp?").body("Een uitleg.").language(NL),
                item("other").title("Zonnepanelen").body("Over panelen op het dak.").language(NL));

        assertThat(ids("warmtepomp")).containsExactlyInAnyOrder("compound", "word");
        assertThat(ids("warmtepompen")).containsExactlyInAnyOrder("compound", "word");
        assertThat(ids("subsidie")).containsExactly("compound");
        assertThat(ids("panelen")).containsExactly("other");
        assertThat(index.query(SearchQuery.of("warmtepomp"), system()).hits())
                .filteredOn(h -> h.ref().id().equals("word")).singleElement()
                .satisfies(h -> assertThat(h.score()).isPositive());
    }

    @Test
    @DisplayName("Dutch compounds: parts from the configured word list are split from the start")
    void dutchWordList() {
        try (LuceneSearchIndex configured = LuceneSearchIndex.builder().dutchWords(Set.of("warmtepomp")).build()) {
            configured.index(List.of(item("compound").title("Warmtepompsubsidie aanvragen").language(NL).build()));

            assertThat(configured.query(SearchQuery.of("warmtepomp"), system()).total()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("Dutch compounds: a compound indexed before its part was known is split after a rebuild")
    void compoundSplitAfterRebuild() {
        var compound = item("compound").title("Warmtepompsubsidie aanvragen").language(NL).build();
        var word = item("word").title("De warmtepomp").language(NL).build();
        index.index(List.of(compound));
        index.index(List.of(word));
        assertThat(ids("warmtepomp")).containsExactly("word");

        index.rebuild(Stream.of(compound, word), 3);

        assertThat(ids("warmtepomp")).containsExactlyInAnyOrder("compound", "word");
    }

    @Test
    @DisplayName("compound splitting is for Dutch documents only; English words are not split")
    void noCompoundsInEnglish() {
        add(item("en").title("Notebook covers").language(EN), item("book").title("A book").language(EN));

        assertThat(ids("book")).containsExactly("book");
    }

    @Test
    @DisplayName("the snippet marks the stemmed and compound matches in Dutch text")
    void dutchSnippet() {
        add(item("a").title("Subsidie").body("Bewoners met een warmtepomp krijgen subsidie.").language(NL));

        String snippet = index.query(SearchQuery.of("warmtepompen"), system()).hits().get(0).snippet();
        assertThat(snippet).contains("<mark>warmtepomp</mark>");
    }

    @Test
    @DisplayName("the language filter and facet use the language subtag (nl-BE is nl)")
    void languageSubtag() {
        add(item("be").title("Fietsen in Gent").language(java.util.Locale.forLanguageTag("nl-BE")),
                item("nl").title("Fietsen in Utrecht").language(NL));

        SearchResult r = index.query(SearchQuery.of("fiets").withLanguages(NL), system());
        assertThat(ids(r)).containsExactlyInAnyOrder("be", "nl");
        assertThat(r.facets().get(org.copkit.search.Facet.LANGUAGE)).containsExactly(java.util.Map.entry("nl", 2L));
        assertThat(r.hits()).anySatisfy(h -> assertThat(h.language().toLanguageTag()).isEqualTo("nl-BE"));
    }

    static List<String> allIds(LuceneSearchIndex index, SearchQuery q) {
        List<String> out = new ArrayList<>();
        for (int offset = 0; offset <= 10_000; offset += 100) {
            SearchResult r = index.query(q.page(offset, 100), system());
            out.addAll(ids(r));
            if (r.hits().size() < 100) {
                break;
            }
        }
        return out;
    }
}
