package org.copkit.examples.portal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock, shifted by an offset that only the demo loader changes: it plays the demo's history
 * (a year of community life) at past instants and then returns to the present. Once the demo is loaded
 * the offset is zero and this is the system clock.
 */
public final class DemoClock extends Clock {
    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    /** @param base the real clock; never null */
    public DemoClock(Clock base) {
        this.base = java.util.Objects.requireNonNull(base, "base");
    }

    /** @return a demo clock over the system UTC clock */
    public static DemoClock system() {
        return new DemoClock(Clock.systemUTC());
    }

    /**
     * Makes the clock read {@code realNow + offset}.
     *
     * @param offset the shift; negative for the past; never null
     */
    public void shift(Duration offset) {
        this.offset = java.util.Objects.requireNonNull(offset, "offset");
    }

    /** @return the real instant, without the demo shift */
    public Instant realNow() {
        return base.instant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the demo clock is always UTC");
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }
}
