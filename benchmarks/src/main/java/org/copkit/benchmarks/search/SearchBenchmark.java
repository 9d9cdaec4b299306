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
 * One search of 1 or 2 words by a typical reader ({@link SearchCorpus#scope()}): {@code
 * LuceneSearchIndex.query} (first page of 10 by relevance, with exact facet counts and snippets, as
 * CoPKit's search service asks for it) versus a raw {@code IndexSearcher} running the equivalent
 * {@code BooleanQuery} (same text clauses, status and visibility filters, top 10 with stored key and
 * title; {@link RawLucene#search}) on the same committed index. The queries cycle through 64 texts
 * drawn from the corpus. Sampled time per search: read p50 and p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class SearchBenchmark extends SharedIndexBenchmark {
    @Override
    List<String> texts(SearchCorpus c) {
        return c.queries(64);
    }

    /** @return CoPKit's result */
    @Benchmark
    public SearchResult copkit() {
        return index().copkit.query(SearchQuery.of(nextText()), scope);
    }

    /**
     * @return the raw hits
     * @throws IOException from Lucene
     */
    @Benchmark
    public List<String> rawLucene() throws IOException {
        return rawLucene.search(index().raw, nextText(), scope);
    }

}
