package org.copkit.lucene;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.copkit.search.SearchDocument;

/** Writes documents through {@link LuceneSearchIndex} and opens a plain reader on what it committed. */
final class CommittedIndex {
    private CommittedIndex() {}

    /**
     * @param dir the index directory
     * @param documents written in order, in {@code index()} calls of {@code batch} documents (a document
     *     written twice leaves its first copy as a deleted document)
     * @param batch documents per {@code index()} call
     * @return a reader on the committed generation; the caller closes it
     * @throws IOException from Lucene
     */
    static DirectoryReader write(Path dir, List<SearchDocument> documents, int batch) throws IOException {
        try (LuceneSearchIndex index = LuceneSearchIndex.builder().directory(dir).build()) {
            for (int i = 0; i < documents.size(); i += batch) {
                index.index(documents.subList(i, Math.min(documents.size(), i + batch)));
            }
            index.commit();
        }
        String generation = Files.readString(dir.resolve("CURRENT"), StandardCharsets.UTF_8).strip();
        return DirectoryReader.open(FSDirectory.open(dir.resolve(generation)));
    }
}
