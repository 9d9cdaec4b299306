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

    SharedIndex(SearchCorpus corpus) {
        try {
            root = Files.createTempDirectory("copkit-search-bench");
            copkit = LuceneSearchIndex.builder().directory(root).verifyOnOpen(false).build();
            List<SearchDocument> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < corpus.size; i++) {
                batch.add(corpus.document(i, "d"));
                if (batch.size() == BATCH || i == corpus.size - 1) {
                    copkit.index(batch);
                    batch.clear();
                }
            }
            copkit.commit();
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
            deleteTree(root);
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
