package org.copkit.benchmarks.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.copkit.lucene.LuceneSearchIndex;
import org.copkit.search.SearchDocument;

/**
 * One on-disk index written by {@link LuceneSearchIndex} (batches of {@value #BATCH}, as CoPKit's indexer
 * sends them) and committed, plus a raw {@link IndexSearcher} over the same committed files: both
 * sides of a read benchmark search the very same segments. Not thread-safe to open or close.
 */
final class SharedIndex implements AutoCloseable {
    static final int BATCH = 500;
    final Path root;
    final LuceneSearchIndex copkit;
    final DirectoryReader rawReader;
    final IndexSearcher raw;

    /**
     * System property naming a directory where read benchmarks keep their indexes between trials and
     * runs ({@code <dir>/<corpus>-<items>}): built once, then opened as they are. Only for benchmarks
     * that do not write to the index. Unset: every trial
     * builds its own index in a temporary directory and deletes it.
     */
    static final String CACHE = "copkit.bench.indexCache";

    private final boolean cached;

    SharedIndex(SearchCorpus corpus) {
        try {
            String cache = System.getProperty(CACHE);
            cached = cache != null && !cache.isBlank();
            root = cached ? Path.of(cache, corpus.name + "-" + corpus.size) : Files.createTempDirectory("copkit-search-bench");
            // written after the final commit, so an interrupted build is built again
            Path complete = root.resolve("BENCHMARK-INDEX-COMPLETE");
            boolean built = cached && Files.exists(complete);
            copkit = LuceneSearchIndex.builder().directory(root).verifyOnOpen(false).build();
            if (!built) {
                List<SearchDocument> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < corpus.size; i++) {
                    batch.add(corpus.document(i, "d"));
                    if (batch.size() == BATCH || i == corpus.size - 1) {
                        copkit.index(batch);
                        batch.clear();
                    }
                }
                copkit.commit();
                if (cached) {
                    Files.writeString(complete, corpus.size + " documents\n", StandardCharsets.UTF_8);
                }
            }
            String generation = Files.readString(root.resolve("CURRENT"), StandardCharsets.UTF_8).strip();
            rawReader = DirectoryReader.open(FSDirectory.open(root.resolve(generation)));
            raw = new IndexSearcher(rawReader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            IOUtils.close(rawReader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            copkit.close();
            if (!cached) {
                deleteTree(root);
            }
        }
    }

    static void deleteTree(Path p) {
        try {
            IOUtils.rm(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
