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
 * <p>Concurrency: {@link #sendDue} marks each member under the member's lock, so runs on several
 * nodes at once build and deliver each member's digest once per period.
 */
public interface DigestService {
    /** Longest period a digest covers. */
    java.time.Duration MAX_PERIOD = java.time.Duration.ofDays(92);

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
     * DIGEST_SENT activity only the member sees) and, after commit, hands the non-empty ones to the
     * notifier's {@link org.copkit.notification.Notifier#deliverDigest}. Calling it again in the same
     * period sends nothing. One transaction; decided by {@link org.copkit.access.Action#SEND_DIGESTS}
     * (by default the system actor only: {@code kit.system().digests().sendDue(DAILY)}).
     *
     * @param frequency DAILY or WEEKLY
     * @return who was marked and what was delivered
     * @throws org.copkit.InvalidInputException when the frequency is not DAILY or WEEKLY
     * @throws org.copkit.AccessDeniedException when the access rules deny it
     */
    DigestReport sendDue(NotificationFrequency frequency);
}
