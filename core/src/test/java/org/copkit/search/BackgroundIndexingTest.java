package org.copkit.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.content;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.copkit.CopKit;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.Fixture;
import org.copkit.InvalidInputException;
import org.copkit.Ref;
import org.copkit.access.Audience;
import org.copkit.access.ViewerScope;
import org.copkit.community.CommunityId;
import org.copkit.member.MemberId;
import org.copkit.memory.InMemorySearchIndex;
import org.copkit.spi.SearchIndex;
import org.junit.jupiter.api.Test;

/**
 * The indexer runs on a background thread: writes do not wait for the search index, searches of the
 * same kit still find what it wrote, changes of other kits arrive by polling, failures are retried, and
 * close() stops the thread.
 */
class BackgroundIndexingTest {
    /** An in-memory index whose {@code index} calls can be held back or made to fail. */
    private static final class ControlledIndex implements SearchIndex {
        final InMemorySearchIndex delegate = new InMemorySearchIndex();
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile CountDownLatch entered = new CountDownLatch(1);
        final AtomicInteger failuresLeft = new AtomicInteger();
        final AtomicInteger indexCalls = new AtomicInteger();

        @Override
        public void index(List<SearchDocument> documents) {
            indexCalls.incrementAndGet();
            entered.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new CopKitException(ErrorCode.SEARCH, "index disk full (test)");
            }
            delegate.index(documents);
        }

        @Override
        public void delete(List<Ref> refs) {
            delegate.delete(refs);
        }

        @Override
        public SearchResult query(SearchQuery query, ViewerScope scope) {
            return delegate.query(query, scope);
        }

        @Override
        public List<SearchHit> similar(SimilarQuery query, ViewerScope scope) {
            return delegate.similar(query, scope);
        }

        @Override
        public List<String> suggest(String prefix, ViewerScope scope, int limit) {
            return delegate.suggest(prefix, scope, limit);
        }

        @Override
        public void rebuild(Stream<SearchDocument> documents, long checkpoint) {
            delegate.rebuild(documents, checkpoint);
        }

        @Override
        public long checkpoint() {
            return delegate.checkpoint();
        }

        @Override
        public void checkpoint(long sequence) {
            delegate.checkpoint(sequence);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private static Set<Thread> indexerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("copkit-indexer"))
                .filter(Thread::isAlive).collect(Collectors.toSet());
    }

    @Test
    void aWriteDoesNotWaitForTheIndex_butASearchOfTheSameKitWaitsForIt() throws Exception {
        ControlledIndex index = new ControlledIndex();
        try (Fixture f = Fixture.create(b -> b.search(index))) {
            MemberId anna = f.member("anna", ACME);
            CommunityId c = f.community(anna, "Heat");
            f.as(anna).search().query("anything"); // everything so far is indexed
            index.entered = new CountDownLatch(1);
            index.gate = new CountDownLatch(1);

            // the write returns while the indexer is held inside SearchIndex.index
            CompletableFuture.runAsync(() -> f.published(anna, c, Audience.platform(),
                    content("Heat pump sizing", "How to size a heat pump"))).get(10, TimeUnit.SECONDS);
            assertThat(index.entered.await(10, TimeUnit.SECONDS)).as("the indexer is at work").isTrue();

            java.util.concurrent.atomic.AtomicReference<Thread> searcher = new java.util.concurrent.atomic.AtomicReference<>();
            CompletableFuture<Long> search = CompletableFuture.supplyAsync(() -> {
                searcher.set(Thread.currentThread());
                return f.as(anna).search().query("sizing").total();
            });
            // not a fixed sleep: wait until the search is parked waiting for the indexer (a loaded machine may
            // take long to even start it), then it must still be waiting
            awaitWaitingIn(searcher, "awaitCommitted");
            assertThat(search).as("the search waits for the write to be indexed").isNotDone();
            index.gate.countDown();
            assertThat(search.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }

    /** Waits (at most 60 s) until the thread is parked in a method of the given name. */
    private static void awaitWaitingIn(java.util.concurrent.atomic.AtomicReference<Thread> thread, String method)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() - deadline < 0) {
            Thread t = thread.get();
            if (t != null && (t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.WAITING)
                    && Stream.of(t.getStackTrace()).anyMatch(e -> e.getMethodName().equals(method))) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the thread did not wait in " + method + " within 60 s");
    }

    @Test
    void manyWritesInARow_areAllFoundByTheNextSearch() {
        try (Fixture f = Fixture.create()) {
            MemberId anna = f.member("anna", ACME);
            CommunityId c = f.community(anna, "Heat");
            for (int i = 0; i < 20; i++) {
                f.published(anna, c, Audience.platform(), content("Grid note " + i, "Congestion on the grid " + i));
                assertThat(f.as(anna).search().query("congestion").total()).isEqualTo(i + 1);
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(300)
    void aFailingIndex_isRetriedWithBackoff_andNoChangeIsLost_whileSearchesDoNotHang() throws Exception {
        ControlledIndex index = new ControlledIndex();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        // a search that waited for the failing indexer would wait for an hour: that it returns at all (within the
        // test's timeout) shows it did not, however slow the machine, and its WARN says why it did not wait
        try (Fixture f = Fixture.create(b -> b.search(index).searchWait(Duration.ofHours(1)))) {
            MemberId anna = f.member("anna", ACME);
            CommunityId c = f.community(anna, "Heat");
            index.failuresLeft.set(Integer.MAX_VALUE); // fails until the test lets it succeed
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                f.published(anna, c, Audience.platform(), content("Subsidy rules", "Rules for the 2026 subsidy"));
                assertThat(f.as(anna).search().query("subsidy").total()).as("while the indexer fails").isZero();
                assertThat(err.toString(StandardCharsets.UTF_8)).contains("the indexer is failing and retries");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (index.indexCalls.get() < 2 && System.nanoTime() - deadline < 0) {
                    Thread.sleep(10);
                }
                assertThat(index.indexCalls.get()).as("retried").isGreaterThanOrEqualTo(2);
                index.failuresLeft.set(0);
                long found = 0;
                while (found == 0 && System.nanoTime() - deadline < 0) {
                    found = f.as(anna).search().query("subsidy").total();
                    if (found == 0) {
                        Thread.sleep(50);
                    }
                }
                assertThat(found).as("found after the retries").isEqualTo(1);
            } finally {
                System.setErr(original);
            }
            assertThat(index.indexCalls.get()).isGreaterThanOrEqualTo(3);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("WARN")
                    .contains("search index could not catch up").contains("index disk full (test)");
        }
    }

    @Test
    void changesOfAnotherKitOnTheSameStorage_arriveByPolling() throws Exception {
        try (Fixture writer = Fixture.create();
                CopKit reader = CopKit.builder().storage(writer.storage).clock(writer.clock)
                        .indexPollInterval(Duration.ofMillis(50)).build();
                CopKit deaf = CopKit.builder().storage(writer.storage).clock(writer.clock)
                        .indexPollInterval(Duration.ofHours(1)).build()) {
            MemberId anna = writer.member("anna", ACME);
            CommunityId c = writer.community(anna, "Heat");
            writer.published(anna, c, Audience.platform(), content("District heating", "Heat networks in towns"));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long found = 0;
            while (found == 0 && System.nanoTime() - deadline < 0) {
                found = reader.as(anna).search().query("district").total();
                if (found == 0) {
                    Thread.sleep(20);
                }
            }
            assertThat(found).as("the polling kit sees the other kit's write").isEqualTo(1);
            assertThat(deaf.as(anna).search().query("district").total())
                    .as("a kit that polls hourly and wrote nothing itself has not looked yet").isZero();
        }
    }

    /** Storage whose change feed lets the test send commit notifications, as another node's commit would. */
    private static class NotifyingStorage implements org.copkit.spi.Storage {
        final org.copkit.spi.Storage target;
        final java.util.List<Runnable> subscribers = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicInteger closedSubscriptions = new AtomicInteger();

        NotifyingStorage(org.copkit.spi.Storage target) {
            this.target = target;
        }

        @Override
        public <T> T read(java.util.function.Function<org.copkit.spi.Transaction, T> work) {
            return target.read(work);
        }

        @Override
        public <T> T write(java.util.function.Function<org.copkit.spi.Transaction, T> work) {
            return target.write(work);
        }

        @Override
        public org.copkit.spi.ChangeFeed changes() {
            org.copkit.spi.ChangeFeed feed = target.changes();
            return new org.copkit.spi.ChangeFeed() {
                @Override
                public List<org.copkit.spi.Change> after(long sequence, int limit) {
                    return feed.after(sequence, limit);
                }

                @Override
                public long head() {
                    return feed.head();
                }

                @Override
                public Subscription onCommit(Runnable wake) {
                    subscribers.add(wake);
                    return () -> {
                        if (subscribers.remove(wake)) {
                            closedSubscriptions.incrementAndGet();
                        }
                    };
                }
            };
        }

        void notifyCommit() {
            subscribers.forEach(Runnable::run);
        }

        @Override
        public void close() {
            target.close();
        }
    }

    @Test
    void aCommitNotificationOfTheChangeFeed_wakesTheIndexer_beforeItsNextPoll() throws Exception {
        try (Fixture writer = Fixture.create()) {
            NotifyingStorage shared = new NotifyingStorage(writer.storage);
            CopKit reader = CopKit.builder().storage(shared).clock(writer.clock)
                    .indexPollInterval(Duration.ofHours(1)).build();
            try {
                assertThat(shared.subscribers).as("the kit's indexer subscribed when it was built").hasSize(1);
                MemberId anna = writer.member("anna", ACME);
                CommunityId c = writer.community(anna, "Heat");
                writer.published(anna, c, Audience.platform(), content("District heating", "Heat networks in towns"));
                assertThat(reader.as(anna).search().query("district").total())
                        .as("an hourly poll has not looked yet, and nothing told the reader").isZero();

                shared.notifyCommit();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                long found = 0;
                while (found == 0 && System.nanoTime() < deadline) {
                    found = reader.as(anna).search().query("district").total();
                    Thread.sleep(10);
                }
                assertThat(found).as("the notification made the indexer read the feed").isEqualTo(1);
            } finally {
                reader.close();
            }
            assertThat(shared.subscribers).as("closing the kit closes its subscription").isEmpty();
            assertThat(shared.closedSubscriptions.get()).isEqualTo(1);
        }
    }

    @Test
    void aChangeFeedThatFailsToSubscribe_leavesTheKitPolling() throws Exception {
        try (Fixture writer = Fixture.create()) {
            org.copkit.spi.Storage failing = new NotifyingStorage(writer.storage) {
                @Override
                public org.copkit.spi.ChangeFeed changes() {
                    org.copkit.spi.ChangeFeed feed = super.changes();
                    return new org.copkit.spi.ChangeFeed() {
                        @Override
                        public List<org.copkit.spi.Change> after(long sequence, int limit) {
                            return feed.after(sequence, limit);
                        }

                        @Override
                        public long head() {
                            return feed.head();
                        }

                        @Override
                        public Subscription onCommit(Runnable wake) {
                            throw new CopKitException(ErrorCode.STORAGE, "cannot listen (test)");
                        }
                    };
                }
            };
            CopKit reader = CopKit.builder().storage(failing).clock(writer.clock)
                    .indexPollInterval(Duration.ofMillis(50)).build();
            try {
                MemberId anna = writer.member("anna", ACME);
                CommunityId c = writer.community(anna, "Heat");
                writer.published(anna, c, Audience.platform(), content("District heating", "Heat networks in towns"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                long found = 0;
                while (found == 0 && System.nanoTime() < deadline) {
                    found = reader.as(anna).search().query("district").total();
                    Thread.sleep(10);
                }
                assertThat(found).as("the kit was built and follows by polling").isEqualTo(1);
            } finally {
                reader.close();
            }
        }
    }

    @Test
    void aKitWhoseIndexKeepsNothing_doesNotSubscribeToCommitNotifications() {
        try (Fixture writer = Fixture.create()) {
            NotifyingStorage shared = new NotifyingStorage(writer.storage);
            CopKit kit = CopKit.builder().storage(shared).search(new org.copkit.testkit.NoSearch()).build();
            assertThat(shared.subscribers).isEmpty();
            kit.close();
        }
    }

    @Test
    void anIndexAheadOfTheChangeFeed_isRebuiltWhenTheKitStarts() {
        try (Fixture writer = Fixture.create()) {
            MemberId anna = writer.member("anna", ACME);
            CommunityId c = writer.community(anna, "Heat");
            writer.published(anna, c, Audience.platform(), content("District heating", "Heat networks in towns"));
            // an index that followed another (later) state of the database, as after a restore from a backup
            InMemorySearchIndex index = new InMemorySearchIndex();
            long head = writer.storage.changes().head();
            index.checkpoint(head + 1_000);
            CopKit restored = CopKit.builder().storage(writer.storage).clock(writer.clock).search(index)
                    .indexPollInterval(Duration.ofHours(1)).build();
            assertThat(index.checkpoint()).as("rebuilt up to the feed's head").isEqualTo(head);
            assertThat(restored.as(anna).search().query("district").total()).isEqualTo(1);
            restored.close();
        }
    }

    /** Storage that counts the reads of its change feed. */
    private static final class FeedCountingStorage implements org.copkit.spi.Storage {
        final org.copkit.spi.Storage target = org.copkit.memory.InMemoryStorage.create();
        final AtomicInteger feedReads = new AtomicInteger();

        @Override
        public <T> T read(java.util.function.Function<org.copkit.spi.Transaction, T> work) {
            return target.read(work);
        }

        @Override
        public <T> T write(java.util.function.Function<org.copkit.spi.Transaction, T> work) {
            return target.write(work);
        }

        @Override
        public org.copkit.spi.ChangeFeed changes() {
            org.copkit.spi.ChangeFeed feed = target.changes();
            return new org.copkit.spi.ChangeFeed() {
                @Override
                public List<org.copkit.spi.Change> after(long sequence, int limit) {
                    feedReads.incrementAndGet();
                    return feed.after(sequence, limit);
                }

                @Override
                public long head() {
                    feedReads.incrementAndGet();
                    return feed.head();
                }
            };
        }

        @Override
        public void close() {
            target.close();
        }
    }

    private static int feedReadsAfterWrites(SearchIndex index) throws InterruptedException {
        FeedCountingStorage storage = new FeedCountingStorage();
        try (CopKit kit = CopKit.builder().storage(storage).search(index).indexPollInterval(Duration.ofMillis(10))
                .build()) {
            int before = storage.feedReads.get();
            for (int i = 0; i < 20; i++) {
                kit.system().organizations().register(org.copkit.member.OrganizationId.of("org-" + i), "Org " + i, "");
                Thread.sleep(2);
            }
            // a search waits until a catch-up that started after the last commit has finished: the indexer has
            // looked at every write by then, however slow the machine (a fixed sleep was not enough under load)
            kit.system().search().query("org");
            Thread.sleep(100); // and polled a few more times, at 10 ms
            return storage.feedReads.get() - before;
        }
    }

    @Test
    void anIndexThatKeepsNothing_neverMakesTheIndexerReadTheChangeFeed() throws Exception {
        assertThat(feedReadsAfterWrites(new org.copkit.testkit.NoSearch())).isZero();
        assertThat(feedReadsAfterWrites(new InMemorySearchIndex())).as("an index that keeps documents reads the feed")
                .isPositive();
    }

    @Test
    void reindex_stillRebuildsAndCatchesUp() {
        try (Fixture f = Fixture.create()) {
            MemberId anna = f.member("anna", ACME);
            CommunityId c = f.community(anna, "Heat");
            f.published(anna, c, Audience.platform(), content("Insulation", "Cavity wall insulation"));
            f.kit.reindex();
            assertThat(f.as(anna).search().query("insulation").total()).isEqualTo(1);
            f.published(anna, c, Audience.platform(), content("Insulation two", "Roof insulation"));
            assertThat(f.as(anna).search().query("insulation").total()).isEqualTo(2);
        }
    }

    @Test
    void close_stopsTheIndexerThread() throws Exception {
        Set<Thread> before = indexerThreads();
        CopKit kit = CopKit.builder().build();
        Set<Thread> started = indexerThreads();
        started.removeAll(before);
        assertThat(started).hasSize(1);
        Thread thread = started.iterator().next();
        assertThat(thread.isDaemon()).isTrue();
        kit.close();
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void theOptions_areCheckedAndSetOnce() {
        CopKit.Builder b = CopKit.builder();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.indexPollInterval(Duration.ZERO))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("indexPollInterval");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.searchWait(Duration.ofMillis(-1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("searchWait");
        b.searchWait(Duration.ZERO).indexPollInterval(Duration.ofSeconds(5));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.searchWait(Duration.ofSeconds(1)))
                .isInstanceOf(CopKitException.class).hasMessageContaining("searchWait");
    }
}
