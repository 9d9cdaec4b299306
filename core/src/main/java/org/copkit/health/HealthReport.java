package org.copkit.health;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.copkit.InvalidInputException;
import org.copkit.community.CommunityId;
import org.copkit.internal.Checks;
import org.copkit.participation.Level;
import org.copkit.value.ValueCycle;

/**
 * The health of one community over a half-open period {@code [from, to)}, as one reader may see it.
 *
 * @param community the community
 * @param from start of the period (inclusive)
 * @param to end of the period (exclusive)
 * @param at when the report was made (the kit's clock)
 * @param membersByLevel active members by their stored participation level (PERIPHERAL when none is
 *     stored yet); every level present, in level order
 * @param newcomers active members who (last) joined in the period
 * @param questions questions asked, answered and unanswered, and the median time to a first answer
 * @param itemsPublished knowledge items first published in the period, whatever their status now
 * @param itemsStale knowledge items stale at {@code at}: NEEDS_REVIEW, or PUBLISHED with a review-by
 *     date before {@code at}
 * @param sessions sessions started in the period and before {@code at}, not cancelled, ordered by start
 *     then id
 * @param valueStories value stories recorded in the period by cycle; every cycle present, in cycle order
 */
public record HealthReport(CommunityId community, Instant from, Instant to, Instant at,
        Map<Level, Integer> membersByLevel, int newcomers, QuestionHealth questions, int itemsPublished,
        int itemsStale, List<SessionAttendance> sessions, Map<ValueCycle, Integer> valueStories) {
    /** Validates and copies; fills missing levels and cycles with 0. */
    public HealthReport {
        Checks.present("report.community", community);
        Checks.present("report.from", from);
        Checks.present("report.to", to);
        Checks.present("report.at", at);
        if (!to.isAfter(from)) {
            throw new InvalidInputException("report.to must be after report.from (" + from + ") but was " + to);
        }
        membersByLevel = complete("report.membersByLevel", membersByLevel, Level.class);
        Checks.range("report.newcomers", newcomers, 0, Integer.MAX_VALUE);
        Checks.present("report.questions", questions);
        Checks.range("report.itemsPublished", itemsPublished, 0, Integer.MAX_VALUE);
        Checks.range("report.itemsStale", itemsStale, 0, Integer.MAX_VALUE);
        sessions = Checks.list("report.sessions", sessions, Integer.MAX_VALUE);
        valueStories = complete("report.valueStories", valueStories, ValueCycle.class);
    }

    private static <K extends Enum<K>> Map<K, Integer> complete(String field, Map<K, Integer> counts, Class<K> type) {
        Checks.present(field, counts);
        EnumMap<K, Integer> all = new EnumMap<>(type);
        for (K k : type.getEnumConstants()) {
            Integer stored = counts.get(k);
            int n = stored == null ? 0 : stored;
            Checks.range(field + "[" + k + "]", n, 0, Integer.MAX_VALUE);
            all.put(k, n);
        }
        return Collections.unmodifiableMap(all);
    }

    /** @return how many members are active in the community */
    public int activeMembers() {
        return membersByLevel.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** @return members checked in over all sessions held in the period */
    public int checkedIn() {
        return sessions.stream().mapToInt(SessionAttendance::checkedIn).sum();
    }

    /** @return GOING answers with a seat over all sessions held in the period */
    public int going() {
        return sessions.stream().mapToInt(SessionAttendance::going).sum();
    }
}
