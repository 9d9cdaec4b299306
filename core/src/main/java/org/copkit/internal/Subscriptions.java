package org.copkit.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.copkit.AccessDeniedException;
import org.copkit.NotFoundException;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.access.Audience;
import org.copkit.access.Visibility;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.member.MemberId;
import org.copkit.spi.Transaction;
import org.copkit.subscription.NotificationFrequency;
import org.copkit.subscription.NotificationPreference;
import org.copkit.subscription.Subscription;
import org.copkit.subscription.SubscriptionId;
import org.copkit.subscription.SubscriptionService;

final class Subscriptions implements SubscriptionService {
    /**
     * How a followed target is checked to exist, per type; tags are accepted as they are.
     */
    private static final Map<ObjectType, BiConsumer<Call, Ref>> TARGET_CHECKS = Map.of(
            ObjectType.COMMUNITY, (call, r) -> Load.community(call.tx, CommunityId.of(r.id())),
            ObjectType.PRACTICE, (call, r) -> Load.practice(call.tx, PracticeId.of(r.id())),
            ObjectType.CONVERSATION, (call, r) -> call.tx.conversations()
                    .find(org.copkit.conversation.ConversationId.of(r.id()))
                    .filter(c -> call.actor.canSee(c.visibility()))
                    .orElseThrow(() -> new NotFoundException("conversation " + r.id() + " does not exist")),
            ObjectType.MEMBER, (call, r) -> {
                if (MemberId.SYSTEM.value().equals(r.id())) {
                    throw new NotFoundException("member " + r.id() + " does not exist");
                }
                Load.member(call.tx, MemberId.of(r.id()));
            });

    private final Engine engine;
    private final MemberId actor;

    Subscriptions(Engine engine, MemberId actor) {
        this.engine = engine;
        this.actor = actor;
    }

    /** Only the member and the system see a member's own subscriptions and preferences. */
    private static Visibility privateTo(Call call) {
        return new Visibility(Optional.empty(), Optional.empty(), Audience.organization(call.actor.organization()),
                true, Set.of(call.actor.member()));
    }

    private static void requireMember(Call call, String what) {
        if (call.actor.system()) {
            throw new AccessDeniedException("the system actor cannot " + what + "; act as a member");
        }
    }

    /** A member's subscriptions and preference change under the member's lock: one subscription per target. */
    private static void lockActor(Call call) {
        call.tx.lock(Ref.of(ObjectType.MEMBER, call.actor.member()));
    }

    @Override
    public Subscription follow(Ref target) {
        Ref t = Subscription.target(target);
        return engine.write(actor, call -> {
            requireMember(call, "follow anything");
            lockActor(call);
            BiConsumer<Call, Ref> check = TARGET_CHECKS.get(t.type());
            if (check != null) {
                check.accept(call, t);
            }
            Optional<Subscription> existing = call.tx.subscriptions().find(call.actor.member(), t);
            if (existing.isPresent() && existing.get().active()) {
                return existing.get();
            }
            call.writingSubscriptions();
            Subscription s = existing.map(e -> call.tx.subscriptions().update(new Subscription(e.id(), e.member(),
                    e.target(), true, call.now, call.now, e.version() + 1)))
                    .orElseGet(() -> call.tx.subscriptions().insert(new Subscription(SubscriptionId.of(call.newId()),
                            call.actor.member(), t, true, call.now, call.now, 1)));
            call.record(Verb.FOLLOWED, Ref.of(ObjectType.SUBSCRIPTION, s.id()), Optional.of(t), Optional.empty(),
                    privateTo(call), Map.of());
            return s;
        });
    }

    @Override
    public boolean unfollow(Ref target) {
        Ref t = Subscription.target(target);
        return engine.write(actor, call -> {
            requireMember(call, "unfollow anything");
            lockActor(call);
            Optional<Subscription> existing = call.tx.subscriptions().find(call.actor.member(), t)
                    .filter(Subscription::active);
            if (existing.isEmpty()) {
                return false;
            }
            Subscription e = existing.get();
            call.writingSubscriptions();
            call.tx.subscriptions().update(new Subscription(e.id(), e.member(), e.target(), false, e.since(), call.now,
                    e.version() + 1));
            call.record(Verb.UNFOLLOWED, Ref.of(ObjectType.SUBSCRIPTION, e.id()), Optional.of(t), Optional.empty(),
                    privateTo(call), Map.of());
            return true;
        });
    }

    @Override
    public Page<Subscription> mine(PageRequest page) {
        Checks.present("page", page);
        return engine.read(actor, call -> call.tx.subscriptions().listByMember(call.actor.member(), page));
    }

    @Override
    public NotificationPreference preference() {
        return engine.read(actor, call -> preference(call.tx, call.actor.member()));
    }

    /** The stored preference, or the default. */
    static NotificationPreference preference(Transaction tx, MemberId member) {
        return tx.notificationPreferences().find(member)
                .orElseGet(() -> new NotificationPreference(member, NotificationPreference.DEFAULT, Instant.EPOCH, 0));
    }

    @Override
    public NotificationPreference setPreference(NotificationFrequency frequency) {
        Checks.present("frequency", frequency);
        return engine.write(actor, call -> {
            requireMember(call, "have notification preferences");
            lockActor(call);
            MemberId m = call.actor.member();
            Optional<NotificationPreference> existing = call.tx.notificationPreferences().find(m);
            if (existing.isPresent() && existing.get().frequency() == frequency) {
                return existing.get();
            }
            NotificationPreference p = existing.isPresent()
                    ? call.tx.notificationPreferences().update(new NotificationPreference(m, frequency, call.now,
                            existing.get().version() + 1))
                    : call.tx.notificationPreferences().insert(new NotificationPreference(m, frequency, call.now, 1));
            call.record(Verb.UPDATED, new Ref(ObjectType.NOTIFICATION_PREFERENCE, m.value()), Optional.empty(),
                    Optional.empty(), privateTo(call), Map.of("frequency", frequency.name()));
            return p;
        });
    }
}
