package org.copkit.activity;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.copkit.InvalidInputException;
import org.copkit.Ref;
import org.copkit.access.Visibility;
import org.copkit.community.CommunityId;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * An append-only record of one change: who did what to which object, where and when. Activities are
 * written in the same transaction as the change; listeners receive them after commit.
 *
 * @param sequence position in the activity log, assigned by storage (0 before it is stored)
 * @param actor who acted ({@link MemberId#SYSTEM} for the host)
 * @param verb what happened
 * @param object the object it happened to
 * @param target a second object involved (for example the successor of a superseded item), if any
 * @param community the community it happened in, if any
 * @param at when
 * @param visibility who may see this activity (the object's visibility at that moment)
 * @param details a few short facts, such as the new role or state; at most 20 entries of at most 500 characters
 */
public record Activity(long sequence, MemberId actor, Verb verb, Ref object, Optional<Ref> target,
        Optional<CommunityId> community, Instant at, Visibility visibility, Map<String, String> details) {
    /** Validates and copies. */
    public Activity {
        Checks.nonNegative("activity.sequence", sequence);
        Checks.present("activity.actor", actor);
        Checks.present("activity.verb", verb);
        Checks.present("activity.object", object);
        Checks.present("activity.target", target);
        Checks.present("activity.community", community);
        Checks.present("activity.at", at);
        Checks.present("activity.visibility", visibility);
        Checks.present("activity.details", details);
        if (details.size() > 20) {
            throw new InvalidInputException("activity.details may hold at most 20 entries but had " + details.size());
        }
        details.forEach((k, v) -> {
            Checks.id("activity.details key", k);
            Checks.text("activity.details[" + k + "]", v, 500);
        });
        details = Map.copyOf(details);
    }

    /** @return a copy with the sequence storage assigned */
    public Activity withSequence(long sequence) {
        return new Activity(sequence, actor, verb, object, target, community, at, visibility, details);
    }
}
