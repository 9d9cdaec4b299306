package org.copkit.benchmarks.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.access.ViewerScope;
import org.copkit.access.Visibility;
import org.copkit.lucene.LuceneSearchIndex;
import org.copkit.search.SearchDocument;
import org.copkit.search.SearchQuery;
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
 * Write-to-searchable latency under a steady write load. An index holding the corpus receives filler
 * documents from a background writer at {@code writesPerSecond} (one document per call); each benchmark
 * invocation indexes one probe document carrying a unique word and then queries for that word as a
 * typical reader until the probe is found. The sampled time is therefore from the start of the write call
 * until a query finds the document. CoPKit: {@code LuceneSearchIndex.index} (returns once searchable) then
 * {@code query}. Raw: {@code IndexWriter.updateDocument}, {@code ControlledRealTimeReopenThread.waitForGeneration}
 * (same 100 ms / 0 s staleness as CoPKit) and the equivalent {@link RawLucene#search}. Read p50 and p99.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class WriteToSearchableBenchmark {
    static final ViewerScope SCOPE = SearchCorpus.scope();

    /** Corpus, initial size and write load; shared by both sides. */
    @State(Scope.Benchmark)
    public abstract static class Load {
        /** {@code europarl} or {@code synthetic}. */
        @Param({"europarl", "synthetic"})
        public String corpus;
        /** Documents in the index before measuring (Europarl: at most its 17,597 lines). */
        @Param("50000")
        public int items;
        /** Filler documents the background writer indexes per second. */
        @Param("50")
        public int writesPerSecond;

        SearchCorpus documents;
        Path dir;
        private ScheduledExecutorService writer;
        private final AtomicInteger filler = new AtomicInteger();
        final AtomicInteger probes = new AtomicInteger();

        abstract void open() throws IOException;

        abstract void write(SearchDocument d) throws IOException;

        abstract boolean finds(String word) throws IOException;

        abstract void shut() throws IOException;

        /** Opens the index, loads the corpus, starts the background writer. */
        @Setup(Level.Trial)
        public void start() throws IOException {
            documents = SearchCorpus.of(corpus, items);
            dir = Files.createTempDirectory("copkit-nrt-bench");
            open();
            writer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bench-steady-writer");
                t.setDaemon(true);
                return t;
            });
            writer.scheduleAtFixedRate(() -> {
                try {
                    int n = filler.getAndIncrement();
                    write(documents.document(n % documents.size, "w" + (n / documents.size) + "-"));
                } catch (IOException | RuntimeException e) {
                    throw new IllegalStateException(e);
                }
            }, 0, 1_000_000_000L / writesPerSecond, TimeUnit.NANOSECONDS);
        }

        /** Stops the writer, closes and deletes the index. */
        @TearDown(Level.Trial)
        public void stop() throws IOException, InterruptedException {
            // no interrupt: a write interrupted inside Lucene closes the writer's files, and the index
            // could not make its final commit; the periodic task stops, a running write finishes
            writer.shutdown();
            writer.awaitTermination(10, TimeUnit.SECONDS);
            try {
                shut();
            } finally {
                SharedIndex.deleteTree(dir);
            }
        }

        /** @return filler documents written so far */
        int fillers() {
            return filler.get();
        }

        List<SearchDocument> corpusBatch(int from, int to) {
            List<SearchDocument> out = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                out.add(documents.document(i, "d"));
            }
            return out;
        }

        /** One probe: write, then query until found. */
        void probe() throws IOException {
            int n = probes.incrementAndGet();
            String word = "zqprobe" + Integer.toString(n, 36) + "x";
            write(new SearchDocument(new Ref(ObjectType.QUESTION, "probe" + n), "Probe " + word,
                    "Is this searchable yet? " + word, Set.of("probe"), Locale.ENGLISH, "ANSWERED", Optional.empty(),
                    Visibility.platform(), Instant.now()));
            while (!finds(word)) {
                Thread.onSpinWait();
            }
        }
    }

    /** CoPKit's side. */
    public static class CopkitSide extends Load {
        LuceneSearchIndex index;

        @Override
        void open() {
            index = LuceneSearchIndex.builder().directory(dir).verifyOnOpen(false).build();
            for (int i = 0; i < documents.size; i += SharedIndex.BATCH) {
                index.index(corpusBatch(i, Math.min(documents.size, i + SharedIndex.BATCH)));
            }
            index.commit();
        }

        @Override
        void write(SearchDocument d) {
            index.index(List.of(d));
        }

        @Override
        boolean finds(String word) {
            return index.query(SearchQuery.of(word), SCOPE).total() > 0;
        }

        @Override
        void shut() {
            index.close();
        }
    }

    /** The raw Lucene side: writer, searcher manager, reopen thread. */
    public static class RawSide extends Load {
        final RawLucene raw = new RawLucene();
        FSDirectory directory;
        IndexWriter writer;
        SearcherManager manager;
        ControlledRealTimeReopenThread<IndexSearcher> reopen;

        @Override
        void open() throws IOException {
            directory = FSDirectory.open(dir);
            writer = new IndexWriter(directory, new IndexWriterConfig(raw.analyzer));
            for (int i = 0; i < documents.size; i++) {
                SearchDocument d = documents.document(i, "d");
                writer.updateDocument(new Term("id", RawLucene.key(d)), raw.document(d));
            }
            writer.commit();
            manager = new SearcherManager(writer, true, false, null);
            reopen = new ControlledRealTimeReopenThread<>(writer, manager, 0.1, 0.0);
            reopen.setDaemon(true);
            reopen.start();
        }

        @Override
        void write(SearchDocument d) throws IOException {
            long gen = writer.updateDocument(new Term("id", RawLucene.key(d)), raw.document(d));
            try {
                reopen.waitForGeneration(gen);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        @Override
        boolean finds(String word) throws IOException {
            IndexSearcher s = manager.acquire();
            try {
                return !raw.search(s, word, SCOPE).isEmpty();
            } finally {
                manager.release(s);
            }
        }

        @Override
        void shut() throws IOException {
            reopen.close();
            IOUtils.close(manager, writer, directory);
        }
    }

    /**
     * @param side CoPKit's index under load
     * @throws IOException never in practice
     */
    @Benchmark
    public void copkit(CopkitSide side) throws IOException {
        side.probe();
    }

    /**
     * @param side the raw index under load
     * @throws IOException from Lucene
     */
    @Benchmark
    public void rawLucene(RawSide side) throws IOException {
        side.probe();
    }
}
