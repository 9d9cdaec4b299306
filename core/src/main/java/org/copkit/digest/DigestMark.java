package org.copkit.digest;

import java.time.Instant;
import java.util.Optional;
import org.copkit.InvalidInputException;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;
import org.copkit.subscription.NotificationFrequency;

/**
 * Remembers up to when a member's digests were sent, so each period is sent once, and whether the last
 * one still awaits delivery (the digest outbox): while {@link #pendingFrom()} and {@link #leaseUntil()}
 * are present, the digest of [pendingFrom, sentUpTo) is marked as sent but the notifier has not yet
 * accepted it; the run that marked it delivers it after commit and clears both, and once the lease has
 * passed any later run delivers it again ({@link DigestService#sendDue}).
 *
 * @param member the member (the key)
 * @param frequency the frequency of the last digest sent (DAILY or WEEKLY)
 * @param sentUpTo the end of the period of the last digest sent
 * @param pendingFrom the start of that period while its digest awaits delivery, else empty
 * @param leaseUntil while the digest awaits delivery: until when the run that claimed it delivers it
 *     (no other run does before), else empty
 * @param version optimistic version
 */
public record DigestMark(MemberId member, NotificationFrequency frequency, Instant sentUpTo,
        Optional<Instant> pendingFrom, Optional<Instant> leaseUntil, long version) {
    /** Validates. */
    public DigestMark {
        Checks.present("mark.member", member);
        Checks.present("mark.frequency", frequency);
        Checks.present("mark.sentUpTo", sentUpTo);
        Checks.present("mark.pendingFrom", pendingFrom);
        Checks.present("mark.leaseUntil", leaseUntil);
        if (pendingFrom.isPresent() != leaseUntil.isPresent()) {
            throw new InvalidInputException("mark.pendingFrom and mark.leaseUntil must be both present or both empty"
                    + " but were " + pendingFrom + " / " + leaseUntil);
        }
        if (pendingFrom.isPresent() && !pendingFrom.get().isBefore(sentUpTo)) {
            throw new InvalidInputException("mark.pendingFrom must be before mark.sentUpTo but was "
                    + pendingFrom.get() + " / " + sentUpTo);
        }
        Checks.nonNegative("mark.version", version);
    }

    /**
     * A mark whose digest was delivered (nothing pending).
     *
     * @param member the member
     * @param frequency the frequency of the last digest sent
     * @param sentUpTo the end of its period
     * @param version optimistic version
     */
    public DigestMark(MemberId member, NotificationFrequency frequency, Instant sentUpTo, long version) {
        this(member, frequency, sentUpTo, Optional.empty(), Optional.empty(), version);
    }

    /** @return whether the digest of [pendingFrom, sentUpTo) awaits delivery */
    public boolean pending() {
        return pendingFrom.isPresent();
    }
}
