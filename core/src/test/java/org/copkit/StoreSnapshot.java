package org.copkit;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.copkit.community.Community;
import org.copkit.community.MembershipState;
import org.copkit.domain.Domain;
import org.copkit.knowledge.ItemQuery;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.search.SearchQuery;
import org.copkit.search.SearchResult;
import org.copkit.spi.Change;
import org.copkit.spi.Storage;

/**
 * Everything a kit has stored, as seen by the system actor: organisations, members, domains and
 * competencies, communities with all memberships and practices, items with versions and every
 * revision, conversations, posts, their revisions and votes, sessions with RSVPs and attendance, review
 * tasks, participation levels, value stories, subscriptions, notification preferences and endorsements,
 * the whole activity log, the storage change feed and what search finds. Two snapshots
 * are equal exactly when nothing observable was written in between.
 *
 * @param sections named listings, in a fixed order
 */
public record StoreSnapshot(Map<String, List<?>> sections) {

    /** Takes a snapshot of a kit on the given storage. */
    public static StoreSnapshot of(CopKit kit, Storage storage) {
        CopKit.As sys = kit.system();
        Map<String, List<?>> s = new LinkedHashMap<>();
        s.put("organizations", all(p -> sys.organizations().list(p)));
        s.put("members", all(p -> sys.members().list(p)));
        List<Domain> domains = all(p -> sys.domains().list(p));
        s.put("domains", domains);
        for (Domain d : domains) {
            s.put("competencies of " + d.id(), all(p -> sys.domains().competencies(d.id(), p)));
        }
        List<Community> communities = all(p -> sys.communities().list(p));
        s.put("communities", communities);
        for (Community c : communities) {
            s.put("memberships of " + c.id(),
                    all(p -> sys.communities().memberships(c.id(), EnumSet.allOf(MembershipState.class), p)));
            s.put("practices of " + c.id(), sys.practices().list(c.id()));
            List<KnowledgeItem> items = all(p -> sys.knowledge().list(ItemQuery.in(c.id()), p));
            s.put("items of " + c.id(), items);
            for (KnowledgeItem i : items) {
                s.put("revisions of " + i.id(), all(p -> sys.knowledge().revisions(i.id(), p)));
            }
        }
        storage.read(tx -> {
            aggregates(tx, communities, s);
            return null;
        });
        s.put("activities", all(p -> sys.activities().feed(Optional.empty(), Optional.empty(), p)));
        List<Change> changes = new ArrayList<>();
        long after = 0;
        while (true) {
            List<Change> batch = storage.changes().after(after, 500);
            if (batch.isEmpty()) {
                break;
            }
            changes.addAll(batch);
            after = batch.get(batch.size() - 1).sequence();
        }
        s.put("changes", changes);
        s.put("change feed head", List.of(storage.changes().head()));
        SearchResult everything = sys.search().query(SearchQuery.of("")
                .withStatuses(EnumSet.allOf(ItemStatus.class).stream().map(Enum::name).toArray(String[]::new))
                .page(0, 100));
        s.put("search", List.of(everything.total(), everything.hits(), everything.facets()));
        return new StoreSnapshot(Map.copyOf(s));
    }

    /**
     * The aggregates added after the first release, read straight from storage (no visibility filter):
     * per community its conversations with revisions, posts, post revisions and votes, its sessions with
     * RSVPs and attendance, review tasks, participation levels and value stories; per member the active
     * subscriptions, the notification preference and the endorsements received (withdrawn ones too).
     */
    private static void aggregates(org.copkit.spi.Transaction tx, List<Community> communities,
            Map<String, List<?>> s) {
        for (Community c : communities) {
            List<org.copkit.conversation.Conversation> conversations = all(p -> tx.conversations()
                    .listByCommunity(c.id(), Set.of(), Set.of(), p));
            s.put("conversations of " + c.id(), conversations);
            for (org.copkit.conversation.Conversation conv : conversations) {
                s.put("conversation revisions of " + conv.id(), all(p -> tx.conversationRevisions().list(conv.id(), p)));
                s.put("votes on conversation " + conv.id(), all(p -> tx.votes().listByTarget(
                        Ref.of(ObjectType.CONVERSATION, conv.id()), p)));
                List<org.copkit.conversation.Post> posts = all(p -> tx.posts().listByConversation(conv.id(), p));
                s.put("posts of " + conv.id(), posts);
                for (org.copkit.conversation.Post post : posts) {
                    s.put("post revisions of " + post.id(), all(p -> tx.postRevisions().list(post.id(), p)));
                    s.put("votes on post " + post.id(), all(p -> tx.votes().listByTarget(
                            Ref.of(ObjectType.POST, post.id()), p)));
                }
            }
            List<org.copkit.session.Session> sessions = all(p -> tx.sessions().listByCommunity(c.id(), false, p));
            s.put("sessions of " + c.id(), sessions);
            for (org.copkit.session.Session session : sessions) {
                s.put("rsvps of " + session.id(), tx.rsvps().listBySession(session.id()));
                s.put("attendance of " + session.id(), tx.attendances().listBySession(session.id()));
            }
            s.put("review tasks of " + c.id(), all(p -> tx.reviewTasks().listByCommunity(c.id(), Set.of(), p)));
            s.put("participation levels of " + c.id(), all(p -> tx.participationLevels().listByCommunity(c.id(), p)));
            s.put("value stories of " + c.id(), all(p -> tx.valueStories().listByCommunity(c.id(), p)));
        }
        for (org.copkit.member.Member m : all(p -> tx.members().list(p))) {
            s.put("subscriptions of " + m.id(), all(p -> tx.subscriptions().listByMember(m.id(), p)));
            s.put("notification preference of " + m.id(),
                    tx.notificationPreferences().find(m.id()).map(List::of).orElse(List.of()));
            s.put("endorsements of " + m.id(), all(p -> tx.endorsements().listByEndorsee(m.id(), p)));
        }
    }

    /** Reads every page of a listing. */
    public static <T> List<T> all(Function<PageRequest, Page<T>> listing) {
        List<T> out = new ArrayList<>();
        PageRequest req = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<T> page = listing.apply(req);
            out.addAll(page.items());
            if (page.next().isEmpty()) {
                return out;
            }
            req = req.after(page.next().get());
        }
    }
}
