package org.copkit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.copkit.AccessDeniedException;
import org.copkit.Ref;
import org.copkit.access.AccessRequest;
import org.copkit.access.Actor;
import org.copkit.access.Decision;
import org.copkit.access.Visibility;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityId;
import org.copkit.member.MemberId;
import org.copkit.notification.Notification;
import org.copkit.spi.ReadBatch;
import org.copkit.spi.Transaction;

/** One service call in progress: its transaction, its actor, its moment, and what it recorded. */
final class Call {
    final Engine engine;
    final Transaction tx;
    /** Who acts; read again by {@link #lockCommunity} once the call holds a community's lock. */
    Actor actor;
    final Instant now;
    private final boolean writable;
    private final List<Activity> recorded = new ArrayList<>();
    private final List<Notification> notifications = new ArrayList<>();
    /** The tags of objects as this call last wrote them, for the fan-out; this call's transaction only. */
    private final Map<Ref, java.util.Set<String>> writtenTags = new java.util.HashMap<>();

    /** What the call declared up front and read with its actor; see {@link #community} and {@link #followers}. */
    private final ReadBatch asked;
    private final ReadBatch.Result prefetched;
    /** False once the call wrote a subscription: the followers read up front may then be stale. */
    private boolean followersCurrent = true;

    Call(Engine engine, Transaction tx, Actor actor, boolean writable) {
        this(engine, tx, actor, writable, ReadBatch.none(), new ReadBatch.Result(Optional.empty(), Map.of(),
                List.of()));
    }

    Call(Engine engine, Transaction tx, Actor actor, boolean writable, ReadBatch asked, ReadBatch.Result prefetched) {
        this.engine = engine;
        this.tx = tx;
        this.actor = actor;
        this.now = engine.clock.instant();
        this.writable = writable;
        this.asked = asked;
        this.prefetched = prefetched;
    }

    /**
     * A community this call read up front ({@link Engine#write(org.copkit.member.MemberId, ReadBatch,
     * java.util.function.Function)}), in its own transaction.
     *
     * @return empty when the call did not ask for it up front (read it); present and empty when it does not exist
     */
    Optional<Optional<org.copkit.community.Community>> prefetchedCommunity(CommunityId id) {
        if (!asked.communities().contains(id)) {
            return Optional.empty();
        }
        return Optional.of(Optional.ofNullable(prefetched.communities().get(id)));
    }

    /**
     * The active subscriptions to the targets, as {@code subscriptions().listByTargets} returns them, from what
     * the call read up front when that covers every target and the call has written no subscription since.
     *
     * @return empty when they must be read
     */
    Optional<List<org.copkit.subscription.Subscription>> prefetchedFollowers(java.util.Collection<Ref> targets) {
        if (!followersCurrent || !asked.followed().containsAll(targets)) {
            return Optional.empty();
        }
        java.util.Set<Ref> wanted = new java.util.HashSet<>(targets);
        List<Ref> order = new ArrayList<>(new java.util.LinkedHashSet<>(targets));
        return Optional.of(prefetched.subscriptions().stream().filter(s -> wanted.contains(s.target()))
                .sorted(java.util.Comparator.<org.copkit.subscription.Subscription>comparingInt(
                        s -> order.indexOf(s.target())).thenComparing(org.copkit.subscription.Subscription::member))
                .toList());
    }

    /** Called before the call writes a subscription: the followers read up front no longer count. */
    void writingSubscriptions() {
        followersCurrent = false;
    }

    /**
     * Takes the community's lock and reads the actor again: the roles read at the start of the call may
     * predate a change that committed while it waited (a coordinator demoted meanwhile must no longer act
     * as one).
     */
    void lockCommunity(CommunityId community) {
        tx.lock(org.copkit.Ref.of(org.copkit.ObjectType.COMMUNITY, community));
        if (!actor.system()) {
            actor = Engine.actor(tx, actor.member());
        }
    }

    /** Asks the access rules; throws when they deny. */
    void check(AccessRequest request) {
        Decision d = engine.accessRules.decide(actor, request);
        if (!d.allowed()) {
            throw new AccessDeniedException(d.reason());
        }
    }

    String newId() {
        return engine.ids.next();
    }

    /** Appends an activity in this transaction. */
    Activity record(Verb verb, Ref object, Optional<Ref> target, Optional<CommunityId> community,
            Visibility visibility, Map<String, String> details) {
        if (!writable) {
            throw new IllegalStateException("activities are recorded in write calls only");
        }
        Activity stored = tx.activities().append(new Activity(0, actor.member(), verb, object, target, community, now,
                visibility, details));
        recorded.add(stored);
        return stored;
    }

    /** Appends activities (sequence 0, by this call's actor) in this transaction, in one batch. */
    List<Activity> recordAll(List<Activity> activities) {
        if (!writable) {
            throw new IllegalStateException("activities are recorded in write calls only");
        }
        List<Activity> stored = tx.activities().appendAll(activities);
        recorded.addAll(stored);
        return stored;
    }

    /** Whether followers hear of this call's activities ({@link Fanout}); bulk imports turn it off. */
    boolean fanout = true;

    Activity record(Verb verb, Ref object, Optional<CommunityId> community, Visibility visibility) {
        return record(verb, object, Optional.empty(), community, visibility, Map.of());
    }

    List<Activity> recorded() {
        return recorded;
    }

    /** Queues a notification, delivered after commit only if the call commits. */
    void notify(MemberId recipient, Activity activity, String reason) {
        notifications.add(new Notification(recipient, activity, reason));
    }

    /**
     * Remembers a knowledge item as this call stored it (the value a repository's insert or update
     * returned), so the fan-out need not read its tags back. Every write of an item in a call passes
     * through here, so the last one is the state the call leaves behind.
     */
    org.copkit.knowledge.KnowledgeItem wrote(org.copkit.knowledge.KnowledgeItem stored) {
        writtenTags.put(Ref.of(org.copkit.ObjectType.KNOWLEDGE_ITEM, stored.id()), stored.content().tags());
        return stored;
    }

    /** @return the tags of the object as this call last wrote it; empty when the call did not write it */
    Optional<java.util.Set<String>> writtenTags(Ref object) {
        return Optional.ofNullable(writtenTags.get(object));
    }

    List<Notification> notifications() {
        return notifications;
    }
}
