package org.copkit.digest;

import java.time.Instant;
import java.time.Period;
import org.copkit.subscription.NotificationFrequency;

/**
 * Digests of what changed: for the acting member, new and updated knowledge items, answered and still
 * unanswered questions and upcoming sessions in what they follow (communities, practices, tags,
 * conversations, members) and in the communities they are active in, plus the review tasks awaiting
 * them. Only what the member may see appears, and each entry says why it is included. Obtain it from
 * {@code kit.as(member).digests()}. Thread-safe.
 *
 * <p>Delivery guarantee of {@link #sendDue}: <b>at least once</b>, keyed. A digest is recorded as
 * pending (an outbox on its {@link DigestMark}) in the same transaction that marks its period as sent,
 * handed to the {@link org.copkit.notification.Notifier} only after that commit, and marked delivered
 * once the notifier returned. If the process stops before that, or the notifier throws, the digest stays
 * pending and a later {@code sendDue} on any node delivers it again once its lease
 * ({@link #DELIVERY_LEASE}) has passed. So nobody's digest is lost, and a digest is handed over twice
 * only when a run stops (or takes longer than the lease) between the notifier's return and that
 * confirmation, with the same {@link Digest#deliveryKey()}: a host that records the keys it has sent in
 * its own store, under a unique constraint, sends every digest exactly once.
 *
 * <p>Concurrency: {@link #sendDue} marks, claims and confirms each member under the member's lock, so
 * runs on several nodes at once build and deliver each member's digest once per period.
 */
public interface DigestService {
    /** Longest period a digest covers. */
    java.time.Duration MAX_PERIOD = java.time.Duration.ofDays(92);

    /**
     * How long the run that marked (or claimed) a pending digest has to hand it to the notifier before
     * a later run delivers it again: 15 minutes.
     */
    java.time.Duration DELIVERY_LEASE = java.time.Duration.ofMinutes(15);

    /**
     * The acting member's digest of a period. Changes by the member themself are left out.
     *
     * @param from start (inclusive)
     * @param to end (exclusive); sessions starting from here up to 14 days later are listed
     * @return the digest; equal for equal stored state and arguments
     * @throws org.copkit.InvalidInputException when {@code from} is not before {@code to} or the period is
     *     longer than {@link #MAX_PERIOD}
     * @throws org.copkit.AccessDeniedException when called as the system actor
     */
    Digest digest(Instant from, Instant to);

    /**
     * The acting member's digest of the period that ends now, counted back in the member's time zone.
     *
     * @param period a positive period, for example {@code Period.ofDays(7)}
     * @return the digest
     * @throws org.copkit.InvalidInputException when the period is not positive or too long
     * @throws org.copkit.AccessDeniedException when called as the system actor
     */
    Digest digest(Period period);

    /**
     * For every member whose preference is {@code frequency} and whose last digest (of that frequency)
     * ended at least one day (DAILY) or seven days (WEEKLY) ago, builds their digest from that end (or,
     * the first time, from one period ago) up to now, marks it as sent (a stored {@link DigestMark} and a
     * DIGEST_SENT activity only the member sees, the non-empty ones as pending) and, after commit, hands
     * the non-empty ones to the notifier's {@link org.copkit.notification.Notifier#deliverDigest} and
     * marks those it accepted as delivered. Before that it delivers again the pending digests of earlier
     * runs whose {@link #DELIVERY_LEASE} has passed (rebuilt for their recorded period from the current
     * state; see the delivery guarantee above); a member with a pending digest gets no new period until
     * it is delivered. Calling it again in the same period sends nothing. Works in chunks of 100 members,
     * each marked in its own short transaction, so a run that stops half-way is resumed by the next one;
     * decided by {@link org.copkit.access.Action#SEND_DIGESTS} (by default the system actor only:
     * {@code kit.system().digests().sendDue(DAILY)}).
     *
     * @param frequency DAILY or WEEKLY
     * @return who was marked and which digests the notifier accepted (delivered again ones included)
     * @throws org.copkit.InvalidInputException when the frequency is not DAILY or WEEKLY
     * @throws org.copkit.AccessDeniedException when the access rules deny it
     */
    DigestReport sendDue(NotificationFrequency frequency);
}
