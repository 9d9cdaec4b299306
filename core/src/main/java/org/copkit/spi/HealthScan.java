package org.copkit.spi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.MembershipState;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationKind;
import org.copkit.conversation.ConversationStatus;
import org.copkit.conversation.Post;
import org.copkit.conversation.PostKind;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.MemberId;
import org.copkit.participation.Level;
import org.copkit.participation.ParticipationLevel;
import org.copkit.session.Rsvp;
import org.copkit.session.RsvpResponse;
import org.copkit.session.Session;
import org.copkit.spi.HealthFacts.VisibilityGroup;
import org.copkit.value.ValueCycle;
import org.copkit.value.ValueStory;

/**
 * {@link Transaction#healthFacts} from the repositories' listings: reads every active membership with its
 * level, every question with its posts, every item, every session with its answers and check-ins and
 * every value story of the community. Exact for any backend; a backend with indexes answers with
 * aggregate queries instead.
 */
final class HealthScan {
    private HealthScan() {}

    static HealthFacts facts(Transaction tx, CommunityId community, MemberId reader, Instant from, Instant to,
            Instant now) {
        Map<Level, Integer> byLevel = new EnumMap<>(Level.class);
        int newcomers = 0;
        for (Membership m : all(p -> tx.memberships().listByCommunity(community, Set.of(MembershipState.ACTIVE),
                p))) {
            Level level = tx.participationLevels().find(new MembershipKey(community, m.member()))
                    .map(ParticipationLevel::level).orElse(Level.PERIPHERAL);
            byLevel.merge(level, 1, Integer::sum);
            newcomers += m.joinedAt().filter(t -> in(t, from, to)).isPresent() ? 1 : 0;
        }
        List<HealthFacts.AskedQuestion> asked = new ArrayList<>();
        Map<VisibilityGroup, Integer> unanswered = new LinkedHashMap<>();
        for (Conversation q : all(p -> tx.conversations().listByCommunity(community,
                Set.of(ConversationKind.QUESTION), Set.of(), p))) {
            if (!q.createdAt().isBefore(to)) {
                continue;
            }
            Optional<Instant> first = all(p -> tx.posts().listByConversation(q.id(), p)).stream()
                    .filter(a -> a.kind() == PostKind.ANSWER && a.createdAt().isBefore(to))
                    .map(Post::createdAt).min(Comparator.naturalOrder());
            VisibilityGroup group = VisibilityGroup.of(q.visibility(), reader);
            if (in(q.createdAt(), from, to)) {
                asked.add(new HealthFacts.AskedQuestion(q.id(), q.createdAt(), first, group));
            }
            boolean closed = q.status() == ConversationStatus.CLOSED
                    || q.status() == ConversationStatus.CLOSED_DUPLICATE;
            if (first.isEmpty() && !closed) {
                unanswered.merge(group, 1, Integer::sum);
            }
        }
        Map<VisibilityGroup, Integer> published = new LinkedHashMap<>();
        Map<VisibilityGroup, Integer> stale = new LinkedHashMap<>();
        for (KnowledgeItem i : all(p -> tx.items().listByCommunity(community, Optional.empty(), Set.of(), p))) {
            VisibilityGroup group = VisibilityGroup.of(i.visibility(), reader);
            if (i.publishedAt().filter(t -> in(t, from, to)).isPresent()) {
                published.merge(group, 1, Integer::sum);
            }
            if (i.status() == ItemStatus.NEEDS_REVIEW || (i.status() == ItemStatus.PUBLISHED
                    && i.reviewBy().filter(r -> r.isBefore(now)).isPresent())) {
                stale.merge(group, 1, Integer::sum);
            }
        }
        List<HealthFacts.HeldSession> sessions = new ArrayList<>();
        for (Session s : all(p -> tx.sessions().listByCommunity(community, false, p))) {
            if (s.cancelled() || !in(s.start(), from, to) || !s.start().isBefore(now)) {
                continue;
            }
            int going = (int) tx.rsvps().listBySession(s.id()).stream()
                    .filter(r -> r.response() == RsvpResponse.GOING).filter(Rsvp::confirmed).count();
            int checkedIn = tx.attendances().listBySession(s.id()).size();
            sessions.add(new HealthFacts.HeldSession(s.id(), s.title(), s.start(),
                    VisibilityGroup.of(s.visibility(), reader), going, checkedIn));
        }
        Map<ValueCycle, Map<VisibilityGroup, Integer>> stories = new EnumMap<>(ValueCycle.class);
        for (ValueStory s : all(p -> tx.valueStories().listByCommunity(community, p))) {
            if (in(s.createdAt(), from, to)) {
                stories.computeIfAbsent(s.cycle(), c -> new LinkedHashMap<>())
                        .merge(VisibilityGroup.of(s.visibility(), reader), 1, Integer::sum);
            }
        }
        return new HealthFacts(new HealthFacts.Members(byLevel, newcomers),
                new HealthFacts.Questions(asked, unanswered), new HealthFacts.Items(published, stale), sessions,
                stories);
    }

    private static boolean in(Instant t, Instant from, Instant to) {
        return !t.isBefore(from) && t.isBefore(to);
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
}
