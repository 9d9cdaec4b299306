package org.copkit.participation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.copkit.InvalidInputException;
import org.copkit.internal.Checks;

/**
 * Settings of the default {@link ParticipationRules}: a rolling window, a weight per activity verb and
 * two score thresholds. A member's score is the sum, over the activities they performed in the
 * community within the window, of the weight of each activity's verb; verbs are matched by
 * {@linkplain Enum#name() name}, so a weight may name a verb before it exists and verbs not in the table
 * weigh 0. Start from {@link #defaults()} and change it with the {@code with...} methods.
 *
 * @param window how far back activity counts, 1 day to 10 years
 * @param weights weight per verb name (upper-case ids such as {@code CREATED}), each 0 to 1,000; at most 100
 * @param activeScore the score from which a member is {@link Level#ACTIVE}, at least 1
 * @param coreScore the score from which a member is {@link Level#CORE}, at least {@code activeScore}
 */
public record ParticipationConfig(Duration window, Map<String, Integer> weights, int activeScore, int coreScore) {
    /** Validates and copies. */
    public ParticipationConfig {
        Checks.present("participation.window", window);
        if (window.compareTo(Duration.ofDays(1)) < 0 || window.compareTo(Duration.ofDays(3_653)) > 0) {
            throw new InvalidInputException("participation.window must be 1 day to 10 years but was " + window);
        }
        Checks.present("participation.weights", weights);
        if (weights.size() > 100) {
            throw new InvalidInputException("participation.weights may name at most 100 verbs but named "
                    + weights.size());
        }
        weights.forEach((verb, weight) -> {
            Checks.id("participation.weights key", verb);
            Checks.present("participation.weights[" + verb + "]", weight);
            Checks.range("participation.weights[" + verb + "]", weight, 0, 1_000);
        });
        weights = Map.copyOf(weights);
        Checks.range("participation.activeScore", activeScore, 1, Integer.MAX_VALUE);
        if (coreScore < activeScore) {
            throw new InvalidInputException("participation.coreScore must be at least activeScore " + activeScore
                    + " but was " + coreScore);
        }
    }

    /**
     * The defaults: a 90-day window; weights VIEWED 1, SUBMITTED 1, REJECTED 1, RESTORED 1, ENDORSED 1,
     * EDITED 2, APPROVED 2, COMMENTED 2, CHECKED_IN 2, CREATED 3, PUBLISHED 3, ASKED 3, ANSWERED 4 (every
     * other verb 0: joining, role changes and level changes do not count); ACTIVE from score 10 (for
     * example three items created and a view), CORE from score 40.
     *
     * @return the default settings
     */
    public static ParticipationConfig defaults() {
        Map<String, Integer> w = new LinkedHashMap<>();
        for (String v : new String[] {"VIEWED", "SUBMITTED", "REJECTED", "RESTORED", "ENDORSED"}) {
            w.put(v, 1);
        }
        for (String v : new String[] {"EDITED", "APPROVED", "COMMENTED", "CHECKED_IN"}) {
            w.put(v, 2);
        }
        for (String v : new String[] {"CREATED", "PUBLISHED", "ASKED"}) {
            w.put(v, 3);
        }
        w.put("ANSWERED", 4);
        return new ParticipationConfig(Duration.ofDays(90), w, 10, 40);
    }

    /** @return a copy with another window */
    public ParticipationConfig withWindow(Duration window) {
        return new ParticipationConfig(window, weights, activeScore, coreScore);
    }

    /**
     * @param verb a verb name, existing or not yet
     * @param weight its weight, 0 to 1,000
     * @return a copy with that verb's weight set
     */
    public ParticipationConfig withWeight(String verb, int weight) {
        Map<String, Integer> w = new LinkedHashMap<>(weights);
        w.put(verb, weight);
        return new ParticipationConfig(window, w, activeScore, coreScore);
    }

    /** @return a copy with other thresholds */
    public ParticipationConfig withThresholds(int activeScore, int coreScore) {
        return new ParticipationConfig(window, weights, activeScore, coreScore);
    }

    /** @return the weight of a verb name, 0 when the table does not name it */
    public int weight(String verb) {
        return weights.getOrDefault(verb, 0);
    }
}
