package org.copkit.notification;

import org.copkit.activity.Activity;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * Something a member should be told about: an activity they may see and why it concerns them.
 * CoPKit decides who is told; the host's {@link Notifier} decides how (mail, chat, a badge).
 *
 * @param recipient who is told
 * @param activity what happened
 * @param reason why it concerns the recipient, one short sentence (for example "you follow tag
 *     'subsidie'" or "the session you signed up for was cancelled"), at most 300 characters
 */
public record Notification(MemberId recipient, Activity activity, String reason) {
    /** Validates. */
    public Notification {
        Checks.present("notification.recipient", recipient);
        Checks.present("notification.activity", activity);
        reason = Checks.line("notification.reason", reason, 300);
    }
}
