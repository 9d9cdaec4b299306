package org.copkit.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.access.Actor;
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
import org.copkit.health.QuestionHealth;
import org.copkit.health.SessionAttendance;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.participation.Level;
import org.copkit.participation.ParticipationLevel;
import org.copkit.session.Rsvp;
import org.copkit.session.RsvpResponse;
import org.copkit.session.Session;
import org.copkit.spi.MembershipKey;
import org.copkit.spi.Transaction;
import org.copkit.value.ValueCycle;
import org.copkit.value.ValueStory;

/**
 * The health report as CoPKit computed it before version 0.6 (object by object from the repositories'
 * listings), kept as the test oracle of the aggregate implementation: {@link HealthContract} checks that
 * both give the same report. Reads every active membership with its level, every question with its posts,
 * every item (twice), every session with its answers and check-ins and every value story. Stateless.
 */
public final class HealthOracle {
    private HealthOracle() {}

    /**
     * The report as {@code HealthService.report} defines it, without the access check.
     *
     * @param tx a transaction of the storage
     * @param actor the reader
     * @param c the community
     * @param from start of the period (inclusive)
     * @param to end of the period (exclusive)
     * @param now the clock reading of the report
     * @return the report
     */
    public static HealthReport report(Transaction tx, Actor actor, Community c, Instant from, Instant to,
            Instant now) {
        CommunityId community = c.id();
        Period period = new Period(from, to);
        Map<Level, Integer> byLevel = new EnumMap<>(Level.class);
        int newcomers = 0;
        for (Membership m : all(p -> tx.memberships().listByCommunity(community,
                Set.of(MembershipState.ACTIVE), p))) {
            Level level = tx.participationLevels().find(new MembershipKey(community, m.member()))
                    .map(ParticipationLevel::level).orElse(Level.PERIPHERAL);
            byLevel.merge(level, 1, Integer::sum);
            newcomers += m.joinedAt().filter(period::contains).isPresent() ? 1 : 0;
        }
        return new HealthReport(community, from, to, now, byLevel, newcomers, questions(tx, actor, now, c, period),
                itemsPublished(tx, actor, now, c, period), itemsStale(tx, actor, now, c),
                sessions(tx, actor, now, c, period), valueStories(tx, actor, now, c, period));
    }

    private static <T> List<T> all(Function<PageRequest, Page<T>> list) {
        List<T> out = new ArrayList<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<T> p = list.apply(page);
            out.addAll(p.items());
            if (p.next().isEmpty()) {
                return out;
            }
            page = page.after(p.next().get());
        }
    }

    private record Period(Instant from, Instant to) {
        boolean contains(Instant t) {
            return !t.isBefore(from) && t.isBefore(to);
        }
    }

    private static QuestionHealth questions(Transaction tx, Actor actor, Instant now, Community c, Period period) {
        List<Conversation> questions = all(p -> tx.conversations().listByCommunity(c.id(),
                Set.of(ConversationKind.QUESTION), Set.of(), p)).stream()
                .filter(q -> actor.canSee(q.visibility())).toList();
        int asked = 0;
        int unanswered = 0;
        List<Duration> waits = new ArrayList<>();
        for (Conversation q : questions) {
            if (!q.createdAt().isBefore(period.to())) {
                continue;
            }
            // posts are read with their conversation's visibility, so every answer of a visible question counts
            Optional<Instant> first = all(p -> tx.posts().listByConversation(q.id(), p)).stream()
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

    private static List<KnowledgeItem> visibleItems(Transaction tx, Actor actor, Instant now, Community c) {
        return all(p -> tx.items().listByCommunity(c.id(), Optional.empty(), Set.of(), p)).stream()
                .filter(i -> actor.canSee(i.visibility())).toList();
    }

    private static int itemsPublished(Transaction tx, Actor actor, Instant now, Community c, Period period) {
        return (int) visibleItems(tx, actor, now, c).stream().filter(i -> i.publishedAt().filter(period::contains).isPresent())
                .count();
    }

    private static int itemsStale(Transaction tx, Actor actor, Instant now, Community c) {
        return (int) visibleItems(tx, actor, now, c).stream().filter(i -> i.status() == ItemStatus.NEEDS_REVIEW
                || (i.status() == ItemStatus.PUBLISHED && i.reviewBy().filter(r -> r.isBefore(now)).isPresent()))
                .count();
    }

    private static List<SessionAttendance> sessions(Transaction tx, Actor actor, Instant now, Community c, Period period) {
        List<SessionAttendance> out = new ArrayList<>();
        for (Session s : all(p -> tx.sessions().listByCommunity(c.id(), false, p))) {
            if (s.cancelled() || !period.contains(s.start()) || !s.start().isBefore(now)
                    || !actor.canSee(s.visibility())) {
                continue;
            }
            int going = (int) tx.rsvps().listBySession(s.id()).stream()
                    .filter(r -> r.response() == RsvpResponse.GOING).filter(Rsvp::confirmed).count();
            int checkedIn = tx.attendances().listBySession(s.id()).size();
            out.add(new SessionAttendance(s.id(), s.title(), s.start(), going, checkedIn));
        }
        return out;
    }

    private static Map<ValueCycle, Integer> valueStories(Transaction tx, Actor actor, Instant now, Community c, Period period) {
        Map<ValueCycle, Integer> byCycle = new EnumMap<>(ValueCycle.class);
        for (ValueStory s : all(p -> tx.valueStories().listByCommunity(c.id(), p))) {
            if (period.contains(s.createdAt()) && actor.canSee(s.visibility())) {
                byCycle.merge(s.cycle(), 1, Integer::sum);
            }
        }
        return byCycle;
    }

}
