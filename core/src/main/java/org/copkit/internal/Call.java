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
import org.copkit.spi.Transaction;

/** One service call in progress: its transaction, its actor, its moment, and what it recorded. */
final class Call {
    final Engine engine;
    final Transaction tx;
    final Actor actor;
    final Instant now;
    private final boolean writable;
    private final List<Activity> recorded = new ArrayList<>();
    private final List<Notification> notifications = new ArrayList<>();
    /** The tags of objects as this call last wrote them, for the fan-out; this call's transaction only. */
    private final Map<Ref, java.util.Set<String>> writtenTags = new java.util.HashMap<>();

    Call(Engine engine, Transaction tx, Actor actor, boolean writable) {
        this.engine = engine;
        this.tx = tx;
        this.actor = actor;
        this.now = engine.clock.instant();
        this.writable = writable;
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
