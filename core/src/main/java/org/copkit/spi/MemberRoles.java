package org.copkit.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.PracticeId;

/**
 * What a member's access depends on besides the member row: every membership (any state) and the
 * practices the member stewards, read together by {@link Transaction#rolesOf} so a backend can answer
 * in one round trip.
 *
 * @param memberships the member's memberships in any state, ordered by community id; not null
 * @param stewardships the practices the member is a steward of, each with its community; not null
 */
public record MemberRoles(List<Membership> memberships, Map<PracticeId, CommunityId> stewardships) {
    /** Copies both collections. */
    public MemberRoles {
        memberships = List.copyOf(Objects.requireNonNull(memberships, "memberships"));
        stewardships = Map.copyOf(Objects.requireNonNull(stewardships, "stewardships"));
    }
}
