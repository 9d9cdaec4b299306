package org.copkit.digest;

import java.time.Instant;
import java.util.List;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;
import org.copkit.subscription.NotificationFrequency;

/**
 * The outcome of {@link DigestService#sendDue}.
 *
 * @param at when the run happened (the end of every digest's period)
 * @param frequency which members were served
 * @param marked members whose period was due and is now marked as sent, ordered by id
 * @param delivered the non-empty digests handed to the notifier, ordered by member id
 */
public record DigestReport(Instant at, NotificationFrequency frequency, List<MemberId> marked,
        List<Digest> delivered) {
    /** Validates and copies. */
    public DigestReport {
        Checks.present("report.at", at);
        Checks.present("report.frequency", frequency);
        marked = List.copyOf(marked);
        delivered = List.copyOf(delivered);
    }
}
