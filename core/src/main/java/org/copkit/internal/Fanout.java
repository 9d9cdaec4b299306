package org.copkit.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.access.Actor;
import org.copkit.activity.Activity;
import org.copkit.community.CommunityId;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;
import org.copkit.spi.Transaction;
import org.copkit.subscription.NotificationFrequency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the activities of a write call into notifications for followers, before commit (so it reads
 * the state the call leaves behind). One notification per recipient and activity, never to the actor,
 * only to members with preference IMMEDIATE who may see the activity. Reasons, first match wins: the
 * object itself, one of its tags (alphabetically), its practice, its community, the actor.
 */
final class Fanout {
    private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);

    /** Finds the tags of an object, for following by tag. */
    @FunctionalInterface
    interface TagLookup {
        /** @return the object's current tags in lower case (empty when it has none or no longer exists) */
        Set<String> tags(Transaction tx, Ref object);
    }

    /** The tag lookups per object type; add an entry to let followers of tags hear about a new kind of object. */
    private static final Map<ObjectType, TagLookup> TAGS = Map.of(
            ObjectType.KNOWLEDGE_ITEM, (tx, ref) -> tx.items().find(KnowledgeItemId.of(ref.id()))
                    .map(i -> i.content().tags()).orElse(Set.of()),
            ObjectType.CONVERSATION, (tx, ref) -> tx.conversations()
                    .find(org.copkit.conversation.ConversationId.of(ref.id())).map(c -> c.content().tags())
                    .orElse(Set.of()),
            ObjectType.POST, (tx, ref) -> tx.posts().find(org.copkit.conversation.PostId.of(ref.id()))
                    .flatMap(p -> tx.conversations().find(p.conversation())).map(c -> c.content().tags())
                    .orElse(Set.of()));

    private Fanout() {}

    /** Queues the notifications of every activity the call recorded. A failure is logged, never thrown. */
    static void run(Call call) {
        if (call.recorded().isEmpty()) {
            return;
        }
        Map<MemberId, Optional<Actor>> recipients = new HashMap<>();
        for (Activity a : call.recorded()) {
            try {
                fanOut(call, a, recipients);
            } catch (RuntimeException e) {
                LOG.warn("notifications for activity {} {} could not be worked out; the change stands", a.verb(),
                        a.object(), e);
            }
        }
    }

    private static void fanOut(Call call, Activity a, Map<MemberId, Optional<Actor>> recipients) {
        Transaction tx = call.tx;
        Map<MemberId, String> reasons = new LinkedHashMap<>();
        followers(tx, a.object(), "you follow this " + a.object().type().name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' '), reasons);
        // an answer, reply or comment reaches the followers of its conversation (the activity's target)
        a.target().ifPresent(t -> followers(tx, t, "you follow this " + t.type().name()
                .toLowerCase(java.util.Locale.ROOT).replace('_', ' '), reasons));
        TagLookup lookup = TAGS.get(a.object().type());
        if (lookup != null) {
            for (String tag : new TreeSet<>(lookup.tags(tx, a.object()))) {
                followers(tx, new Ref(ObjectType.TAG, tag), "you follow tag '" + tag + "'", reasons);
            }
        }
        a.visibility().practice().ifPresent(p -> followers(tx, Ref.of(ObjectType.PRACTICE, p), "you follow practice '"
                + tx.practices().find(p).map(x -> x.name()).orElse(p.value()) + "'", reasons));
        Optional<CommunityId> community = a.community().or(() -> a.visibility().community());
        community.ifPresent(c -> followers(tx, Ref.of(ObjectType.COMMUNITY, c), "you follow community '"
                + tx.communities().find(c).map(x -> x.name()).orElse(c.value()) + "'", reasons));
        if (!a.actor().equals(MemberId.SYSTEM)) {
            followers(tx, Ref.of(ObjectType.MEMBER, a.actor()), "you follow member '"
                    + tx.members().find(a.actor()).map(m -> m.profile().displayName()).orElse(a.actor().value()) + "'",
                    reasons);
        }
        Set<MemberId> told = new java.util.HashSet<>();
        call.notifications().stream().filter(n -> n.activity().sequence() == a.sequence())
                .forEach(n -> told.add(n.recipient()));
        for (Map.Entry<MemberId, String> e : reasons.entrySet()) {
            MemberId m = e.getKey();
            if (m.equals(a.actor()) || told.contains(m)
                    || Subscriptions.preference(tx, m).frequency() != NotificationFrequency.IMMEDIATE) {
                continue;
            }
            Optional<Actor> reader = recipients.computeIfAbsent(m, id -> reader(tx, id));
            if (reader.isPresent() && reader.get().canSee(a.visibility())) {
                call.notify(m, a, e.getValue());
            }
        }
    }

    private static Optional<Actor> reader(Transaction tx, MemberId id) {
        if (tx.members().find(id).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Engine.actor(tx, id));
    }

    /** Adds the active followers of a target that have no reason yet. */
    private static void followers(Transaction tx, Ref target, String reason, Map<MemberId, String> reasons) {
        StoreReads.stream(p -> tx.subscriptions().listByTarget(target, p))
                .forEach(s -> reasons.putIfAbsent(s.member(), reason));
    }
}
