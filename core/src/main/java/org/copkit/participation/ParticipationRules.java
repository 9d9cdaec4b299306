package org.copkit.participation;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;

/**
 * Derives a member's {@link Level} in a community from what they did there recently. CoPKit counts
 * the member's activities in the community from {@link #windowStart} up to now, by verb, and asks
 * {@link #level(Map)}. Replace through {@code CopKit.builder().participationRules(...)} or a Guice
 * binding. Implementations are pure (no storage, no clock of their own) and thread-safe.
 */
public interface ParticipationRules {
    /**
     * @param now the moment of the recompute
     * @return the start of the rolling window: activities at or after it count
     */
    Instant windowStart(Instant now);

    /**
     * @param counts how many activities of each verb the member performed in the window; verbs not in
     *     the map did not occur; never null
     * @return the member's level
     */
    Level level(Map<Verb, Long> counts);

    /**
     * Counts the activities in the window ending at {@code now} (those after {@code now} are ignored too)
     * and maps the counts to a level. The activities must be the member's own, in one community.
     *
     * @param activities the member's activities, in any order
     * @param now the moment of the recompute
     * @return the member's level
     */
    default Level level(Collection<Activity> activities, Instant now) {
        Instant from = windowStart(now);
        Map<Verb, Long> counts = new EnumMap<>(Verb.class);
        for (Activity a : activities) {
            if (!a.at().isBefore(from) && !a.at().isAfter(now)) {
                counts.merge(a.verb(), 1L, Long::sum);
            }
        }
        return level(counts);
    }

    /** @return the rules documented on {@link ParticipationConfig#defaults()} */
    static ParticipationRules defaults() {
        return DefaultParticipationRules.DEFAULTS;
    }

    /**
     * @param config window, weights and thresholds
     * @return weighted rules with these settings
     */
    static ParticipationRules of(ParticipationConfig config) {
        return new DefaultParticipationRules(config);
    }
}
