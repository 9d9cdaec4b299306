package org.copkit.spi;

import org.copkit.community.CommunityId;
import org.copkit.member.MemberId;

/**
 * Key of a membership.
 *
 * @param community the community
 * @param member the member
 */
public record MembershipKey(CommunityId community, MemberId member) {
    /** @return the key as one string, {@code communityId/memberId}, as used in {@link org.copkit.Ref} */
    @Override
    public String toString() {
        return community.value() + "/" + member.value();
    }
}
