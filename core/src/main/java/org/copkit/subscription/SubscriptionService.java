package org.copkit.subscription;

import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;

/**
 * Following and notification preferences of the acting member (only their own). When an activity is
 * recorded, every member who follows its community, its practice, one of its object's tags, the
 * object itself or the actor, may see the activity and has preference
 * {@link NotificationFrequency#IMMEDIATE} receives one {@link org.copkit.notification.Notification}
 * through the host's notifier (never about their own activity). Thread-safe.
 *
 * <p>Concurrency: a member's subscriptions and preference change under the member's lock: one
 * subscription per member and target.
 */
public interface SubscriptionService {
    /**
     * Follows a target; following what one already follows returns the existing subscription unchanged.
     *
     * @param target a community, practice or member that exists and the actor may see, a tag
     *     ({@link Subscription#tag(String)}) or a conversation
     * @return the active subscription
     * @throws org.copkit.InvalidInputException when the type cannot be followed
     * @throws org.copkit.NotFoundException when the community, practice or member does not exist
     * @throws org.copkit.AccessDeniedException when called as the system actor
     */
    Subscription follow(Ref target);

    /**
     * Stops following a target.
     *
     * @param target the target
     * @return whether the actor followed it
     * @throws org.copkit.AccessDeniedException when called as the system actor
     */
    boolean unfollow(Ref target);

    /**
     * @param page keyset page; ordered by subscription id
     * @return the actor's active subscriptions
     */
    Page<Subscription> mine(PageRequest page);

    /** @return the actor's preference; {@link NotificationPreference#DEFAULT} (version 0, updated at the epoch) when never set */
    NotificationPreference preference();

    /**
     * @param frequency how often the actor wants to be notified
     * @return the stored preference
     * @throws org.copkit.AccessDeniedException when called as the system actor
     */
    NotificationPreference setPreference(NotificationFrequency frequency);
}
