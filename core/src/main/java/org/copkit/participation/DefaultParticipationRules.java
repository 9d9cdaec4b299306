package org.copkit.participation;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.copkit.activity.Verb;

/** Weighted rules over a {@link ParticipationConfig}. */
final class DefaultParticipationRules implements ParticipationRules {
    static final DefaultParticipationRules DEFAULTS = new DefaultParticipationRules(ParticipationConfig.defaults());

    private final ParticipationConfig config;

    DefaultParticipationRules(ParticipationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Instant windowStart(Instant now) {
        return now.minus(config.window());
    }

    @Override
    public Level level(Map<Verb, Long> counts) {
        long score = 0;
        for (Map.Entry<Verb, Long> e : counts.entrySet()) {
            score = saturatedAdd(score, saturatedMultiply(e.getValue(), config.weight(e.getKey().name())));
        }
        if (score >= config.coreScore()) {
            return Level.CORE;
        }
        return score >= config.activeScore() ? Level.ACTIVE : Level.PERIPHERAL;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    private static long saturatedMultiply(long count, int weight) {
        if (count <= 0 || weight == 0) {
            return 0;
        }
        return count > Long.MAX_VALUE / weight ? Long.MAX_VALUE : count * weight;
    }

    @Override
    public String toString() {
        return "ParticipationRules" + config;
    }
}
