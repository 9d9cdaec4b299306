package org.copkit.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.copkit.search.SearchDocument;
import org.copkit.testkit.SearchFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code similar} cuts the snippets of each body field with that field's part of its query only
 * ({@link LuceneSearchIndex.SimilarText#highlight()}): the snippets must be exactly those the whole
 * query gives, for documents of every language group, matching by title, body or tags.
 */
class SimilarSnippetsTest {
    @Test
    void bodyPartsGiveTheSameSnippetsAsTheWholeQuery(@TempDir Path dir) throws Exception {
        List<SearchDocument> docs = SearchFixtures.randomDocuments(11, 1_500);
        try (LuceneSearchIndex index = LuceneSearchIndex.builder().directory(dir).build()) {
            for (int i = 0; i < docs.size(); i += 500) {
                index.index(docs.subList(i, Math.min(docs.size(), i + 500)));
            }
            index.commit();
            String generation = Files.readString(dir.resolve("CURRENT"), StandardCharsets.UTF_8).strip();
            try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir.resolve(generation)))) {
                IndexSearcher s = new IndexSearcher(reader);
                Analysis analysis = new Analysis(Set.of());
                Snippets snippets = new Snippets(analysis.index());
                int highlighted = 0;
                for (String draft : List.of("falcon granite harbor notes", "How do I keep the meadow and the orchid",
                        "quartz saffron lantern budget climate water", "notes", "falcon", "granite harbor privacy")) {
                    LuceneSearchIndex.SimilarText q = LuceneSearchIndex.similarText(reader, analysis.query(), draft);
                    TopDocs page = s.search(q.text(), 50);
                    assertThat(page.scoreDocs).as(draft).isNotEmpty();
                    Map<String, String[]> whole = snippets.highlight(s, q.text(), page, Set.of()).snippets();
                    Map<String, String[]> bodies = snippets.highlight(s, q.highlight(), page, Set.of()).snippets();
                    assertThat(bodies.keySet()).as(draft).isEqualTo(whole.keySet());
                    for (String field : whole.keySet()) {
                        assertThat(bodies.get(field)).as(draft + " " + field).containsExactly(whole.get(field));
                        highlighted += (int) java.util.Arrays.stream(whole.get(field)).filter(Objects::nonNull)
                                .filter(x -> x.contains("<mark>")).count();
                    }
                }
                assertThat(highlighted).as("snippets with a match").isGreaterThan(20);
            }
        }
    }
}
