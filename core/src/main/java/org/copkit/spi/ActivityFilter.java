package org.copkit.spi;

import java.util.Optional;
import org.copkit.Ref;
import org.copkit.community.CommunityId;
import org.copkit.member.MemberId;

/**
 * Which activities to list; empty parts match everything.
 *
 * @param community only activities in this community
 * @param actor only activities by this member
 * @param object only activities on this object
 */
public record ActivityFilter(Optional<CommunityId> community, Optional<MemberId> actor, Optional<Ref> object) {
    /** @return a filter that matches every activity */
    public static ActivityFilter all() {
        return new ActivityFilter(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
