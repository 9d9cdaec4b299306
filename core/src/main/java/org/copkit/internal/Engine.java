package org.copkit.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.copkit.AccessDeniedException;
import org.copkit.NotFoundException;
import org.copkit.access.AccessRules;
import org.copkit.access.Actor;
import org.copkit.activity.Activity;
import org.copkit.activity.ActivityListener;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.MembershipRules;
import org.copkit.community.PracticeId;
import org.copkit.digest.Digest;
import org.copkit.expertise.ExpertRules;
import org.copkit.knowledge.ReviewRules;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.notification.Notification;
import org.copkit.notification.Notifier;
import org.copkit.participation.ParticipationRules;
import org.copkit.session.RsvpRules;
import org.copkit.spi.IdGenerator;
import org.copkit.spi.MemberRoles;
import org.copkit.spi.ReadBatch;
import org.copkit.spi.SearchIndex;
import org.copkit.spi.Storage;
import org.copkit.spi.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The running kit behind {@code CopKit}: backends, rules, clock and listeners, and the one way every
 * service call runs: load the actor, do the work in one storage transaction, then (after commit)
 * wake the background indexer and tell the listeners.
 *
 * <p>Not API.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    final Storage storage;
    private final SearchIndex search;
    final Clock clock;
    final IdGenerator ids;
    final AccessRules accessRules;
    final MembershipRules membershipRules;
    final ReviewRules reviewRules;
    final RsvpRules rsvpRules;
    private final List<ActivityListener> listeners;
    private final Notifier notifier;
    private final Indexer indexer;
    private final BackgroundIndexer background;
    final ParticipationRules participationRules;
    final java.time.Duration newcomerPeriod;
    final ExpertRules expertRules;

    /** Everything the engine runs on. */
    public record Config(Storage storage, SearchIndex search, Clock clock, IdGenerator ids, AccessRules accessRules,
            MembershipRules membershipRules, ReviewRules reviewRules, List<ActivityListener> listeners,
            Notifier notifier, ParticipationRules participationRules,
            RsvpRules rsvpRules, java.time.Duration newcomerPeriod,
            ExpertRules expertRules, java.time.Duration indexPollInterval, java.time.Duration searchWait) {}

    /** @param config backends, rules, clock and listeners */
    public Engine(Config config) {
        this.storage = config.storage();
        this.search = config.search();
        this.clock = config.clock();
        this.ids = config.ids();
        this.accessRules = config.accessRules();
        this.membershipRules = config.membershipRules();
        this.reviewRules = config.reviewRules();
        this.rsvpRules = config.rsvpRules();
        this.listeners = List.copyOf(config.listeners());
        this.notifier = config.notifier();
        this.participationRules = config.participationRules();
        this.newcomerPeriod = config.newcomerPeriod();
        this.expertRules = config.expertRules();
        this.indexer = new Indexer(storage, search);
        indexer.catchUpAtStart();
        this.background = new BackgroundIndexer(indexer, indexer.follows() ? storage.changes() : null,
                config.indexPollInterval(), config.searchWait());
    }

    /**
     * The search index for a read: first waits (bounded) until it has applied every write this process
     * committed before the call, so a member finds what was just written.
     *
     * @return the search index
     */
    SearchIndex searchIndex() {
        background.awaitCommitted();
        return search;
    }

    /** @return the clock */
    public Clock clock() {
        return clock;
    }

    /** @return the indexer that keeps the search index current */
    public Indexer indexer() {
        return indexer;
    }

    /** Fails unless the member is registered. */
    public void requireMember(MemberId id) {
        if (id.equals(MemberId.SYSTEM)) {
            return;
        }
        storage.read(tx -> tx.members().find(id))
                .orElseThrow(() -> new NotFoundException("member " + id + " is not registered"));
    }

    /** Runs read-only work as the actor. */
    <T> T read(MemberId actorId, Function<Call, T> work) {
        return storage.read(tx -> work.apply(new Call(this, tx, actor(tx, actorId), false)));
    }

    /** Runs work as the actor in one write transaction (see {@link #write(MemberId, ReadBatch, Function)}). */
    <T> T write(MemberId actorId, Function<Call, T> work) {
        return write(actorId, ReadBatch.none(), work);
    }

    /**
     * Runs work as the actor in one write transaction; afterwards wakes the background indexer and
     * notifies. The actor and what the call declares it will need ({@code prefetch}: the community it acts
     * in, the followers of what it records) are read together in one {@link Transaction#readBatch}, inside
     * the transaction; the call finds them through {@link Call#prefetched}.
     *
     * @param prefetch reads the call will need, without a member (the actor is added here)
     */
    <T> T write(MemberId actorId, ReadBatch prefetch, Function<Call, T> work) {
        List<Activity> recorded = new ArrayList<>();
        List<Notification> notifications = new ArrayList<>();
        ReadBatch batch = actorId.equals(MemberId.SYSTEM) ? prefetch
                : new ReadBatch(java.util.Optional.of(actorId), prefetch.communities(), prefetch.followed());
        T result = storage.write(tx -> {
            // a backend may run the work again after a transient failure (Storage#write): start afresh
            recorded.clear();
            notifications.clear();
            ReadBatch.Result read = tx.readBatch(batch);
            Actor actor = actorId.equals(MemberId.SYSTEM) ? Actor.systemActor() : actor(actorId, read.member());
            Call call = new Call(this, tx, actor, true, batch, read);
            T r = work.apply(call);
            if (call.fanout) {
                Fanout.run(call);
            }
            recorded.addAll(call.recorded());
            notifications.addAll(call.notifications());
            return r;
        });
        afterCommit(recorded, notifications);
        return result;
    }

    private void afterCommit(List<Activity> activities, List<Notification> notifications) {
        // the indexer thread applies the change feed; searches of this process wait for it
        background.committed();
        for (Activity a : activities) {
            for (ActivityListener l : listeners) {
                try {
                    l.onActivity(a);
                } catch (RuntimeException e) {
                    LOG.warn("activity listener {} failed on activity {} {}; the change stands", l, a.verb(),
                            a.object(), e);
                }
            }
        }
        for (Notification n : notifications) {
            try {
                notifier.deliver(n);
            } catch (RuntimeException e) {
                LOG.warn("notifier {} failed to deliver {} {} to {}; the change stands", notifier,
                        n.activity().verb(), n.activity().object(), n.recipient(), e);
            }
        }
    }

    /** The registered member as an actor, or empty. */
    java.util.Optional<Actor> actorOf(Transaction tx, MemberId id) {
        return tx.memberAndRoles(id).map(found -> actor(id, java.util.Optional.of(found)));
    }

    static Actor actor(Transaction tx, MemberId id) {
        if (id.equals(MemberId.SYSTEM)) {
            return Actor.systemActor();
        }
        return actor(id, tx.memberAndRoles(id));
    }

    /** The actor from its member row and roles; AccessDenied when the member is not registered. */
    private static Actor actor(MemberId id, java.util.Optional<org.copkit.spi.MemberAndRoles> read) {
        org.copkit.spi.MemberAndRoles found = read
                .orElseThrow(() -> new AccessDeniedException("member " + id + " is not registered"));
        Member m = found.member();
        MemberRoles roles = found.roles();
        List<Membership> memberships = roles.memberships();
        Set<CommunityId> active = memberships.stream()
                .filter(Membership::active).map(Membership::community)
                .collect(Collectors.toSet());
        // stewardship counts only while the steward takes part in the practice's community: a steward
        // who left must not keep reading the practice's drafts or have approvals counted as a steward's
        Set<PracticeId> stewardOf = roles.stewardships().entrySet().stream()
                .filter(e -> active.contains(e.getValue())).map(java.util.Map.Entry::getKey)
                .collect(Collectors.toSet());
        return Actor.of(id, m.organization(), memberships, stewardOf);
    }

    @Override
    public void close() {
        try {
            background.close();
            search.close();
        } finally {
            storage.close();
        }
    }

    /**
     * Hands a digest to the notifier after the transaction that marked it committed; a notifier that
     * throws is logged, and the digest stays pending in the outbox (a later run delivers it again).
     *
     * @return whether the notifier accepted it (returned normally)
     */
    boolean deliverDigest(Digest digest) {
        try {
            notifier.deliverDigest(digest);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("notifier {} failed to deliver the digest {} of {} for {} to {}; it stays pending and a run"
                    + " after {} delivers it again", notifier, digest.deliveryKey(), digest.member(), digest.from(),
                    digest.to(), org.copkit.digest.DigestService.DELIVERY_LEASE, e);
            return false;
        }
    }
}
