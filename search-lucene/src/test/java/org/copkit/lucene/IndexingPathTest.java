package org.copkit.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copkit.testkit.SearchFixtures.EN;
import static org.copkit.testkit.SearchFixtures.NL;
import static org.copkit.testkit.SearchFixtures.item;
import static org.copkit.testkit.SearchFixtures.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.copkit.search.SearchQuery;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write path: the compound vocabulary is learned in one reading of the Dutch text and indexed from
 * that reading ({@code nl_words}), the writer settings that keep a write's reopen short, and a rebuilt
 * generation that refreshes once it is live.
 */
class IndexingPathTest {
    @TempDir
    Path dir;

    private static long total(LuceneSearchIndex index, String text) {
        return index.query(SearchQuery.of(text).page(0, 100), system()).total();
    }

    @Test
    @DisplayName("the Dutch vocabulary comes from one reading of the text: its distinct candidate words, folded")
    void learnsDistinctVocabularyWords() {
        Analysis a = new Analysis(Set.of());
        Set<String> words = a.learnDutchText("De Warmtepomp en de warmtepomp: één café, 2024 en x86-code, "
                + "een erg-lange-samenstelling en de WARMTEPOMPSUBSIDIE.");

        // folded and lower-cased; no stop words (de, en, een), no words under 4 letters, no digits
        assertThat(words).containsExactly("warmtepomp", "cafe", "code", "lange", "samenstelling",
                "warmtepompsubsidie");
        assertThat(a.dutchVocabularySize()).isEqualTo(6);
        assertThat(Analysis.isVocabularyWord("erg".toCharArray(), 3)).isFalse();
        assertThat(Analysis.isVocabularyWord("zijn".toCharArray(), 4)).isFalse();
        assertThat(Analysis.isVocabularyWord("pomp".toCharArray(), 4)).isTrue();
        assertThat(Analysis.isVocabularyWord("x".repeat(25).toCharArray(), 25)).isFalse();
        assertThat(Analysis.isVocabularyWord("x".repeat(24).toCharArray(), 24)).isTrue();
        assertThat(Analysis.isVocabularyWord("pomp2".toCharArray(), 5)).isFalse();
    }

    @Test
    @DisplayName("warmtepomp finds warmtepompsubsidie indexed in the same batch, in a later batch and after a reopen")
    void vocabularyThroughTheIndexingPath() {
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            // the compound comes first in its batch: the whole batch is learned before it is written
            index.index(List.of(item("compound").title("Warmtepompsubsidie aanvragen").language(NL).build(),
                    item("word").title("Hoe werkt een warmtepomp?").language(NL).build()));
            assertThat(total(index, "warmtepomp")).isEqualTo(2);

            index.index(List.of(item("later").body("De zonneboilersubsidie is op.").language(NL).build(),
                    item("boiler").title("Een zonneboiler").language(NL).build()));
            // learned before "later" was written: the batch is read once, in full, before writing
            assertThat(total(index, "zonneboiler")).isEqualTo(2);

            // English text does not teach the Dutch vocabulary
            index.index(List.of(item("en").title("Lawnmower").language(EN).build()));
            index.index(List.of(item("nl-mower").title("Grasmaaiers: lawnmowerverhuur").language(NL).build()));
            assertThat(total(index, "lawnmower")).isEqualTo(1);
        }
        // on open the vocabulary is reloaded from nl_words: a new compound is split at once
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            index.index(List.of(item("after").title("Warmtepomponderhoud").language(NL).build()));
            assertThat(total(index, "warmtepomp")).isEqualTo(3);
            assertThat(total(index, "zonneboiler")).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("nl_words holds each Dutch document's distinct vocabulary words, and nothing for other languages")
    void dutchWordsField() throws IOException {
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            index.index(List.of(item("nl").title("De fiets en de fietsen").body("Een fietsenstalling, 12 fietsen.")
                    .language(NL).build(), item("en").title("Bicycles everywhere").language(EN).build()));
        }
        Path generation;
        try (Stream<Path> s = Files.list(dir)) {
            generation = s.filter(p -> p.getFileName().toString().startsWith("generation-")).findFirst().orElseThrow();
        }
        try (FSDirectory d = FSDirectory.open(generation); DirectoryReader r = DirectoryReader.open(d)) {
            Terms terms = MultiTerms.getTerms(r, Docs.DUTCH_WORDS);
            TermsEnum e = terms.iterator();
            List<String> all = new ArrayList<>();
            for (BytesRef t = e.next(); t != null; t = e.next()) {
                all.add(t.utf8ToString());
                assertThat(e.docFreq()).isEqualTo(1);
            }
            assertThat(all).containsExactlyElementsOf(new TreeSet<>(List.of("fiets", "fietsen", "fietsenstalling")));
        }
    }

    @Test
    @DisplayName("a write's reopen does not wait for merges, and flushed segments are not copied into compound files")
    void writerSettings() {
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            assertThat(index.writerConfig().getMaxFullFlushMergeWaitMillis()).isZero();
            assertThat(index.writerConfig().getUseCompoundFile()).isFalse();
        }
    }

    @Test
    @Timeout(600) // hang detectors only: under load these tests take 10 to 50 times their quiet time
    @DisplayName("a batch becomes one segment: the timed refresh never reopens in the middle of a write")
    void oneSegmentPerBatch() {
        try (LuceneSearchIndex index = LuceneSearchIndex.builder().directory(dir)
                .refreshInterval(java.time.Duration.ofMillis(1)).build()) {
            for (int batch = 0; batch < 3; batch++) {
                List<org.copkit.search.SearchDocument> docs = new ArrayList<>();
                for (int i = 0; i < 3_000; i++) {
                    docs.add(item("d" + batch + "-" + i).title("Walrus number " + i)
                            .body("The walrus colony counted " + i + " animals on the beach.").build());
                }
                index.index(docs);
                // merges may combine earlier batches, but never split one
                assertThat(index.searchedSegments()).isBetween(1, batch + 1);
                assertThat(total(index, "walrus")).isEqualTo(3_000L * (batch + 1));
            }
        }
    }

    @Test
    @Timeout(600)
    @DisplayName("a batch is atomic for readers: reopens by other writers and by the timer never show part of one")
    void batchIsAtomicForReaders() throws Exception {
        int size = 2_000;
        int rounds = 5;
        try (LuceneSearchIndex index = LuceneSearchIndex.builder().directory(dir)
                .refreshInterval(java.time.Duration.ofMillis(1)).build()) {
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            List<Long> partial = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                // one-document writes, each reopening the searcher while the batches below are being written
                java.util.concurrent.Future<?> small = pool.submit(() -> {
                    for (int n = 0; !done.get(); n++) {
                        index.index(List.of(item("p" + n).title("Pelican " + n).build()));
                    }
                });
                java.util.concurrent.Future<?> reader = pool.submit(() -> {
                    while (!done.get()) {
                        long seen = total(index, "walrus");
                        reads.incrementAndGet();
                        if (seen % size != 0) {
                            partial.add(seen);
                        }
                    }
                });
                for (int round = 0; round < rounds; round++) {
                    List<org.copkit.search.SearchDocument> docs = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        docs.add(item("w" + round + "-" + i).title("Walrus number " + i).build());
                    }
                    index.index(docs);
                }
                done.set(true);
                small.get(300, java.util.concurrent.TimeUnit.SECONDS);
                reader.get(300, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                done.set(true);
                pool.shutdownNow();
            }
            assertThat(partial).as("walrus totals seen that are not a whole number of batches (of %s reads)", reads)
                    .isEmpty();
            assertThat(total(index, "walrus")).isEqualTo((long) size * rounds);
        }
    }

    @Test
    @DisplayName("a document twice in one batch is written once, as its last occurrence; a later batch replaces it")
    void duplicateInBatch() {
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            index.index(List.of(item("a").title("Walrus").build(), item("b").title("Pelican").build(),
                    item("a").title("Seal").build()));
            assertThat(total(index, "walrus")).isZero();
            assertThat(total(index, "seal")).isEqualTo(1);
            assertThat(total(index, "pelican")).isEqualTo(1);
            index.index(List.of(item("a").title("Walrus").build()));
            assertThat(total(index, "seal")).isZero();
            assertThat(total(index, "walrus")).isEqualTo(1);
            assertThat(total(index, "pelican")).isEqualTo(1);
        }
    }

    @Test
    @Timeout(1800) // a hang detector: its 25 rounds took 326 to 393 s at a load average of 13 to 34 on 2 cores
    @DisplayName("close lets a running timed commit or refresh finish: every closed index reopens complete")
    void closeDoesNotInterruptTimers() {
        for (int round = 0; round < 25; round++) {
            try (LuceneSearchIndex index = LuceneSearchIndex.builder().directory(dir)
                    .commitInterval(java.time.Duration.ofMillis(10)).refreshInterval(java.time.Duration.ofMillis(1))
                    .verifyOnOpen(false).build()) {
                List<org.copkit.search.SearchDocument> docs = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    docs.add(item("r" + round + "-" + i).title("Walrus " + i).body("Colony notes " + i).build());
                }
                index.index(docs);
                index.checkpoint(round + 1);
            }
            try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
                assertThat(index.checkpoint()).isEqualTo(round + 1);
                assertThat(total(index, "walrus")).isEqualTo(200L * (round + 1));
            }
        }
    }

    @Test
    @Timeout(600)
    @DisplayName("after a rebuild the new generation refreshes: writes return and are searchable")
    void writesAfterRebuild() {
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            index.index(List.of(item("old").title("Pelican").build()));
            index.rebuild(Stream.of(item("a").title("Walrus").build(), item("b").title("Walrus two").build()), 5);
            assertThat(total(index, "walrus")).isEqualTo(2);

            index.index(List.of(item("c").title("Walrus three").build()));
            assertThat(total(index, "walrus")).isEqualTo(3);
            index.delete(List.of(item("a").build().ref()));
            assertThat(total(index, "walrus")).isEqualTo(2);
        }
        try (LuceneSearchIndex index = LuceneSearchIndex.inMemory()) {
            index.rebuild(Stream.of(item("a").title("Walrus").build()), 1);
            index.index(List.of(item("b").title("Walrus two").build()));
            assertThat(total(index, "walrus")).isEqualTo(2);
        }
    }
}
