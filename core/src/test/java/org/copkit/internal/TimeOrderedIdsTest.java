package org.copkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.copkit.RuleFixtures;
import org.copkit.member.MemberId;
import org.junit.jupiter.api.Test;

/** {@link TimeOrderedIds}: 26-character, unique ids that sort by creation time. */
class TimeOrderedIdsTest {
    private static final String CROCKFORD = "[0-9A-HJKMNP-TV-Z]{26}";

    /** A clock that the test moves forward by hand. */
    private static final class SteppingClock extends Clock {
        private Instant now;

        SteppingClock(Instant start) {
            this.now = start;
        }

        void advanceMillis(long millis) {
            now = now.plusMillis(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void next_makes26CrockfordCharacters_thatAreValidIds() {
        String id = new TimeOrderedIds(RuleFixtures.CLOCK).next();

        assertThat(id).hasSize(26).matches(CROCKFORD);
        assertThat(MemberId.of(id).value()).isEqualTo(id);
    }

    @Test
    void next_isUniqueAndStrictlyIncreasing_over100000CallsInTheSameMillisecond() {
        TimeOrderedIds ids = new TimeOrderedIds(Clock.fixed(RuleFixtures.NOW, ZoneOffset.UTC));
        Set<String> seen = new HashSet<>();
        String previous = "";
        for (int i = 0; i < 100_000; i++) {
            String id = ids.next();
            assertThat(id).hasSize(26);
            assertThat(id.compareTo(previous)).as("id %d %s after %s", i, id, previous).isPositive();
            seen.add(id);
            previous = id;
        }
        assertThat(seen).hasSize(100_000);
    }

    @Test
    void next_startsWithTheSameTimePrefix_withinOneMillisecond() {
        TimeOrderedIds ids = new TimeOrderedIds(RuleFixtures.CLOCK);

        assertThat(ids.next().substring(0, 10)).isEqualTo(ids.next().substring(0, 10));
    }

    @Test
    void next_isStrictlyIncreasing_acrossMilliseconds() {
        SteppingClock clock = new SteppingClock(RuleFixtures.NOW);
        TimeOrderedIds ids = new TimeOrderedIds(clock);
        String previous = "";
        for (int i = 0; i < 10_000; i++) {
            if (i % 7 == 0) {
                clock.advanceMillis(1);
            }
            String id = ids.next();
            assertThat(id.compareTo(previous)).as("id %d", i).isPositive();
            previous = id;
        }
    }

    @Test
    void next_keepsIncreasing_whenTheClockGoesBackwards() {
        SteppingClock clock = new SteppingClock(RuleFixtures.NOW);
        TimeOrderedIds ids = new TimeOrderedIds(clock);
        String before = ids.next();

        clock.advanceMillis(-5_000);

        assertThat(ids.next()).isGreaterThan(before);
    }

    @Test
    void ids_sortByCreationTime_acrossGenerators() {
        SteppingClock clock = new SteppingClock(RuleFixtures.NOW);
        List<TimeOrderedIds> generators = List.of(new TimeOrderedIds(clock), new TimeOrderedIds(clock),
                new TimeOrderedIds(clock));
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            clock.advanceMillis(1);
            created.add(generators.get(i % 3).next());
        }

        List<String> sorted = new ArrayList<>(created);
        sorted.sort(null);

        assertThat(sorted).containsExactlyElementsOf(created);
    }

    @Test
    void timePrefix_encodesTheMilliseconds() {
        String early = new TimeOrderedIds(Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC)).next();
        String late = new TimeOrderedIds(Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC)).next();
        String epoch = new TimeOrderedIds(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).next();

        assertThat(early.substring(0, 10)).isLessThan(late.substring(0, 10));
        assertThat(epoch).startsWith("0000000000");
    }
}
