package org.copkit.subscription;

/** How often a member wants to hear about what happens in what they follow. */
public enum NotificationFrequency {
    /** Never. */
    OFF,
    /** One notification per activity, delivered through the host's {@link org.copkit.notification.Notifier} right after the change. */
    IMMEDIATE,
    /** A daily digest instead of immediate notifications. */
    DAILY,
    /** A weekly digest instead of immediate notifications. */
    WEEKLY
}
