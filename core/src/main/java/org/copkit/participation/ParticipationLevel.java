package org.copkit.participation;

import java.time.Instant;
import org.copkit.community.CommunityId;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * A member's derived participation level in one community, stored separately from the membership
 * and its granted role. A member without a stored level is {@link Level#PERIPHERAL}; services report
 * that as a level with version 0 (never stored) and {@code since} = when the member joined.
 *
 * @param community the community
 * @param member the member
 * @param level the derived level
 * @param since when the member reached this level (the recompute that found it)
 * @param version optimistic version; 0 for a level that was never stored
 */
public record ParticipationLevel(CommunityId community, MemberId member, Level level, Instant since, long version) {
    /** Validates. */
    public ParticipationLevel {
        Checks.present("participation.community", community);
        Checks.present("participation.member", member);
        Checks.present("participation.level", level);
        Checks.present("participation.since", since);
        Checks.nonNegative("participation.version", version);
    }
}
