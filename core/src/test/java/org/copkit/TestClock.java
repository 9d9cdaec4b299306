package org.copkit;

import java.time.Instant;

/** The clock of core's tests: a {@link org.copkit.testkit.ManualClock} at {@link #START}. */
public final class TestClock extends org.copkit.testkit.ManualClock {
    /** 2025-03-01T09:00:00Z, the moment every test starts at. */
    public static final Instant START = Instant.parse("2025-03-01T09:00:00Z");

    private TestClock(Instant now) {
        super(now);
    }

    /** @return a clock at {@link #START} */
    public static TestClock atStart() {
        return new TestClock(START);
    }
}
