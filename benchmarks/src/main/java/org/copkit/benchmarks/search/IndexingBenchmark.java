package org.copkit.benchmarks.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.copkit.lucene.LuceneSearchIndex;
import org.copkit.search.SearchDocument;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Indexing a whole corpus into a fresh on-disk index, then one commit, in three pairs of the same job:
 *
 * <ul>
 *   <li>bulk: {@code LuceneSearchIndex.rebuild} (what {@code kit.reindex()} runs: no reopen until the
 *       new index is complete) versus a raw {@code IndexWriter} adding the same documents with comparable
 *       fields ({@link RawLucene#document}: same field types, analysis chains without Dutch compound
 *       splitting, no reopen): {@link #copkitRebuild} / {@link #rawIndexWriter};</li>
 *   <li>incremental, searchable per batch: {@code LuceneSearchIndex.index} in batches of {@code batch}
 *       documents (each call returns when its batch is searchable: one near-real-time reopen per batch,
 *       as the indexer of a running kit does) versus the raw writer reopening a {@code SearcherManager}
 *       after each batch: {@link #copkit} / {@link #rawIndexWriterSearchablePerBatch};</li>
 *   <li>{@link #copkit} / {@link #rawIndexWriter}: incremental CoPKit against the bulk raw writer (not the
 *       same job; kept for comparison with earlier runs).</li>
 * </ul>
 *
 * Every side generates the documents from the corpus inside the measurement. Single shot per whole
 * corpus: throughput = items / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class IndexingBenchmark {
    /** {@code europarl} or {@code synthetic}. */
    @Param({"europarl", "synthetic"})
    public String corpus;
    /** Documents (Europarl: at most its 17,597 lines). */
    @Param("50000")
    public int items;
    /** Documents per {@code index} call. */
    @Param("500")
    public int batch;

    private SearchCorpus documents;
    private final RawLucene rawLucene = new RawLucene();
    private Path dir;

    /** Loads the corpus. */
    @Setup(Level.Trial)
    public void load() {
        documents = SearchCorpus.of(corpus, items);
    }

    /** A fresh empty directory per invocation. */
    @Setup(Level.Invocation)
    public void freshDirectory() throws IOException {
        dir = Files.createTempDirectory("copkit-index-bench");
    }

    /** @return the current invocation's index directory */
    Path directory() {
        return dir;
    }

    /** Deletes the directory. */
    @TearDown(Level.Invocation)
    public void deleteDirectory() {
        SharedIndex.deleteTree(dir);
    }

    /** @return documents indexed */
    @Benchmark
    public int copkit() {
        try (LuceneSearchIndex index = LuceneSearchIndex.builder().directory(dir).verifyOnOpen(false).build()) {
            List<SearchDocument> b = new ArrayList<>(batch);
            for (int i = 0; i < documents.size; i++) {
                b.add(documents.document(i, "d"));
                if (b.size() == batch || i == documents.size - 1) {
                    index.index(b);
                    b.clear();
                }
            }
            index.commit();
        }
        return documents.size;
    }

    /** @return documents indexed */
    @Benchmark
    public int copkitRebuild() {
        try (LuceneSearchIndex index = LuceneSearchIndex.builder().directory(dir).verifyOnOpen(false).build()) {
            index.rebuild(IntStream.range(0, documents.size).mapToObj(i -> documents.document(i, "d")), 0);
            index.commit();
        }
        return documents.size;
    }

    /** @return documents indexed */
    @Benchmark
    public int rawIndexWriterSearchablePerBatch() {
        try (FSDirectory d = FSDirectory.open(dir);
                IndexWriter w = new IndexWriter(d, new IndexWriterConfig(rawLucene.analyzer));
                SearcherManager searchers = new SearcherManager(w, null)) {
            for (int i = 0; i < documents.size; i++) {
                SearchDocument doc = documents.document(i, "d");
                w.updateDocument(new Term("id", RawLucene.key(doc)), rawLucene.document(doc));
                if ((i + 1) % batch == 0 || i == documents.size - 1) {
                    searchers.maybeRefreshBlocking();
                }
            }
            w.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents.size;
    }

    /** @return documents indexed */
    @Benchmark
    public int rawIndexWriter() {
        try (FSDirectory d = FSDirectory.open(dir);
                IndexWriter w = new IndexWriter(d, new IndexWriterConfig(rawLucene.analyzer))) {
            for (int i = 0; i < documents.size; i++) {
                SearchDocument doc = documents.document(i, "d");
                w.updateDocument(new Term("id", RawLucene.key(doc)), rawLucene.document(doc));
            }
            w.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents.size;
    }
}
