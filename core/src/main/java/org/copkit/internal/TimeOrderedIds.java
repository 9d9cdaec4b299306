package org.copkit.internal;

import java.security.SecureRandom;
import java.time.Clock;
import org.copkit.spi.IdGenerator;

/**
 * ULID-style ids: 10 characters of milliseconds and 16 random characters in Crockford base 32.
 * Within one millisecond the random part is incremented, so ids from one generator strictly increase.
 */
public final class TimeOrderedIds implements IdGenerator {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private long hi; // 40 random bits
    private long lo; // 40 random bits

    /** @param clock the time source */
    public TimeOrderedIds(Clock clock) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized String next() {
        long millis = clock.millis();
        if (millis > lastMillis) {
            lastMillis = millis;
            hi = random.nextLong() & 0xFF_FFFF_FFFFL;
            lo = random.nextLong() & 0xFF_FFFF_FFFFL;
        } else {
            lo = (lo + 1) & 0xFF_FFFF_FFFFL;
            if (lo == 0) {
                hi = (hi + 1) & 0xFF_FFFF_FFFFL;
                if (hi == 0) {
                    lastMillis++; // overflow within one millisecond: borrow the next one
                }
            }
        }
        char[] out = new char[26];
        encode(lastMillis, out, 0, 10);
        encode(hi, out, 10, 8);
        encode(lo, out, 18, 8);
        return new String(out);
    }

    private static void encode(long value, char[] out, int offset, int chars) {
        for (int i = offset + chars - 1; i >= offset; i--) {
            out[i] = ALPHABET[(int) (value & 31)];
            value >>>= 5;
        }
    }
}
