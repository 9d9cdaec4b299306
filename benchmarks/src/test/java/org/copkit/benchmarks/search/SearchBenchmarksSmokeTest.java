package org.copkit.benchmarks.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.copkit.search.Facet;
import org.copkit.search.SearchHit;
import org.copkit.search.SearchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs every search benchmark method with tiny sizes, outside JMH, and checks that both sides of a
 * read benchmark find the same documents (so the baseline really is the equivalent query).
 */
class SearchBenchmarksSmokeTest {
    @Test
    void europarl_hasAllLinesAndMixedLanguages() {
        SearchCorpus c = SearchCorpus.of("europarl", 1_000_000);
        assertThat(c.size).isEqualTo(SearchCorpus.EUROPARL_LINES);
        assertThat(List.of(0, 2000, 4000, 17_000).stream().map(i -> c.document(i, "d").language().getLanguage()))
                .contains("mul");
    }

    @Test
    void synthetic_isDeterministic() {
        assertThat(SearchCorpus.of("synthetic", 10).document(7, "d"))
                .isEqualTo(SearchCorpus.of("synthetic", 10).document(7, "d"));
    }

    @Test
    void interleaved_expertSameJobAndPostgresAnswerLikeCopkit() throws Exception {
        SearchCorpus c = SearchCorpus.of("europarlx", 400);
        SharedIndex index = new SharedIndex(c);
        RawLucene raw = new RawLucene();
        String schema = "copkit_fts_smoke_" + Long.toHexString(System.nanoTime() & 0xffffff);
        PostgresFts pg = new PostgresFts(schema, c, SearchCorpus.scope(), false);
        try {
            ExpertLucene expert = new ExpertLucene(index.raw, raw);
            RawLucene.FacetStates states = new RawLucene.FacetStates(index.rawReader);
            int pgFound = 0;
            List<String> texts = c.queries(30);
            for (String text : texts) {
                SearchResult r = index.copkit.query(org.copkit.search.SearchQuery.of(text), SearchCorpus.scope());
                RawLucene.Page full = raw.searchWithFacetsAndSnippets(index.raw, states, text, SearchCorpus.scope());
                org.apache.lucene.search.Query q = raw.text(text);
                org.apache.lucene.search.Query filtered = new org.apache.lucene.search.BooleanQuery.Builder()
                        .add(q, org.apache.lucene.search.BooleanClause.Occur.MUST)
                        .add(RawLucene.defaultStatuses(), org.apache.lucene.search.BooleanClause.Occur.FILTER)
                        .add(RawLucene.visibility(SearchCorpus.scope()), org.apache.lucene.search.BooleanClause.Occur.FILTER)
                        .build();
                RawLucene.Page page = expert.search(q, filtered);
                // the expert same job: the same page, snippets, total and facets as the plain one
                assertThat(page).as(text).isEqualTo(full);
                assertThat(page.total()).as(text).isEqualTo(r.total());
                pgFound += pg.search(text, java.util.Optional.empty()).isEmpty() ? 0 : 1;
            }
            // PostgreSQL's stemming differs from Lucene's, but it finds most of the same queries
            assertThat(pgFound).isGreaterThan(texts.size() * 2 / 3);
        } finally {
            pg.drop();
            pg.close();
            index.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"europarl", "synthetic"})
    void search_bothSidesFindTheSameDocuments(String corpus) throws IOException {
        SearchBenchmark b = new SearchBenchmark();
        b.corpus = corpus;
        b.items = 300;
        b.build();
        try {
            int found = 0;
            for (String text : b.texts()) {
                SearchResult r = b.index().copkit.query(org.copkit.search.SearchQuery.of(text),
                        SearchCorpus.scope());
                List<String> raw = new RawLucene().search(b.index().raw, text, SearchCorpus.scope());
                // every query has a visible hit, so CoPKit's typo fallback never runs
                assertThat(r.didYouMean()).as(text).isEmpty();
                assertThat(r.hits().stream().map(h -> h.ref().type() + ":" + h.ref().id()).toList())
                        .as(text).containsExactlyInAnyOrderElementsOf(raw);
                found += raw.isEmpty() ? 0 : 1;
                // the same-job pairs: the same documents, the full pair also the same total and facet counts
                RawLucene.Page full = new RawLucene().searchWithFacetsAndSnippets(b.index().raw,
                        b.facetStates(), text, SearchCorpus.scope());
                assertThat(full.keys()).as(text).containsExactlyInAnyOrderElementsOf(raw);
                assertThat(full.snippets()).as(text).hasSameSizeAs(raw).doesNotContainNull();
                assertThat(full.total()).as(text).isEqualTo(r.total());
                for (Facet f : Facet.values()) {
                    assertThat(full.facets().getOrDefault("f_" + f.name().toLowerCase(Locale.ROOT), Map.of()))
                            .as(text + " " + f).isEqualTo(r.facets().getOrDefault(f, Map.of()));
                }
                SearchResult lean = b.index().copkit.query(org.copkit.search.SearchQuery.of(text).withoutFacets()
                        .withExactTotalUpTo(1_000), SearchCorpus.scope());
                assertThat(lean.hits()).as(text).isEqualTo(r.hits());
                assertThat(lean.facets()).as(text).isEmpty();
                assertThat(new RawLucene().searchWithSnippets(b.index().raw, text, SearchCorpus.scope()).keys())
                        .as(text).containsExactlyInAnyOrderElementsOf(raw);
            }
            assertThat(found).isGreaterThan(b.texts().size() / 2);
            assertThat(b.copkit()).isNotNull();
            assertThat(b.copkitWithoutFacets()).isNotNull();
            assertThat(b.rawLucene()).isNotNull();
            assertThat(b.rawLuceneSnippets()).isNotNull();
            assertThat(b.rawLuceneFacetsSnippets()).isNotNull();
        } finally {
            b.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"europarl", "synthetic"})
    void similar_bothSidesAnswer(String corpus) throws IOException {
        SimilarBenchmark b = new SimilarBenchmark();
        b.corpus = corpus;
        b.items = 300;
        b.build();
        try {
            List<SearchHit> hits = b.copkit();
            assertThat(hits).isNotEmpty();
            assertThat(b.rawMoreLikeThis()).isNotEmpty();
            assertThat(b.rawMoreLikeThisSnippets().keys()).isNotEmpty();
            // the snippet baseline runs the same query as the keys-only one
            for (String text : b.texts()) {
                List<String> keys = new RawLucene().similar(b.index().raw, text, SearchCorpus.scope());
                RawLucene.Page page = new RawLucene().similarWithSnippets(b.index().raw, text, SearchCorpus.scope());
                assertThat(page.keys()).as(text).isEqualTo(keys);
                assertThat(page.snippets()).as(text).hasSameSizeAs(keys).doesNotContainNull();
            }
        } finally {
            b.close();
        }
    }

    @Test
    void indexing_everySideIndexesTheWholeCorpus() throws IOException {
        IndexingBenchmark b = new IndexingBenchmark();
        b.corpus = "synthetic";
        b.items = 200;
        b.batch = 50;
        b.load();
        for (java.util.function.IntSupplier side : List.<java.util.function.IntSupplier>of(b::copkit,
                b::copkitRebuild, b::rawIndexWriterSearchablePerBatch, b::rawIndexWriter)) {
            b.freshDirectory();
            try {
                assertThat(side.getAsInt()).isEqualTo(200);
                assertThat(committedDocuments(b.directory())).isEqualTo(200);
            } finally {
                b.deleteDirectory();
            }
        }
    }

    /** Documents of the one committed Lucene index in the directory or its subdirectories (CoPKit's generations). */
    private static int committedDocuments(java.nio.file.Path root) throws IOException {
        List<java.nio.file.Path> indexes;
        try (var files = java.nio.file.Files.walk(root)) {
            indexes = files.filter(f -> f.getFileName().toString().startsWith("segments_")).map(java.nio.file.Path::getParent)
                    .distinct().toList();
        }
        assertThat(indexes).hasSize(1);
        try (var d = org.apache.lucene.store.FSDirectory.open(indexes.get(0));
                var r = org.apache.lucene.index.DirectoryReader.open(d)) {
            return r.numDocs();
        }
    }

    @Test
    void writeToSearchable_bothSidesFindTheirProbeUnderLoad() throws Exception {
        WriteToSearchableBenchmark b = new WriteToSearchableBenchmark();
        for (WriteToSearchableBenchmark.Load side : List.of(new WriteToSearchableBenchmark.CopkitSide(),
                new WriteToSearchableBenchmark.RawSide())) {
            side.corpus = "europarl";
            side.items = 200;
            side.writesPerSecond = 100;
            side.start();
            try {
                for (int i = 0; i < 3; i++) {
                    if (side instanceof WriteToSearchableBenchmark.CopkitSide c) {
                        b.copkit(c);
                    } else {
                        b.rawLucene((WriteToSearchableBenchmark.RawSide) side);
                    }
                }
                assertThat(side.probes.get()).isEqualTo(3);
            } finally {
                side.stop();
            }
        }
    }
}
