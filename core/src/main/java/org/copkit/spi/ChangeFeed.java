package org.copkit.spi;

import java.util.List;

/**
 * The ordered, durable sequence of changes. Readers (the search indexer, other nodes) follow it from
 * a cursor: {@code after(lastSeen, n)} never skips a change, even one whose transaction started
 * earlier and committed later than a change already returned.
 *
 * <p>Implementations are thread-safe.
 */
public interface ChangeFeed {
    /**
     * @param sequence the last sequence already processed (0 for the start)
     * @param limit how many at most, at least 1
     * @return committed changes with a larger sequence, ascending
     */
    List<Change> after(long sequence, int limit);

    /**
     * @return the sequence up to which the feed is complete: every change with a sequence at or below it
     *     has committed and is readable (0 when empty)
     */
    long head();

    /**
     * Asks to be told, soon after it happens, that a write committed changes to this feed, so that a
     * follower can read them at once instead of at its next poll. The search indexer of every kit
     * subscribes when the kit is built and closes the subscription when the kit closes; a notification
     * acts like a commit of its own process: it reads the feed from its checkpoint.
     *
     * <p>A hint, not a delivery guarantee: {@code wake} carries no change and may be called late, more
     * than once for one commit, once for many, or (while the backend cannot listen, e.g. its database is
     * restarting) not at all. Followers must keep polling {@link #after} as the fallback; nothing is lost
     * when a notification is, only delayed until the next poll. A backend reports at least the commits
     * made by other processes (other nodes on the same database); it may also report, or leave out, the
     * commits made through this same storage object (a kit wakes its own indexer for its own writes).
     *
     * <p>Threads and failures: {@code wake} runs on a thread of the backend (for example a listener's
     * daemon thread), never on the writing thread; it must return quickly and not block. An exception it
     * throws is logged at WARN by the backend and does not end the subscription. This method must not
     * fail because the database is unreachable at the moment: a backend that listens through a
     * connection opens it in the background and reconnects with backoff after losing it, calling
     * {@code wake} once after each (re)connection, as changes may have been missed meanwhile. Closing the
     * returned handle stops the notifications (a call already running may finish) and releases what the
     * subscription held; closing it twice does nothing; it does not throw.
     *
     * <p>The default returns a handle that does nothing: a backend that cannot notify (the in-memory
     * storage, H2, which one process owns) leaves followers to their polling.
     *
     * @param wake called after other processes committed changes; not null
     * @return closes the subscription
     */
    default Subscription onCommit(Runnable wake) {
        java.util.Objects.requireNonNull(wake, "wake");
        return Subscription.NONE;
    }

    /**
     * A subscription made by {@link #onCommit}; closing it stops the notifications. Thread-safe;
     * {@link #close()} is idempotent and does not throw.
     */
    @FunctionalInterface
    interface Subscription extends AutoCloseable {
        /** A subscription that never notifies; closing it does nothing. */
        Subscription NONE = () -> {
        };

        /** Stops the notifications and releases what the subscription holds. */
        @Override
        void close();
    }
}
