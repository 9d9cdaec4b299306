package org.copkit.participation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.copkit.InvalidInputException;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.access.Visibility;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.member.MemberId;
import org.junit.jupiter.api.Test;

class DefaultParticipationRulesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);
    private static final Instant NOW = CLOCK.instant();
    private final ParticipationRules rules = ParticipationRules.defaults();

    private static Activity act(Verb verb, Instant at) {
        return new Activity(0, MemberId.of("anna"), verb, new Ref(ObjectType.KNOWLEDGE_ITEM, "i-1"), Optional.empty(),
                Optional.empty(), at, Visibility.platform(), Map.of());
    }

    private static List<Activity> times(int n, Verb verb, Instant at) {
        List<Activity> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(act(verb, at));
        }
        return out;
    }

    @Test
    void noActivity_isPeripheral() {
        assertThat(rules.level(Map.of())).isEqualTo(Level.PERIPHERAL);
        assertThat(rules.level(List.of(), NOW)).isEqualTo(Level.PERIPHERAL);
    }

    @Test
    void defaultWindow_isNinetyDaysBeforeNow() {
        assertThat(rules.windowStart(NOW)).isEqualTo(NOW.minus(Duration.ofDays(90)));
    }

    @Test
    void contributionsWeighMoreThanViews() {
        // 9 views: score 9, below ACTIVE (10); 3 items created + 1 view: score 10
        assertThat(rules.level(Map.of(Verb.VIEWED, 9L))).isEqualTo(Level.PERIPHERAL);
        assertThat(rules.level(Map.of(Verb.CREATED, 3L, Verb.VIEWED, 1L))).isEqualTo(Level.ACTIVE);
    }

    @Test
    void scoreReachingCoreThreshold_isCore() {
        assertThat(rules.level(Map.of(Verb.PUBLISHED, 13L))).isEqualTo(Level.ACTIVE); // 39
        assertThat(rules.level(Map.of(Verb.PUBLISHED, 13L, Verb.VIEWED, 1L))).isEqualTo(Level.CORE); // 40
    }

    @Test
    void unweightedVerbs_countNothing() {
        assertThat(rules.level(Map.of(Verb.JOINED, 100L, Verb.ROLE_CHANGED, 100L, Verb.LEVEL_CHANGED, 100L)))
                .isEqualTo(Level.PERIPHERAL);
    }

    @Test
    void activitiesOutsideTheWindow_doNotCount() {
        Instant tooOld = NOW.minus(Duration.ofDays(90)).minusSeconds(1);
        Instant edge = NOW.minus(Duration.ofDays(90));
        assertThat(rules.level(times(20, Verb.CREATED, tooOld), NOW)).isEqualTo(Level.PERIPHERAL);
        assertThat(rules.level(times(4, Verb.CREATED, edge), NOW)).isEqualTo(Level.ACTIVE);
        assertThat(rules.level(times(20, Verb.CREATED, NOW.plusSeconds(1)), NOW)).isEqualTo(Level.PERIPHERAL);
    }

    @Test
    void levelFallsWhenTheFixedClockMovesPastTheWindow() {
        List<Activity> burst = times(14, Verb.CREATED, NOW); // score 42
        assertThat(rules.level(burst, NOW)).isEqualTo(Level.CORE);
        Clock later = Clock.offset(CLOCK, Duration.ofDays(91));
        assertThat(rules.level(burst, later.instant())).isEqualTo(Level.PERIPHERAL);
    }

    @Test
    void weightsMatchVerbsByName_soConfiguredFutureVerbsNeedOnlyTheTable() {
        ParticipationRules custom = ParticipationRules.of(ParticipationConfig.defaults()
                .withWeight("VIEWED", 0).withWeight("SOME_FUTURE_VERB", 7).withThresholds(1, 2));
        assertThat(custom.level(Map.of(Verb.VIEWED, 1_000L))).isEqualTo(Level.PERIPHERAL);
        assertThat(ParticipationConfig.defaults().weight("ANSWERED")).isEqualTo(4);
        assertThat(ParticipationConfig.defaults().weight("SOME_FUTURE_VERB")).isZero();
        assertThat(custom.level(Map.of(Verb.EDITED, 1L))).isEqualTo(Level.CORE);
    }

    @Test
    void customWindowAndThresholds_apply() {
        ParticipationRules weekly = ParticipationRules.of(
                ParticipationConfig.defaults().withWindow(Duration.ofDays(7)).withThresholds(3, 6));
        assertThat(weekly.windowStart(NOW)).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(weekly.level(times(1, Verb.CREATED, NOW.minus(Duration.ofDays(6))), NOW)).isEqualTo(Level.ACTIVE);
        assertThat(weekly.level(times(1, Verb.CREATED, NOW.minus(Duration.ofDays(8))), NOW))
                .isEqualTo(Level.PERIPHERAL);
    }

    @Test
    void hugeCounts_saturateInsteadOfOverflowing() {
        assertThat(rules.level(Map.of(Verb.PUBLISHED, Long.MAX_VALUE, Verb.CREATED, Long.MAX_VALUE)))
                .isEqualTo(Level.CORE);
    }

    @Test
    void config_rejectsBadSettings_namingTheField() {
        ParticipationConfig d = ParticipationConfig.defaults();
        assertThatThrownBy(() -> d.withWindow(Duration.ofHours(1))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("participation.window");
        assertThatThrownBy(() -> d.withThresholds(10, 5)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("participation.coreScore");
        assertThatThrownBy(() -> d.withThresholds(0, 5)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("participation.activeScore");
        assertThatThrownBy(() -> d.withWeight("CREATED", -1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("participation.weights[CREATED]");
        assertThatThrownBy(() -> d.withWeight("has space", 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("participation.weights key");
    }
}
