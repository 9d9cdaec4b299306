package org.copkit.spi;

import java.time.Clock;
import org.copkit.internal.TimeOrderedIds;

/**
 * Makes new ids for generated aggregates. Ids must be unique; ids that sort by creation time (as the
 * default) make keyset listings come out oldest first. Thread-safe.
 */
@FunctionalInterface
public interface IdGenerator {
    /** @return a new unique id, 1 to 128 characters without white space */
    String next();

    /**
     * The default: 26-character ids (48 bits of clock milliseconds, 80 random bits, Crockford base 32)
     * that sort by creation time.
     *
     * @param clock the clock for the time part
     * @return the generator
     */
    static IdGenerator timeOrdered(Clock clock) {
        return new TimeOrderedIds(clock);
    }
}
