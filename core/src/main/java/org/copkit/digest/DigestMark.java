package org.copkit.digest;

import java.time.Instant;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;
import org.copkit.subscription.NotificationFrequency;

/**
 * Remembers up to when a member's digests were sent, so each period is sent once.
 *
 * @param member the member (the key)
 * @param frequency the frequency of the last digest sent (DAILY or WEEKLY)
 * @param sentUpTo the end of the period of the last digest sent
 * @param version optimistic version
 */
public record DigestMark(MemberId member, NotificationFrequency frequency, Instant sentUpTo, long version) {
    /** Validates. */
    public DigestMark {
        Checks.present("mark.member", member);
        Checks.present("mark.frequency", frequency);
        Checks.present("mark.sentUpTo", sentUpTo);
        Checks.nonNegative("mark.version", version);
    }
}
