package org.copkit.community;

import java.time.Instant;
import java.util.Optional;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * A member's relation to a community.
 *
 * @param community the community
 * @param member the member
 * @param role granted role
 * @param state where the membership stands
 * @param since when it entered its current state
 * @param joinedAt when the member last became ACTIVE, if ever
 * @param invitedBy who invited the member, for INVITED memberships and those that came from one
 * @param version optimistic version
 */
public record Membership(CommunityId community, MemberId member, Role role, MembershipState state, Instant since,
        Optional<Instant> joinedAt, Optional<MemberId> invitedBy, long version) {
    /** Validates. */
    public Membership {
        Checks.present("membership.community", community);
        Checks.present("membership.member", member);
        Checks.present("membership.role", role);
        Checks.present("membership.state", state);
        Checks.present("membership.since", since);
        Checks.present("membership.joinedAt", joinedAt);
        Checks.present("membership.invitedBy", invitedBy);
        Checks.nonNegative("membership.version", version);
    }

    /** @return whether the member currently takes part */
    public boolean active() {
        return state == MembershipState.ACTIVE;
    }
}
