package org.copkit.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.access.Actor;
import org.copkit.activity.Activity;
import org.copkit.community.CommunityId;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;
import org.copkit.spi.Transaction;
import org.copkit.subscription.Subscription;
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

    /**
     * Queues the notifications of every activity the call recorded. The followers of all the targets of
     * all the activities are read in one query. A failure is logged, never thrown.
     */
    static void run(Call call) {
        if (call.recorded().isEmpty()) {
            return;
        }
        Transaction tx = call.tx;
        List<Activity> activities = new ArrayList<>();
        List<List<Target>> targetsPerActivity = new ArrayList<>();
        Set<Ref> all = new LinkedHashSet<>();
        for (Activity a : call.recorded()) {
            try {
                List<Target> targets = targets(call, a);
                activities.add(a);
                targetsPerActivity.add(targets);
                targets.forEach(t -> all.add(t.ref()));
            } catch (RuntimeException e) {
                LOG.warn("notifications for activity {} {} could not be worked out; the change stands", a.verb(),
                        a.object(), e);
            }
        }
        Map<Ref, List<MemberId>> followers = new HashMap<>();
        try {
            for (Subscription s : tx.subscriptions().listByTargets(all)) {
                followers.computeIfAbsent(s.target(), t -> new ArrayList<>()).add(s.member());
            }
        } catch (RuntimeException e) {
            LOG.warn("notifications for {} activities could not be worked out; the changes stand", activities.size(),
                    e);
            return;
        }
        if (followers.isEmpty()) {
            return;
        }
        Map<MemberId, Optional<Actor>> recipients = new HashMap<>();
        Map<Ref, String> reasons = new HashMap<>();
        for (int i = 0; i < activities.size(); i++) {
            Activity a = activities.get(i);
            try {
                fanOut(call, a, targetsPerActivity.get(i), followers, reasons, recipients);
            } catch (RuntimeException e) {
                LOG.warn("notifications for activity {} {} could not be worked out; the change stands", a.verb(),
                        a.object(), e);
            }
        }
    }

    /** A followed target of an activity and how to word the reason (worked out only when it has followers). */
    private record Target(Ref ref, Function<Transaction, String> reason) {}

    /** The targets whose followers hear of the activity, in order of precedence. */
    private static List<Target> targets(Call call, Activity a) {
        List<Target> targets = new ArrayList<>();
        targets.add(new Target(a.object(), x -> "you follow this " + a.object().type().name()
                .toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
        // an answer, reply or comment reaches the followers of its conversation (the activity's target)
        a.target().ifPresent(t -> targets.add(new Target(t, x -> "you follow this " + t.type().name()
                .toLowerCase(java.util.Locale.ROOT).replace('_', ' '))));
        TagLookup lookup = TAGS.get(a.object().type());
        if (lookup != null) {
            // an object this call wrote: its tags as written (the state the call leaves); else read them
            Set<String> tags = call.writtenTags(a.object()).orElseGet(() -> lookup.tags(call.tx, a.object()));
            for (String tag : new TreeSet<>(tags)) {
                targets.add(new Target(new Ref(ObjectType.TAG, tag), x -> "you follow tag '" + tag + "'"));
            }
        }
        a.visibility().practice().ifPresent(p -> targets.add(new Target(Ref.of(ObjectType.PRACTICE, p),
                x -> "you follow practice '" + x.practices().find(p).map(v -> v.name()).orElse(p.value()) + "'")));
        Optional<CommunityId> community = a.community().or(() -> a.visibility().community());
        community.ifPresent(c -> targets.add(new Target(Ref.of(ObjectType.COMMUNITY, c),
                x -> "you follow community '" + x.communities().find(c).map(v -> v.name()).orElse(c.value()) + "'")));
        if (!a.actor().equals(MemberId.SYSTEM)) {
            targets.add(new Target(Ref.of(ObjectType.MEMBER, a.actor()), x -> "you follow member '"
                    + x.members().find(a.actor()).map(m -> m.profile().displayName()).orElse(a.actor().value())
                    + "'"));
        }
        return targets;
    }

    private static void fanOut(Call call, Activity a, List<Target> targets, Map<Ref, List<MemberId>> followers,
            Map<Ref, String> reasonTexts, Map<MemberId, Optional<Actor>> recipients) {
        Transaction tx = call.tx;
        Map<MemberId, String> reasons = new LinkedHashMap<>();
        for (Target t : targets) {
            List<MemberId> members = followers.getOrDefault(t.ref(), List.of());
            if (!members.isEmpty()) {
                String reason = reasonTexts.computeIfAbsent(t.ref(), r -> t.reason().apply(tx));
                members.forEach(m -> reasons.putIfAbsent(m, reason));
            }
        }
        if (reasons.isEmpty()) {
            return;
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
}
