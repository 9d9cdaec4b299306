package org.copkit.spi;

import java.util.List;

/**
 * The ordered, durable sequence of changes. Readers (the search indexer, other nodes) follow it from
 * a cursor: {@code after(lastSeen, n)} never skips a change, even one whose transaction started
 * earlier and committed later than a change already returned.
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
}
