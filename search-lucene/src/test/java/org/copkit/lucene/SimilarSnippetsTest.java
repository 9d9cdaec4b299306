package org.copkit.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.copkit.search.SearchDocument;
import org.copkit.testkit.SearchFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text query of {@code similar}: one flat disjunction of terms that ranks like the per-group form it
 * replaced, and snippets cut per body field. {@code similar} cuts the snippets of each body field with that field's part of its query only
 * ({@link LuceneSearchIndex.SimilarText#highlight()}): the snippets must be exactly those the whole
 * query gives, for documents of every language group, matching by title, body or tags.
 */
class SimilarSnippetsTest {
    @Test
    void bodyPartsGiveTheSameSnippetsAsTheWholeQuery(@TempDir Path dir) throws Exception {
        List<SearchDocument> docs = SearchFixtures.randomDocuments(11, 1_500);
        try (DirectoryReader reader = CommittedIndex.write(dir, docs, 500)) {
            IndexSearcher s = new IndexSearcher(reader);
            Analysis analysis = new Analysis(Set.of());
            Snippets snippets = new Snippets(analysis.index());
            int highlighted = 0;
            for (String draft : List.of("falcon granite harbor notes", "How do I keep the meadow and the orchid",
                    "quartz saffron lantern budget climate water", "notes", "falcon", "granite harbor privacy")) {
                LuceneSearchIndex.SimilarText q = LuceneSearchIndex.similarText(s, analysis.query(), draft);
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

    /**
     * The flat disjunction of {@link LuceneSearchIndex#similarText} must find the same documents with the
     * same scores as the per-group form (for each language group: group filter, then title 2x, body and
     * tags), which counts a document's tags once and its own group's fields only.
     */
    @Test
    void flatQueryRanksLikeThePerGroupQuery(@TempDir Path dir) throws Exception {
        List<SearchDocument> docs = SearchFixtures.randomDocuments(17, 3_000);
        try (DirectoryReader reader = CommittedIndex.write(dir, docs, 500)) {
            IndexSearcher s = new IndexSearcher(reader);
            Analysis analysis = new Analysis(Set.of());
            int compared = 0;
            for (int i = 0; i < 60; i++) {
                SearchDocument source = docs.get(i * 37 % docs.size());
                String draft = source.title() + "\n" + source.body() + " " + String.join(" ", source.tags());
                Query flat = LuceneSearchIndex.similarText(s, analysis.query(), draft).text();
                Query grouped = perGroup(s, analysis, draft);
                TopDocs a = s.search(flat, 3_000);
                TopDocs b = s.search(grouped, 3_000);
                assertThat(a.totalHits.value).as(draft).isEqualTo(b.totalHits.value);
                Map<Integer, Float> scores = new java.util.HashMap<>();
                for (ScoreDoc sd : b.scoreDocs) {
                    scores.put(sd.doc, sd.score);
                }
                for (ScoreDoc sd : a.scoreDocs) {
                    assertThat(scores).as(draft).containsKey(sd.doc);
                    assertThat(sd.score).as(draft).isCloseTo(scores.get(sd.doc), within(1e-4f * sd.score));
                    compared++;
                }
            }
            assertThat(compared).as("hits compared").isGreaterThan(10_000);
        }
    }

    /** The per-group form of the query, as {@code similar} built it before it was flattened. */
    private static Query perGroup(IndexSearcher s, Analysis analysis, String draft) throws java.io.IOException {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        Query tags = LikeTerms.like(s, analysis.query(), Docs.TAGS_TEXT, draft, 25);
        for (String group : Analysis.GROUPS) {
            Query words = new BooleanQuery.Builder()
                    .add(new BoostQuery(LikeTerms.like(s, analysis.query(), Docs.title(group), draft, 25), 2f),
                            Occur.SHOULD)
                    .add(LikeTerms.like(s, analysis.query(), Docs.body(group), draft, 25), Occur.SHOULD)
                    .add(tags, Occur.SHOULD).build();
            any.add(new BooleanQuery.Builder().add(new TermQuery(new Term(Docs.GROUP, group)), Occur.FILTER)
                    .add(words, Occur.MUST).build(), Occur.SHOULD);
        }
        return any.build();
    }
}
