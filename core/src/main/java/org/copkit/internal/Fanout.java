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
            // read with the actor when the call named these targets up front (same transaction), else now
            List<Subscription> subscriptions = call.prefetchedFollowers(all)
                    .orElseGet(() -> tx.subscriptions().listByTargets(all));
            for (Subscription s : subscriptions) {
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

    /**
     * The followed targets of an activity a call is about to record, for reading their followers up front
     * ({@link Call#prefetchedFollowers}): the same targets, in the same order, as the fan-out of that activity
     * works out once it is recorded.
     *
     * @param object what the activity is about
     * @param target what it was done to (a conversation an answer was posted in), if anything
     * @param tags the object's tags as the call writes them (for object types followed by tag)
     * @param practice the practice of the activity's visibility, if any
     * @param community the activity's community (or that of its visibility), if any
     * @param actor the actor
     */
    static List<Ref> targetsOf(Ref object, Optional<Ref> target, Set<String> tags,
            Optional<org.copkit.community.PracticeId> practice, Optional<CommunityId> community, MemberId actor) {
        List<Ref> refs = new ArrayList<>();
        refs.add(object);
        target.ifPresent(refs::add);
        if (TAGS.containsKey(object.type())) {
            new TreeSet<>(tags).forEach(tag -> refs.add(new Ref(ObjectType.TAG, tag)));
        }
        practice.ifPresent(p -> refs.add(Ref.of(ObjectType.PRACTICE, p)));
        community.ifPresent(c -> refs.add(Ref.of(ObjectType.COMMUNITY, c)));
        if (!actor.equals(MemberId.SYSTEM)) {
            refs.add(Ref.of(ObjectType.MEMBER, actor));
        }
        return refs;
    }

    /** The targets whose followers hear of the activity, in order of precedence (see {@link #targetsOf}). */
    private static List<Target> targets(Call call, Activity a) {
        TagLookup lookup = TAGS.get(a.object().type());
        // an object this call wrote: its tags as written (the state the call leaves); else read them
        Set<String> tags = lookup == null ? Set.of()
                : call.writtenTags(a.object()).orElseGet(() -> lookup.tags(call.tx, a.object()));
        List<Ref> refs = targetsOf(a.object(), a.target(), tags, a.visibility().practice(),
                a.community().or(() -> a.visibility().community()), a.actor());
        List<Target> targets = new ArrayList<>(refs.size());
        for (int i = 0; i < refs.size(); i++) {
            Ref r = refs.get(i);
            // the object itself and (an answer, reply or comment) the conversation it was posted in come first
            boolean itself = i == 0 || (i == 1 && a.target().isPresent());
            targets.add(new Target(r, itself ? x -> "you follow this " + r.type().name()
                    .toLowerCase(java.util.Locale.ROOT).replace('_', ' ') : reason(r)));
        }
        return targets;
    }

    /** How a follower of a tag, practice, community or member is told why. */
    private static Function<Transaction, String> reason(Ref r) {
        return switch (r.type()) {
            case TAG -> x -> "you follow tag '" + r.id() + "'";
            case PRACTICE -> x -> "you follow practice '" + x.practices().find(
                    org.copkit.community.PracticeId.of(r.id())).map(v -> v.name()).orElse(r.id()) + "'";
            case COMMUNITY -> x -> "you follow community '" + x.communities().find(CommunityId.of(r.id()))
                    .map(v -> v.name()).orElse(r.id()) + "'";
            case MEMBER -> x -> "you follow member '" + x.members().find(MemberId.of(r.id()))
                    .map(m -> m.profile().displayName()).orElse(r.id()) + "'";
            default -> throw new IllegalStateException("no reason wording for followers of " + r.type());
        };
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
