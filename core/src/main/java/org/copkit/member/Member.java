package org.copkit.member;

import java.time.Instant;
import org.copkit.internal.Checks;

/**
 * A person in the platform, keyed by the host application's own user id.
 *
 * @param id the host's user id
 * @param profile what the member tells about themselves
 * @param registeredAt when the member was registered
 * @param version optimistic version, 1 after registration
 */
public record Member(MemberId id, MemberProfile profile, Instant registeredAt, long version) {
    /** Validates. */
    public Member {
        Checks.present("member.id", id);
        Checks.present("member.profile", profile);
        Checks.present("member.registeredAt", registeredAt);
        Checks.nonNegative("member.version", version);
    }

    /** @return the member's organisation */
    public OrganizationId organization() {
        return profile.organization();
    }

    /** @return the member's display name */
    public String displayName() {
        return profile.displayName();
    }
}
