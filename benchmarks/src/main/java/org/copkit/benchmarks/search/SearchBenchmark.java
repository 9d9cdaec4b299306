package org.copkit.benchmarks.search;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.copkit.search.SearchQuery;
import org.copkit.search.SearchResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One search of 1 or 2 words by a typical reader ({@link SearchCorpus#scope()}), first page of 10 by
 * relevance, on the same committed index, in pairs that do the same job:
 *
 * <ul>
 *   <li>{@link #copkit()} ({@code LuceneSearchIndex.query} with the defaults of {@code SearchQuery.of}: exact
 *       total, the five facet counts over every visible match, snippets and display fields of the 10 hits,
 *       as CoPKit's search page asks for it) versus {@link #rawLuceneFacetsSnippets()} (Lucene's facet
 *       module in the same pass as the top 10, the same snippets and stored fields;
 *       {@link RawLucene#searchWithFacetsAndSnippets}). <b>This pair answers the search target.</b>
 *   <li>{@link #copkitWithoutFacets()} ({@code SearchQuery.withoutFacets().withExactTotalUpTo(1000)}: a
 *       result list without facet counts, total exact up to 1,000) versus {@link #rawLuceneSnippets()} (the
 *       same query, top 10 with Lucene's default count threshold of 1,000, snippets and stored fields).
 *   <li>{@link #rawLucene()}: the bare query, top 10 with key and title only and no snippets
 *       ({@link RawLucene#search}); the floor, to show what snippets and facets cost in themselves.
 * </ul>
 *
 * The queries cycle through 64 texts drawn from the corpus. Sampled time per search: read p50 and p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class SearchBenchmark extends SharedIndexBenchmark {
    private RawLucene.FacetStates facetStates;

    @Override
    List<String> texts(SearchCorpus c) {
        return c.queries(64);
    }

    /**
     * @return the raw side's facet ordinal maps, built at the first call (in the warm-up) and kept, as a
     *     host caches them per searcher
     * @throws IOException from Lucene
     */
    RawLucene.FacetStates facetStates() throws IOException {
        if (facetStates == null) {
            facetStates = new RawLucene.FacetStates(index().rawReader);
        }
        return facetStates;
    }

    /** @return CoPKit's result: hits with snippets, exact total, facets */
    @Benchmark
    public SearchResult copkit() {
        return index().copkit.query(SearchQuery.of(nextText()), scope);
    }

    /** @return CoPKit's result without facets, total exact up to 1,000 */
    @Benchmark
    public SearchResult copkitWithoutFacets() {
        return index().copkit.query(SearchQuery.of(nextText()).withoutFacets().withExactTotalUpTo(1_000), scope);
    }

    /**
     * @return the raw hits (key and title only)
     * @throws IOException from Lucene
     */
    @Benchmark
    public List<String> rawLucene() throws IOException {
        return rawLucene.search(index().raw, nextText(), scope);
    }

    /**
     * @return the raw page with snippets
     * @throws IOException from Lucene
     */
    @Benchmark
    public RawLucene.Page rawLuceneSnippets() throws IOException {
        return rawLucene.searchWithSnippets(index().raw, nextText(), scope);
    }

    /**
     * @return the raw page with snippets, exact total and facets
     * @throws IOException from Lucene
     */
    @Benchmark
    public RawLucene.Page rawLuceneFacetsSnippets() throws IOException {
        return rawLucene.searchWithFacetsAndSnippets(index().raw, facetStates(), nextText(), scope);
    }

}
