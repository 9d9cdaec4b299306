package org.copkit.subscription;

import java.time.Instant;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * A member's choice of how often to be notified. A member without a stored preference is treated as
 * {@link NotificationFrequency#IMMEDIATE}.
 *
 * @param member the member (the key)
 * @param frequency how often
 * @param updatedAt when it was last set
 * @param version optimistic version
 */
public record NotificationPreference(MemberId member, NotificationFrequency frequency, Instant updatedAt,
        long version) {
    /** The frequency of members who never chose one. */
    public static final NotificationFrequency DEFAULT = NotificationFrequency.IMMEDIATE;

    /** Validates. */
    public NotificationPreference {
        Checks.present("preference.member", member);
        Checks.present("preference.frequency", frequency);
        Checks.present("preference.updatedAt", updatedAt);
        Checks.nonNegative("preference.version", version);
    }
}
