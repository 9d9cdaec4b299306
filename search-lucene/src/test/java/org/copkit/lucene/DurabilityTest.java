package org.copkit.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.copkit.testkit.SearchFixtures.item;
import static org.copkit.testkit.SearchFixtures.system;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.search.SearchDocument;
import org.copkit.search.SearchQuery;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Restart, durable checkpoint, timed commits, corruption and missing-index recovery, rebuild swap. */
class DurabilityTest {
    @TempDir
    Path dir;

    private static long total(LuceneSearchIndex index, String text) {
        return index.query(SearchQuery.of(text), system()).total();
    }

    @Test
    @DisplayName("documents and the checkpoint survive close and reopen")
    void restartKeepsDocumentsAndCheckpoint() {
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            index.index(List.of(item("a").title("Pelican").build(), item("b").title("Walrus").build()));
            index.delete(List.of(item("b").build().ref()));
            index.checkpoint(42);
        }
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            assertThat(index.checkpoint()).isEqualTo(42);
            assertThat(total(index, "pelican")).isEqualTo(1);
            assertThat(total(index, "walrus")).isZero();
        }
    }

    @Test
    @DisplayName("the timed commit makes documents and checkpoint durable without close (a copy taken while open reopens)")
    void timedCommitIsDurable() throws Exception {
        try (LuceneSearchIndex index = LuceneSearchIndex.builder().directory(dir).commitInterval(Duration.ofMillis(50))
                .build()) {
            index.index(List.of(item("a").title("Pelican").build()));
            index.checkpoint(7);
            // wait for the condition itself: a timed commit (no close, no commit()) carried checkpoint 7
            awaitCommittedCheckpoint(dir, 7, Duration.ofSeconds(60));
            Path copy = Files.createTempDirectory(dir.getParent(), "copy");
            copyWithoutLock(dir, copy);
            try (LuceneSearchIndex reopened = LuceneSearchIndex.open(copy)) {
                assertThat(reopened.checkpoint()).isEqualTo(7);
                assertThat(total(reopened, "pelican")).isEqualTo(1);
            }
        }
    }

    @Test
    @DisplayName("an index whose files are corrupt is replaced by an empty index at checkpoint 0")
    void corruptIndexStartsEmpty() throws IOException {
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            index.index(List.of(item("a").title("Pelican").body("Pelican colony notes. ".repeat(50)).build()));
            index.checkpoint(12);
        }
        corrupt(dir);

        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            assertThat(index.checkpoint()).isZero();
            assertThat(total(index, "")).isZero();
            index.index(List.of(item("b").title("Walrus").build()));
            assertThat(total(index, "walrus")).isEqualTo(1);
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("generation-"))).hasSize(1);
        }
    }

    @Test
    @DisplayName("an index whose data files (not the commit point) are corrupt fails the checksum check on open and starts empty")
    void corruptDataFilesDetected() throws IOException {
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            index.index(List.of(item("a").title("Pelican").body("Pelican colony notes. ".repeat(50)).build()));
            index.checkpoint(12);
        }
        corrupt(dir, n -> !n.startsWith("segments"));

        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            assertThat(index.checkpoint()).isZero();
            assertThat(total(index, "")).isZero();
        }
    }

    @Test
    @DisplayName("an index directory whose generation is missing starts empty at checkpoint 0")
    void missingGenerationStartsEmpty() throws IOException {
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            index.index(List.of(item("a").title("Pelican").build()));
            index.checkpoint(3);
        }
        String name = Files.readString(dir.resolve(LuceneSearchIndex.POINTER)).strip();
        org.apache.lucene.util.IOUtils.rm(dir.resolve(name));

        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            assertThat(index.checkpoint()).isZero();
            assertThat(total(index, "")).isZero();
        }
    }

    @Test
    @DisplayName("a second open of an index in use fails with SEARCH and leaves the index intact")
    void lockedIndexIsNotWiped() {
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            index.index(List.of(item("a").title("Pelican").build()));
            index.commit();

            assertThatThrownBy(() -> LuceneSearchIndex.open(dir)).isInstanceOf(CopKitException.class)
                    .satisfies(e -> assertThat(((CopKitException) e).code()).isEqualTo(ErrorCode.SEARCH));

            assertThat(total(index, "pelican")).isEqualTo(1);
        }
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            assertThat(total(index, "pelican")).isEqualTo(1);
        }
    }

    @Test
    @Timeout(600) // a hang detector: 16 s under load, where its waits below were 10 and 20 s
    @DisplayName("during a rebuild searches see the old content; afterwards the new content and checkpoint, also after reopen")
    void rebuildSwapsAtomically() throws Exception {
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            index.index(List.of(item("old").title("Pelican").build()));
            CountDownLatch halfway = new CountDownLatch(1);
            CountDownLatch proceed = new CountDownLatch(1);
            Iterator<SearchDocument> docs = new Iterator<>() {
                int i;

                @Override
                public boolean hasNext() {
                    return i < 3_000;
                }

                @Override
                public SearchDocument next() {
                    if (i == 1_500) {
                        halfway.countDown();
                        await(proceed);
                    }
                    return item("new" + i++).title("Walrus " + i).build();
                }
            };
            CompletableFuture<Void> rebuild = CompletableFuture.runAsync(() -> index.rebuild(
                    StreamSupport.stream(Spliterators.spliteratorUnknownSize(docs, 0), false), 99));
            assertThat(halfway.await(300, TimeUnit.SECONDS)).isTrue();

            assertThat(total(index, "pelican")).isEqualTo(1);
            assertThat(total(index, "walrus")).isZero();
            assertThat(index.checkpoint()).isNotEqualTo(99);

            proceed.countDown();
            rebuild.get(300, TimeUnit.SECONDS);
            assertThat(total(index, "pelican")).isZero();
            assertThat(total(index, "walrus")).isEqualTo(3_000);
            assertThat(index.checkpoint()).isEqualTo(99);
        }
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            assertThat(index.checkpoint()).isEqualTo(99);
            assertThat(total(index, "walrus")).isEqualTo(3_000);
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("generation-"))).hasSize(1);
        }
    }

    @Test
    @DisplayName("a rebuild that fails keeps the old content")
    void failedRebuildKeepsOld() {
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            index.index(List.of(item("old").title("Pelican").build()));
            index.checkpoint(5);
            Stream<SearchDocument> failing = Stream.of(1, 2).map(i -> {
                if (i == 2) {
                    throw new IllegalStateException("storage went away");
                }
                return item("new").title("Walrus").build();
            });

            assertThatThrownBy(() -> index.rebuild(failing, 9)).isInstanceOf(IllegalStateException.class);

            assertThat(total(index, "pelican")).isEqualTo(1);
            assertThat(total(index, "walrus")).isZero();
            assertThat(index.checkpoint()).isEqualTo(5);
        }
    }

    @Test
    @DisplayName("calls after close fail with SEARCH")
    void closedIndexFails() {
        LuceneSearchIndex index = LuceneSearchIndex.inMemory();
        index.close();

        assertThatThrownBy(() -> index.index(List.of(item("a").build()))).isInstanceOf(CopKitException.class);
        assertThatThrownBy(() -> index.query(SearchQuery.of("a"), system())).isInstanceOf(CopKitException.class);
    }

    @Test
    @DisplayName("the options are validated")
    void optionsValidated() {
        assertThatThrownBy(() -> LuceneSearchIndex.builder().refreshInterval(Duration.ZERO))
                .isInstanceOf(org.copkit.InvalidInputException.class).hasMessageContaining("refreshInterval");
        assertThatThrownBy(() -> LuceneSearchIndex.builder().commitInterval(Duration.ofDays(2)))
                .isInstanceOf(org.copkit.InvalidInputException.class).hasMessageContaining("commitInterval");
        assertThatThrownBy(() -> LuceneSearchIndex.builder().fuzzyBelow(-1))
                .isInstanceOf(org.copkit.InvalidInputException.class).hasMessageContaining("fuzzyBelow");
    }

    /**
     * Waits until the latest commit of the current generation on disk carries the checkpoint: polls the
     * commit point, which is what a copy of the directory would reopen.
     */
    static void awaitCommittedCheckpoint(Path root, long checkpoint, Duration timeout) throws Exception {
        String name = Files.readString(root.resolve(LuceneSearchIndex.POINTER)).strip();
        long deadline = System.nanoTime() + timeout.toNanos();
        String seen = null;
        try (Directory d = FSDirectory.open(root.resolve(name))) {
            while (System.nanoTime() - deadline < 0) {
                seen = SegmentInfos.readLatestCommit(d).getUserData().get(LuceneSearchIndex.CHECKPOINT);
                if (Long.toString(checkpoint).equals(seen)) {
                    return;
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("no commit with checkpoint " + checkpoint + " within " + timeout + " (last: " + seen
                + ")");
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Overwrites the middle of every index file of the current generation with garbage. */
    static void corrupt(Path root) throws IOException {
        corrupt(root, n -> true);
    }

    /** Overwrites the middle of the named index files of the current generation with garbage. */
    static void corrupt(Path root, java.util.function.Predicate<String> names) throws IOException {
        String name = Files.readString(root.resolve(LuceneSearchIndex.POINTER)).strip();
        try (Stream<Path> files = Files.list(root.resolve(name))) {
            for (Path f : files.filter(p -> !p.getFileName().toString().equals("write.lock"))
                    .filter(p -> names.test(p.getFileName().toString())).toList()) {
                try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                    long len = raf.length();
                    if (len > 0) {
                        raf.seek(len / 2);
                        raf.write(new byte[] {0x13, 0x37, 0x13, 0x37});
                    }
                }
            }
        }
    }

    private static void copyWithoutLock(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("write.lock")) {
                    Files.copy(p, target);
                }
            }
        }
    }
}
