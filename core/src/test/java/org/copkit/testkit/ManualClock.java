package org.copkit.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A UTC clock that stands still until a test or benchmark moves it forward; for kits whose rules depend
 * on time (review dates, digest periods, session starts). Safe to read from many threads while one
 * thread moves it.
 */
public class ManualClock extends Clock {
    private volatile Instant now;

    /** @param start the instant the clock shows until it is moved, not null */
    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /**
     * Moves the clock forward.
     *
     * @param d how far, not negative
     * @throws IllegalArgumentException for a negative duration
     */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward, not by " + d);
        }
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** @throws UnsupportedOperationException always: the clock is UTC only */
    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is UTC only");
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public long millis() {
        return now.toEpochMilli();
    }
}
