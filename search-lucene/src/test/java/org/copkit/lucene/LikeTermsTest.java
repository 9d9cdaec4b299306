package org.copkit.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.copkit.search.SearchDocument;
import org.copkit.testkit.SearchFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LikeTerms} picks the terms and boosts Lucene's {@link MoreLikeThis} picks with the settings
 * {@code similar} used, for every field of the similar query, on an index of several segments with
 * replaced (deleted) documents; only words tied at the cut may differ.
 */
class LikeTermsTest {
    private static final int MAX = 25;

    @Test
    void picksWhatMoreLikeThisPicks(@TempDir Path dir) throws Exception {
        List<SearchDocument> docs = documents(2_500);
        // the first 300 documents written again: their first copies stay in their segments as deleted documents
        List<SearchDocument> written = new ArrayList<>(docs);
        written.addAll(docs.subList(0, 300));
        try (DirectoryReader reader = CommittedIndex.write(dir, written, 400)) {
            assertThat(reader.leaves().size()).as("segments").isGreaterThan(1);
            assertThat(reader.numDeletedDocs()).as("deleted documents").isPositive();
            IndexSearcher s = new IndexSearcher(reader);
            Analysis analysis = new Analysis(Set.of());
            MoreLikeThis mlt = new MoreLikeThis(reader);
            mlt.setAnalyzer(analysis.query());
            mlt.setMinTermFreq(1);
            mlt.setMinDocFreq(1);
            mlt.setMinWordLen(2);
            mlt.setMaxQueryTerms(MAX);
            mlt.setBoost(true);
            List<String> fields = new ArrayList<>(List.of(Docs.TAGS_TEXT));
            for (String g : Analysis.GROUPS) {
                fields.add(Docs.title(g));
                fields.add(Docs.body(g));
            }
            int terms = 0;
            int cut = 0;
            for (int i = 0; i < 80; i++) {
                // the text of 1 to 3 documents: short texts keep every word, long ones are cut at 25
                StringBuilder text = new StringBuilder("x a zzqx");
                for (int k = 0; k <= i % 3; k++) {
                    SearchDocument d = docs.get((i * 31 + k * 7) % docs.size());
                    text.append('\n').append(d.title()).append(' ').append(d.body()).append(' ')
                            .append(String.join(" ", d.tags()));
                }
                for (String field : fields) {
                    mlt.setFieldNames(new String[] {field});
                    Map<String, Float> expected = boosts(mlt.like(field, new StringReader(text.toString())));
                    Map<String, Float> actual = boosts(LikeTerms.like(s, analysis.query(), field, text.toString(), MAX));
                    String what = field + " of " + text;
                    assertThat(actual).as(what).hasSameSizeAs(expected);
                    assertThat(actual.values().stream().sorted().toList()).as(what)
                            .usingElementComparator((a, b) -> Math.abs(a - b) <= 1e-5f * Math.max(a, b) ? 0
                                    : Float.compare(a, b))
                            .isEqualTo(expected.values().stream().sorted().toList());
                    // words above the lowest kept score are the same words with the same boost
                    expected.forEach((word, boost) -> {
                        if (expected.size() < MAX || boost > 1.0001f) {
                            assertThat(actual).as(what).containsKey(word);
                            assertThat(actual.get(word)).as(what + " " + word).isCloseTo(boost, within(1e-5f * boost));
                        }
                    });
                    terms += expected.size();
                    cut += expected.size() == MAX ? 1 : 0;
                }
            }
            assertThat(terms).as("terms compared").isGreaterThan(3_000);
            assertThat(cut).as("fields where more than " + MAX + " words were found").isGreaterThan(20);
        }
    }

    @Test
    void wordsTheIndexLacksGiveNoClauses(@TempDir Path dir) throws Exception {
        try (DirectoryReader reader = CommittedIndex.write(dir, SearchFixtures.randomDocuments(5, 50), 50)) {
            IndexSearcher s = new IndexSearcher(reader);
            Analysis analysis = new Analysis(Set.of());
            assertThat(LikeTerms.like(s, analysis.query(), Docs.body("en"), "zzqx qqzz", MAX).clauses()).isEmpty();
            assertThat(LikeTerms.like(s, analysis.query(), Docs.body("en"), "", MAX).clauses()).isEmpty();
            assertThat(LikeTerms.like(s, analysis.query(), "no_such_field", "granite", MAX).clauses()).isEmpty();
        }
    }

    /**
     * Documents in English, Dutch and German with titles of 4 and bodies of 30 words drawn from a
     * vocabulary of 600 made-up words, skewed so that document frequencies spread widely.
     */
    private static List<SearchDocument> documents(int n) {
        java.util.Random r = new java.util.Random(23);
        List<String> vocabulary = new ArrayList<>();
        String letters = "bcdfgklmnprstvz";
        String vowels = "aeiou";
        while (vocabulary.size() < 600) {
            StringBuilder w = new StringBuilder();
            for (int k = 0; k < 2 + r.nextInt(3); k++) {
                w.append(letters.charAt(r.nextInt(letters.length()))).append(vowels.charAt(r.nextInt(vowels.length())));
            }
            if (!vocabulary.contains(w.toString())) {
                vocabulary.add(w.toString());
            }
        }
        List<java.util.Locale> languages = List.of(java.util.Locale.ENGLISH, java.util.Locale.forLanguageTag("nl"),
                java.util.Locale.GERMAN);
        List<SearchDocument> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(SearchFixtures.item("k" + i).title(words(r, vocabulary, 4)).body(words(r, vocabulary, 30))
                    .tags(SearchFixtures.TAGS.get(r.nextInt(SearchFixtures.TAGS.size())))
                    .language(languages.get(i % languages.size())).build());
        }
        return out;
    }

    private static String words(java.util.Random r, List<String> vocabulary, int n) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < n; k++) {
            // squared: low indexes (frequent words) far more often than high ones
            double u = r.nextDouble();
            b.append(k == 0 ? "" : " ").append(vocabulary.get((int) (u * u * vocabulary.size())));
        }
        return b.toString();
    }

    private static Map<String, Float> boosts(Query like) {
        Map<String, Float> out = new HashMap<>();
        for (BooleanClause c : ((BooleanQuery) like).clauses()) {
            BoostQuery b = (BoostQuery) c.getQuery();
            out.put(((TermQuery) b.getQuery()).getTerm().text(), b.getBoost());
        }
        return out;
    }
}
