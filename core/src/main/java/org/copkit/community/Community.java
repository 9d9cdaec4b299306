package org.copkit.community;

import java.time.Instant;
import java.util.Set;
import org.copkit.access.AudienceLevel;
import org.copkit.domain.DomainId;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;

/**
 * A community of practice.
 *
 * @param id generated id
 * @param domain the domain it practises
 * @param name 1 to 200 characters
 * @param purpose why it exists, at most 4,000 characters
 * @param policy how members get in
 * @param organizations the organisations it spans; when not empty only their members may join
 * @param defaultAudience the audience new content gets unless its author chooses another
 * @param stage stage of development
 * @param createdBy who created it (its first coordinator)
 * @param createdAt when
 * @param version optimistic version
 */
public record Community(CommunityId id, DomainId domain, String name, String purpose, MembershipPolicy policy,
        Set<OrganizationId> organizations, AudienceLevel defaultAudience, Stage stage, MemberId createdBy,
        Instant createdAt, long version) {
    /** Validates and copies. */
    public Community {
        Checks.present("community.id", id);
        Checks.present("community.domain", domain);
        name = Checks.line("community.name", name, 200);
        purpose = Checks.text("community.purpose", purpose, 4_000);
        Checks.present("community.policy", policy);
        organizations = Checks.set("community.organizations", organizations, 100);
        Checks.present("community.defaultAudience", defaultAudience);
        Checks.present("community.stage", stage);
        Checks.present("community.createdBy", createdBy);
        Checks.present("community.createdAt", createdAt);
        Checks.nonNegative("community.version", version);
    }

    /** @return whether members of more than one organisation may take part */
    public boolean crossOrganizational() {
        return organizations.size() != 1;
    }
}
