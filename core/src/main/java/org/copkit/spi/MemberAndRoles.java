package org.copkit.spi;

import java.util.Objects;
import org.copkit.member.Member;

/**
 * A registered member together with the roles its access depends on: what loading an actor needs,
 * read by {@link Transaction#memberAndRoles} so a backend can answer in one round trip.
 *
 * @param member the member row; not null
 * @param roles the member's memberships and stewarded practices; not null
 */
public record MemberAndRoles(Member member, MemberRoles roles) {
    /** Checks both are present. */
    public MemberAndRoles {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(roles, "roles");
    }
}
