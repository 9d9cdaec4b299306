package org.copkit.spi;

import java.time.Instant;
import java.util.Optional;
import org.copkit.Ref;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * An activity without its visibility and details: who did what to which object when, as {@link
 * Repositories.Activities#listHeads} returns it for digests (which judge the object by its current state,
 * not by the activity's copy of its visibility).
 *
 * @param sequence the activity's sequence
 * @param actor who acted
 * @param verb what they did
 * @param object the object acted on
 * @param target the target, if any
 * @param at when it happened
 */
public record ActivityHead(long sequence, MemberId actor, Verb verb, Ref object, Optional<Ref> target, Instant at) {
    /** Validates. */
    public ActivityHead {
        Checks.present("head.actor", actor);
        Checks.present("head.verb", verb);
        Checks.present("head.object", object);
        Checks.present("head.target", target);
        Checks.present("head.at", at);
    }

    /**
     * Checks the arguments of {@link Repositories.Activities#listHeads}, for backends.
     *
     * @throws org.copkit.InvalidInputException naming the argument that is null or wrong
     */
    public static void check(org.copkit.community.CommunityId community, java.util.Set<Verb> verbs, Instant from,
            Instant to) {
        Checks.present("community", community);
        Checks.present("verbs", verbs);
        if (verbs.isEmpty()) {
            throw new org.copkit.InvalidInputException("verbs must not be empty");
        }
        verbs.forEach(v -> Checks.present("verbs element", v));
        Checks.present("from", from);
        Checks.present("to", to);
        if (!from.isBefore(to)) {
            throw new org.copkit.InvalidInputException("from must be before to but was " + from + " / " + to);
        }
    }

    /**
     * @param a a stored activity
     * @return its head
     */
    public static ActivityHead of(Activity a) {
        return new ActivityHead(a.sequence(), a.actor(), a.verb(), a.object(), a.target(), a.at());
    }
}
