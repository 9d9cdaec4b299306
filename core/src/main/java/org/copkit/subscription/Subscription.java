package org.copkit.subscription;

import java.time.Instant;
import java.util.Set;
import org.copkit.InvalidInputException;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * A member follows a target: a community, practice, tag, conversation or member. Unfollowing keeps the
 * record as inactive; following again reactivates it. One record per member and target.
 *
 * @param id generated id
 * @param member who follows
 * @param target what is followed; a tag's id is the lower-case tag
 * @param active whether the member currently follows it
 * @param since when the member (last) started following
 * @param updatedAt when it last changed
 * @param version optimistic version
 */
public record Subscription(SubscriptionId id, MemberId member, Ref target, boolean active, Instant since,
        Instant updatedAt, long version) {
    /** The kinds of target a member may follow. */
    public static final Set<ObjectType> TARGET_TYPES = Set.of(ObjectType.COMMUNITY, ObjectType.PRACTICE,
            ObjectType.TAG, ObjectType.CONVERSATION, ObjectType.MEMBER);

    /** Validates. */
    public Subscription {
        Checks.present("subscription.id", id);
        Checks.present("subscription.member", member);
        target = target(target);
        Checks.present("subscription.since", since);
        Checks.present("subscription.updatedAt", updatedAt);
        Checks.nonNegative("subscription.version", version);
    }

    /**
     * Validates a target and normalises a tag target to lower case.
     *
     * @param target a target
     * @return the normalised target
     * @throws InvalidInputException when the type cannot be followed or a tag is invalid
     */
    public static Ref target(Ref target) {
        Checks.present("subscription.target", target);
        if (!TARGET_TYPES.contains(target.type())) {
            throw new InvalidInputException("subscription.target must be one of " + TARGET_TYPES.stream().sorted()
                    .toList() + " but was " + target.type());
        }
        if (target.type() == ObjectType.TAG) {
            return new Ref(ObjectType.TAG, Checks.tag("subscription.target", target.id()));
        }
        return new Ref(target.type(), Checks.id("subscription.target", target.id()));
    }

    /**
     * @param tag a tag, any case
     * @return the target for following that tag (its id in lower case)
     */
    public static Ref tag(String tag) {
        return new Ref(ObjectType.TAG, Checks.tag("tag", tag));
    }
}
