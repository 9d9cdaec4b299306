package org.copkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it. Thread-safe enough for single-threaded tests. */
public final class TestClock extends Clock {
    /** 2025-03-01T09:00:00Z, the moment every test starts at. */
    public static final Instant START = Instant.parse("2025-03-01T09:00:00Z");

    private volatile Instant now;

    private TestClock(Instant now) {
        this.now = now;
    }

    /** @return a clock at {@link #START} */
    public static TestClock atStart() {
        return new TestClock(START);
    }

    /** Moves the clock forward. */
    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("TestClock is UTC only");
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
