package org.copkit.spi;

import java.time.Instant;
import org.copkit.Ref;

/**
 * One entry of the durable change feed: an aggregate reached a new version.
 *
 * @param sequence position in the feed; strictly increasing in commit order, gaps allowed
 * @param ref the changed aggregate
 * @param version its version after the change
 * @param at when the change was written (storage clock)
 */
public record Change(long sequence, Ref ref, long version, Instant at) {
}
