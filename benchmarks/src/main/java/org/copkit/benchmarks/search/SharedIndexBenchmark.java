package org.copkit.benchmarks.search;

import java.util.List;
import org.copkit.access.ViewerScope;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The state the read benchmarks share: a corpus indexed once by CoPKit with the raw searcher opened on
 * the same files, a typical reader, and 64 texts taken from the corpus that the benchmark cycles through.
 */
@State(Scope.Benchmark)
public abstract class SharedIndexBenchmark {
    /** {@code europarl} or {@code synthetic}. */
    @Param({"europarl", "synthetic"})
    public String corpus;
    /** Documents (Europarl: at most its 17,597 lines). */
    @Param("50000")
    public int items;

    final RawLucene rawLucene = new RawLucene();
    final ViewerScope scope = SearchCorpus.scope();
    private SharedIndex index;
    private List<String> texts;
    private int next;

    /** @return the 64 texts this benchmark cycles through, taken from the corpus */
    abstract List<String> texts(SearchCorpus corpus);

    /** Builds the index with CoPKit and opens the raw searcher on it. */
    @Setup(Level.Trial)
    public void build() {
        SearchCorpus c = SearchCorpus.of(corpus, items);
        texts = texts(c);
        index = new SharedIndex(c);
    }

    /** Closes and deletes the index. */
    @TearDown(Level.Trial)
    public void close() {
        index.close();
    }

    /** @return the next text, round robin */
    final String nextText() {
        String t = texts.get(next);
        next = (next + 1) % texts.size();
        return t;
    }

    /** @return the texts (for the smoke test) */
    final List<String> texts() {
        return texts;
    }

    final SharedIndex index() {
        return index;
    }
}
