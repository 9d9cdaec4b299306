package org.copkit.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.copkit.spi.ChangeFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Indexer} on one daemon thread, off the write path. Every in-process commit
 * {@link #committed() wakes} it (many commits coalesce into one catch-up); so does a notification of the
 * storage's change feed ({@link ChangeFeed#onCommit}) that another process committed changes, where the
 * backend offers one (PostgreSQL: LISTEN/NOTIFY). It also catches up every poll interval, the fallback
 * for commits of other processes that no notification reported. A failed catch-up is
 * logged and retried with backoff (100 ms doubling up to 30 s); the index checkpoint only advances
 * after the index accepted a batch, so nothing is lost.
 *
 * <p>Read-your-writes: {@link #awaitCommitted()} waits (bounded) until a catch-up that started after
 * every commit of this process completed before the call has finished. That catch-up has applied those
 * commits, because change-feed sequences increase in commit order: a committed change is never behind
 * an open gap.
 *
 * <p>Not API.
 */
final class BackgroundIndexer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundIndexer.class);
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(30);
    /**
     * After a commit woke it, the indexer waits this long for more commits to share the catch-up with,
     * unless a search is already waiting for it.
     */
    private static final long COALESCE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** How long {@link #close()} waits for a running catch-up to finish its batch. */
    private static final long CLOSE_WAIT_MILLIS = 30_000;

    private final Indexer indexer;
    private final long pollNanos;
    private final long waitNanos;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled on a commit and on close. */
    private final Condition wake = lock.newCondition();
    /** Signalled when a catch-up finished or failed, and on close. */
    private final Condition progress = lock.newCondition();
    private final Thread thread;

    /** Commits of this process so far (a counter, not a change sequence). */
    private long committed;
    /** The value of {@link #committed} before the start of the last successful catch-up. */
    private long indexed;
    /** Consecutive failed catch-ups; 0 while healthy. */
    private int failures;
    private boolean stopping;
    /** Searches waiting in {@link #awaitCommitted()}. */
    private int waiting;
    /**
     * True while the indexer waits for work: only then does a commit signal it. While it gathers a
     * burst (the coalescing wait) or catches up, it sees new commits by itself, and a signal per commit
     * would only wake a thread to put it back to sleep (a context switch per write, on the cores the
     * writer and the database need).
     */
    private boolean idle;
    /** Another process committed changes (a change-feed notification) since the last catch-up started. */
    private boolean external;
    /** The change-feed subscription; closed with the indexer. */
    private final ChangeFeed.Subscription subscription;

    /**
     * @param feed the change feed to subscribe to for other processes' commits; null: poll only (an index
     *     that keeps nothing has nothing to catch up)
     */
    BackgroundIndexer(Indexer indexer, ChangeFeed feed, Duration pollInterval, Duration searchWait) {
        this.indexer = indexer;
        this.pollNanos = pollInterval.toNanos();
        this.waitNanos = searchWait.toNanos();
        this.thread = new Thread(this::run, "copkit-indexer");
        thread.setDaemon(true);
        thread.start();
        ChangeFeed.Subscription s = ChangeFeed.Subscription.NONE;
        if (feed != null) {
            try {
                s = feed.onCommit(this::notified);
            } catch (RuntimeException e) {
                LOG.warn("cannot subscribe to the change feed's commit notifications; the index follows other "
                        + "processes' writes by polling every {} ms", pollInterval.toMillis(), e);
            }
        }
        this.subscription = s;
    }

    /**
     * Tells the indexer that another process committed changes (a change-feed notification); returns at
     * once. Like {@link #committed()}, but no search of this process waits for it.
     */
    void notified() {
        lock.lock();
        try {
            external = true;
            if (idle) {
                wake.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Tells the indexer that this process committed a write; returns at once. */
    void committed() {
        lock.lock();
        try {
            committed++;
            if (idle) {
                wake.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the index has applied every write this process committed before the call: at most
     * the search wait, and not at all while the indexer is failing or closed (then logs a WARN and
     * returns: the caller searches the index as it is).
     */
    void awaitCommitted() {
        lock.lock();
        try {
            long target = committed;
            if (indexed >= target) {
                return;
            }
            long remaining = waitNanos;
            waiting++;
            wake.signal();
            try {
                while (indexed < target) {
                    if (stopping || failures > 0 || remaining <= 0) {
                        LOG.warn("the search index has not caught up with this process's last writes ({}); searching "
                                + "the index as it is", stopping ? "the kit is closing"
                                        : failures > 0 ? "the indexer is failing and retries" : "waited "
                                                + Duration.ofNanos(waitNanos).toMillis() + " ms");
                        return;
                    }
                    remaining = progress.awaitNanos(remaining);
                }
            } finally {
                waiting--;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        long nextPoll = System.nanoTime() + pollNanos;
        while (true) {
            long target;
            lock.lock();
            try {
                idle = true;
                try {
                    while (!stopping && indexed >= committed && !external && System.nanoTime() - nextPoll < 0) {
                        wake.awaitNanos(nextPoll - System.nanoTime());
                    }
                } finally {
                    idle = false;
                }
                if (stopping) {
                    return;
                }
                // woken by a commit (or another process's, notified): let a burst of commits share one catch-up,
                // unless a search waits
                long coalesce = COALESCE_NANOS;
                while (!stopping && waiting == 0 && (indexed < committed || external) && coalesce > 0) {
                    coalesce = wake.awaitNanos(coalesce);
                }
                if (stopping) {
                    return;
                }
                target = committed;
                // the catch-up reads the feed after this point: notifications that arrive from now on may be
                // for commits it misses, and wake it again
                external = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            boolean ok;
            try {
                indexer.catchUp(this::running);
                ok = true;
            } catch (RuntimeException | Error e) {
                ok = false;
                int n;
                lock.lock();
                try {
                    n = ++failures;
                    progress.signalAll();
                } finally {
                    lock.unlock();
                }
                LOG.warn("search index could not catch up with the change feed (attempt {}); retrying in {} ms; "
                        + "searches see the index as it is meanwhile", n, backoffNanos(n) / 1_000_000, e);
                if (e instanceof VirtualMachineError err) {
                    throw err;
                }
                if (!pause(backoffNanos(n))) {
                    return;
                }
            }
            if (ok) {
                lock.lock();
                try {
                    if (failures > 0) {
                        LOG.info("search index caught up again after {} failed attempts", failures);
                    }
                    failures = 0;
                    indexed = Math.max(indexed, target);
                    progress.signalAll();
                } finally {
                    lock.unlock();
                }
            }
            nextPoll = System.nanoTime() + pollNanos;
        }
    }

    private static long backoffNanos(int failures) {
        return failures >= 20 ? MAX_BACKOFF_NANOS
                : Math.min(MAX_BACKOFF_NANOS, FIRST_BACKOFF_NANOS << (failures - 1));
    }

    /** Sleeps unless closed meanwhile; @return false when closing. */
    private boolean pause(long nanos) {
        lock.lock();
        try {
            long remaining = nanos;
            while (!stopping && remaining > 0) {
                remaining = wake.awaitNanos(remaining);
            }
            return !stopping;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    private boolean running() {
        lock.lock();
        try {
            return !stopping;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the thread: a running catch-up finishes its current batch (the index is not interrupted in the
     * middle of a write); changes not yet applied are applied by the next kit on this index.
     */
    @Override
    public void close() {
        try {
            subscription.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the change feed's commit notifications failed", e);
        }
        lock.lock();
        try {
            stopping = true;
            wake.signalAll();
            progress.signalAll();
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("the indexer thread did not stop within {} ms; closing the search index anyway",
                    CLOSE_WAIT_MILLIS);
        }
    }
}
