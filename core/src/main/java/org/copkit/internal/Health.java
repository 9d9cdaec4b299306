package org.copkit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.copkit.InvalidInputException;
import org.copkit.access.AccessRequest;
import org.copkit.access.Action;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.MembershipState;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationKind;
import org.copkit.conversation.ConversationStatus;
import org.copkit.conversation.Post;
import org.copkit.conversation.PostKind;
import org.copkit.health.HealthReport;
import org.copkit.health.HealthService;
import org.copkit.health.QuestionHealth;
import org.copkit.health.SessionAttendance;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.MemberId;
import org.copkit.participation.Level;
import org.copkit.participation.ParticipationLevel;
import org.copkit.session.Rsvp;
import org.copkit.session.RsvpResponse;
import org.copkit.session.Session;
import org.copkit.spi.MembershipKey;
import org.copkit.value.ValueCycle;
import org.copkit.value.ValueStory;

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
            Period period = new Period(from, to);
            Map<Level, Integer> byLevel = new EnumMap<>(Level.class);
            int newcomers = 0;
            for (Membership m : StoreReads.all(p -> call.tx.memberships().listByCommunity(community,
                    Set.of(MembershipState.ACTIVE), p))) {
                Level level = call.tx.participationLevels().find(new MembershipKey(community, m.member()))
                        .map(ParticipationLevel::level).orElse(Level.PERIPHERAL);
                byLevel.merge(level, 1, Integer::sum);
                newcomers += m.joinedAt().filter(period::contains).isPresent() ? 1 : 0;
            }
            return new HealthReport(community, from, to, call.now, byLevel, newcomers, questions(call, c, period),
                    itemsPublished(call, c, period), itemsStale(call, c), sessions(call, c, period),
                    valueStories(call, c, period));
        });
    }

    private record Period(Instant from, Instant to) {
        boolean contains(Instant t) {
            return !t.isBefore(from) && t.isBefore(to);
        }
    }

    private static QuestionHealth questions(Call call, Community c, Period period) {
        List<Conversation> questions = StoreReads.all(p -> call.tx.conversations().listByCommunity(c.id(),
                Set.of(ConversationKind.QUESTION), Set.of(), p)).stream()
                .filter(q -> call.actor.canSee(q.visibility())).toList();
        int asked = 0;
        int unanswered = 0;
        List<Duration> waits = new ArrayList<>();
        for (Conversation q : questions) {
            if (!q.createdAt().isBefore(period.to())) {
                continue;
            }
            // posts are read with their conversation's visibility, so every answer of a visible question counts
            Optional<Instant> first = StoreReads.all(p -> call.tx.posts().listByConversation(q.id(), p)).stream()
                    .filter(a -> a.kind() == PostKind.ANSWER && a.createdAt().isBefore(period.to()))
                    .map(Post::createdAt).min(Comparator.naturalOrder());
            if (period.contains(q.createdAt())) {
                asked++;
                // an answer merged from a duplicate may predate the question: it counts as immediate
                first.ifPresent(t -> waits.add(t.isAfter(q.createdAt()) ? Duration.between(q.createdAt(), t)
                        : Duration.ZERO));
            }
            boolean closed = q.status() == ConversationStatus.CLOSED
                    || q.status() == ConversationStatus.CLOSED_DUPLICATE;
            if (first.isEmpty() && !closed) {
                unanswered++;
            }
        }
        return new QuestionHealth(asked, waits.size(), unanswered, median(waits));
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

    private static List<KnowledgeItem> visibleItems(Call call, Community c) {
        return StoreReads.all(p -> call.tx.items().listByCommunity(c.id(), Optional.empty(), Set.of(), p)).stream()
                .filter(i -> call.actor.canSee(i.visibility())).toList();
    }

    private static int itemsPublished(Call call, Community c, Period period) {
        return (int) visibleItems(call, c).stream().filter(i -> i.publishedAt().filter(period::contains).isPresent())
                .count();
    }

    private static int itemsStale(Call call, Community c) {
        return (int) visibleItems(call, c).stream().filter(i -> i.status() == ItemStatus.NEEDS_REVIEW
                || (i.status() == ItemStatus.PUBLISHED && i.reviewBy().filter(r -> r.isBefore(call.now)).isPresent()))
                .count();
    }

    private static List<SessionAttendance> sessions(Call call, Community c, Period period) {
        List<SessionAttendance> out = new ArrayList<>();
        for (Session s : StoreReads.all(p -> call.tx.sessions().listByCommunity(c.id(), false, p))) {
            if (s.cancelled() || !period.contains(s.start()) || !s.start().isBefore(call.now)
                    || !call.actor.canSee(s.visibility())) {
                continue;
            }
            int going = (int) call.tx.rsvps().listBySession(s.id()).stream()
                    .filter(r -> r.response() == RsvpResponse.GOING).filter(Rsvp::confirmed).count();
            int checkedIn = call.tx.attendances().listBySession(s.id()).size();
            out.add(new SessionAttendance(s.id(), s.title(), s.start(), going, checkedIn));
        }
        return out;
    }

    private static Map<ValueCycle, Integer> valueStories(Call call, Community c, Period period) {
        Map<ValueCycle, Integer> byCycle = new EnumMap<>(ValueCycle.class);
        for (ValueStory s : StoreReads.all(p -> call.tx.valueStories().listByCommunity(c.id(), p))) {
            if (period.contains(s.createdAt()) && call.actor.canSee(s.visibility())) {
                byCycle.merge(s.cycle(), 1, Integer::sum);
            }
        }
        return byCycle;
    }

    @Override
    public String toString() {
        return "Health[" + actor + "]";
    }
}
