package org.copkit.benchmarks.search;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.copkit.search.SearchHit;
import org.copkit.search.SimilarQuery;
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
 * "Already answered?": the 5 documents most similar to a new question (a title and 40 words), for a
 * typical reader. {@code LuceneSearchIndex.similar} versus raw {@code MoreLikeThis} on the same committed
 * index ({@link RawLucene#similar}: the same fields, boosts and filters, top 5 with stored key and
 * title) and, the same job as CoPKit's (which shows a snippet per hit), raw {@code MoreLikeThis} plus
 * Lucene's highlighter ({@link RawLucene#similarWithSnippets}). Drafts cycle through 64 texts from the
 * corpus. Sampled time: read p50 and p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class SimilarBenchmark extends SharedIndexBenchmark {
    @Override
    List<String> texts(SearchCorpus c) {
        return c.drafts(64);
    }

    /** @return CoPKit's similar documents */
    @Benchmark
    public List<SearchHit> copkit() {
        return index().copkit.similar(SimilarQuery.of(nextText()), scope);
    }

    /**
     * @return the raw hits
     * @throws IOException from Lucene
     */
    @Benchmark
    public List<String> rawMoreLikeThis() throws IOException {
        return rawLucene.similar(index().raw, nextText(), scope);
    }

    /**
     * @return the raw hits with snippets (the same job as {@link #copkit})
     * @throws IOException from Lucene
     */
    @Benchmark
    public RawLucene.Page rawMoreLikeThisSnippets() throws IOException {
        return rawLucene.similarWithSnippets(index().raw, nextText(), scope);
    }
}
