package org.copkit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.copkit.InvalidInputException;
import org.copkit.access.AccessRequest;
import org.copkit.access.Action;
import org.copkit.access.ViewerScope;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.health.HealthReport;
import org.copkit.health.HealthService;
import org.copkit.health.QuestionHealth;
import org.copkit.health.SessionAttendance;
import org.copkit.member.MemberId;
import org.copkit.spi.HealthFacts;
import org.copkit.spi.HealthFacts.VisibilityGroup;
import org.copkit.value.ValueCycle;

/**
 * Health reports from the storage's aggregates ({@link org.copkit.spi.Transaction#healthFacts}): the
 * visibility rule is applied once per visibility group, not once per object; see
 * docs/decisions/0006-health-aggregates.md.
 */
final class Health implements HealthService {
    private final Engine engine;
    private final MemberId actor;

    Health(Engine engine, MemberId actor) {
        this.engine = engine;
        this.actor = actor;
    }

    @Override
    public HealthReport report(CommunityId community, Instant from, Instant to) {
        Checks.present("community", community);
        Checks.present("from", from);
        Checks.present("to", to);
        if (!to.isAfter(from)) {
            throw new InvalidInputException("to must be after from (" + from + ") but was " + to);
        }
        return engine.read(actor, call -> {
            Community c = Load.community(call.tx, community);
            call.check(AccessRequest.of(Action.VIEW_HEALTH).community(c));
            HealthFacts facts = call.tx.healthFacts(community, call.actor.member(), from, to, call.now);
            ViewerScope scope = call.actor.scope();
            MemberId reader = call.actor.member();
            Predicate<VisibilityGroup> visible = g -> scope.canSee(g.visibility(community, reader));
            List<SessionAttendance> sessions = facts.sessions().stream().filter(s -> visible.test(s.group()))
                    .map(s -> new SessionAttendance(s.id(), s.title(), s.start(), s.going(), s.checkedIn())).toList();
            Map<ValueCycle, Integer> stories = new EnumMap<>(ValueCycle.class);
            facts.valueStories().forEach((cycle, groups) -> stories.put(cycle, count(groups, visible)));
            return new HealthReport(community, from, to, call.now, facts.members().byLevel(),
                    facts.members().newcomers(), questions(facts.questions(), visible),
                    count(facts.items().published(), visible), count(facts.items().stale(), visible), sessions,
                    stories);
        });
    }

    private static int count(Map<VisibilityGroup, Integer> groups, Predicate<VisibilityGroup> visible) {
        return groups.entrySet().stream().filter(e -> visible.test(e.getKey())).mapToInt(Map.Entry::getValue).sum();
    }

    private static QuestionHealth questions(HealthFacts.Questions facts, Predicate<VisibilityGroup> visible) {
        int asked = 0;
        List<Duration> waits = new ArrayList<>();
        for (HealthFacts.AskedQuestion q : facts.asked()) {
            if (!visible.test(q.group())) {
                continue;
            }
            asked++;
            // an answer merged from a duplicate may predate the question: it counts as immediate
            q.firstAnswer().ifPresent(t -> waits.add(t.isAfter(q.createdAt()) ? Duration.between(q.createdAt(), t)
                    : Duration.ZERO));
        }
        return new QuestionHealth(asked, waits.size(), count(facts.unanswered(), visible), median(waits));
    }

    /** The middle value, or the mean of the two middle values, of the durations; empty for none. */
    static Optional<Duration> median(List<Duration> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return Optional.of(sorted.size() % 2 == 1 ? sorted.get(mid)
                : sorted.get(mid - 1).plus(sorted.get(mid)).dividedBy(2));
    }

    @Override
    public String toString() {
        return "Health[" + actor + "]";
    }
}
