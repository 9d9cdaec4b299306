package org.copkit.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copkit.testkit.SearchFixtures.ORG_A;
import static org.copkit.testkit.SearchFixtures.ORG_B;
import static org.copkit.testkit.SearchFixtures.document;
import static org.copkit.testkit.SearchFixtures.item;
import static org.copkit.testkit.SearchFixtures.reader;
import static org.copkit.testkit.SearchFixtures.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.copkit.ObjectType;
import org.copkit.access.Audience;
import org.copkit.access.ViewerScope;
import org.copkit.search.Facet;
import org.copkit.search.SearchHit;
import org.copkit.search.SearchQuery;
import org.copkit.search.SearchResult;
import org.copkit.search.SimilarQuery;
import org.copkit.testkit.SearchFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Lucene-specific query behaviour beyond the contract: typos, did-you-mean, all document types, similar. */
class QueryBehaviourTest {
    private final LuceneSearchIndex index = LuceneSearchIndex.inMemory();
    private final ViewerScope orgA = reader("r").of(ORG_A).build();

    @AfterEach
    void close() {
        index.close();
    }

    private void add(SearchFixtures.DocumentBuilder... docs) {
        index.index(Arrays.stream(docs).map(SearchFixtures.DocumentBuilder::build).toList());
    }

    private static List<String> ids(SearchResult r) {
        return r.hits().stream().map(h -> h.ref().id()).toList();
    }

    @Test
    @DisplayName("a typo without exact hits falls back to fuzzy matching and offers did-you-mean")
    void typoFallback() {
        add(item("a").title("Photosynthesis basics"), item("b").title("Walrus"));

        SearchResult r = index.query(SearchQuery.of("photosinthesis"), system());

        assertThat(ids(r)).containsExactly("a");
        assertThat(r.total()).isEqualTo(1);
        assertThat(r.didYouMean()).contains("photosynthesis");
    }

    @Test
    @DisplayName("hits that tie on score and update time come in key order, whatever order they were written in")
    void tiesInKeyOrder() {
        for (String id : List.of("d", "b", "e", "a", "c")) {
            add(item(id).title("Heron")); // one write per document: one segment each, in this order
        }

        assertThat(ids(index.query(SearchQuery.of("heron"), system()))).containsExactly("a", "b", "c", "d", "e");
        assertThat(ids(index.query(SearchQuery.of("heron").sortedBy(SearchQuery.Sort.RECENCY), system())))
                .containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    @DisplayName("short words are not fuzzed: a four-letter typo finds nothing")
    void shortWordsExact() {
        add(item("a").title("Cats"));

        assertThat(index.query(SearchQuery.of("cass"), system()).total()).isZero();
    }

    @Test
    @DisplayName("did-you-mean and the fuzzy fallback never reveal a word that occurs only in invisible documents")
    void didYouMeanIsVisibilitySafe() {
        add(item("secret").title("Xylophonist roster").audience(Audience.organization(ORG_B)),
                item("open").title("Public notes"));

        SearchResult r = index.query(SearchQuery.of("xylophonest"), orgA);

        assertThat(r.total()).isZero();
        assertThat(r.hits()).isEmpty();
        assertThat(r.didYouMean()).isEmpty();
        assertThat(index.query(SearchQuery.of("xylophonest"), system()).didYouMean()).contains("xylophonist");
    }

    @Test
    @DisplayName("did-you-mean keeps the other words, phrases and exclusions of the query")
    void didYouMeanKeepsTheRest() {
        add(item("a").title("Pelican colony").body("Feeding chicks."));

        assertThat(index.query(SearchQuery.of("pelicam colony -walrus"), system()).didYouMean())
                .contains("pelican colony -walrus");
    }

    @Test
    @DisplayName("one query returns every document type, counted in the type facet")
    void allTypes() {
        add(item("k").title("Heat pump lessons"),
                document(ObjectType.QUESTION, "q").title("Which heat pump?").status("ANSWERED"),
                document(ObjectType.DISCUSSION, "d").title("Heat pump noise").status("OPEN"),
                document(ObjectType.SESSION, "s").title("Heat pump site visit").status("SCHEDULED"),
                document(ObjectType.MEMBER, "m").title("Anna, heat pump installer").status("ACTIVE").noCommunity());

        SearchResult r = index.query(SearchQuery.of("heat pump"), system());

        assertThat(r.total()).isEqualTo(5);
        assertThat(r.facets().get(Facet.TYPE)).containsOnlyKeys("KNOWLEDGE_ITEM", "QUESTION", "DISCUSSION", "SESSION",
                "MEMBER");
    }

    @Test
    @DisplayName("similar returns answered questions and current items but not open questions or discussions")
    void similarStatuses() {
        add(item("item").title("Heat pump noise at night"),
                document(ObjectType.QUESTION, "answered").title("Heat pump noise at night?").status("ANSWERED"),
                document(ObjectType.QUESTION, "open").title("Heat pump noise at night?").status("OPEN"),
                document(ObjectType.DISCUSSION, "disc").title("Heat pump noise at night").status("OPEN"));

        List<SearchHit> hits = index.similar(SimilarQuery.of("Why is my heat pump so noisy at night?"), system());

        assertThat(hits).extracting(h -> h.ref().id()).containsExactlyInAnyOrder("item", "answered");
    }

    @Test
    @DisplayName("similar finds a Dutch answer for a Dutch draft question through stemming and compounds")
    void similarDutch() {
        add(document(ObjectType.QUESTION, "q1").title("Hoeveel warmtepompsubsidie krijg ik?")
                        .body("Antwoord: de subsidie voor een warmtepomp hangt af van het vermogen.")
                        .language(SearchFixtures.NL).status("ANSWERED"),
                document(ObjectType.QUESTION, "q2").title("Zonnepanelen op een plat dak")
                        .body("Antwoord: gebruik een frame.").language(SearchFixtures.NL).status("ANSWERED"));

        List<SearchHit> hits = index.similar(
                new SimilarQuery("Subsidie voor warmtepompen aanvragen", Set.of(ObjectType.QUESTION), Optional.empty(), 5),
                system());

        assertThat(hits).extracting(h -> h.ref().id()).first().isEqualTo("q1");
    }

    @Test
    @DisplayName("suggest offers visible titles and tags of every type, most recent first among titles")
    void suggestTitlesAndTags() {
        add(item("a").title("Warmtenet Arnhem").tags("warmtenet"), item("b").title("Warmte in de wijk").day(2),
                item("c").title("Warmtepomp geheim").audience(Audience.organization(ORG_B)));

        List<String> s = index.suggest("warm", orgA, 10);

        assertThat(s).contains("warmtenet", "Warmtenet Arnhem", "Warmte in de wijk").doesNotContain("Warmtepomp geheim");
        assertThat(s.get(0)).isEqualTo("warmtenet");
    }

    @Test
    @DisplayName("a write is searchable when index() returns; the refresh per write stays small")
    void readAfterWriteCost() {
        // The cost is asserted as the writing thread's CPU time, which another process on the same cores does
        // not stretch; wall time (printed) does: on a loaded machine the thread waits for a core. That the
        // write's reopen does not wait for merges is IndexingPathTest.writerSettings.
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        assertThat(threads.isCurrentThreadCpuTimeSupported()).isTrue();
        List<Long> nanos = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            long start = System.nanoTime();
            long startCpu = threads.getCurrentThreadCpuTime();
            index.index(List.of(item("i" + i).title("Pelican " + i).build()));
            if (i >= 200) {
                cpu.add(threads.getCurrentThreadCpuTime() - startCpu);
                nanos.add(System.nanoTime() - start);
            }
            assertThat(index.query(SearchQuery.of("pelican").page(0, 1), system()).total()).isEqualTo(i + 1);
        }
        nanos.sort(null);
        cpu.sort(null);
        long p50 = nanos.get(100) / 1000;
        long p99 = nanos.get(197) / 1000;
        long cpuP50 = cpu.get(100) / 1000;
        System.out.printf("index() of one document including the NRT refresh: p50 %d us, p99 %d us; CPU time of the "
                + "writing thread p50 %d us%n", p50, p99, cpuP50);
        assertThat(cpuP50).as("CPU time of index() at the median, in microseconds").isLessThan(50_000);
    }

    @Test
    @DisplayName("facet counts of a filtered query count visible documents only")
    void facetsVisibleOnly() {
        add(item("a").title("Pelican").tags("birds"), item("b").title("Pelican").tags("birds", "secret-tag")
                .audience(Audience.organization(ORG_B)));

        SearchResult r = index.query(SearchQuery.of("pelican"), orgA);

        assertThat(r.facets().get(Facet.TAG)).isEqualTo(Map.of("birds", 1L));
    }
}
