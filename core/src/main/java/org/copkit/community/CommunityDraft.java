package org.copkit.community;

import java.util.Set;
import org.copkit.access.AudienceLevel;
import org.copkit.domain.DomainId;
import org.copkit.internal.Checks;
import org.copkit.member.OrganizationId;

/**
 * The properties of a community, to create or change one.
 *
 * @param domain the domain it practises
 * @param name 1 to 200 characters
 * @param purpose at most 4,000 characters
 * @param policy how members get in
 * @param organizations the organisations it spans (empty: any); must be registered
 * @param defaultAudience audience of new content
 * @param stage stage of development
 */
public record CommunityDraft(DomainId domain, String name, String purpose, MembershipPolicy policy,
        Set<OrganizationId> organizations, AudienceLevel defaultAudience, Stage stage) {
    /** Validates. */
    public CommunityDraft {
        Checks.present("community.domain", domain);
        name = Checks.line("community.name", name, 200);
        purpose = Checks.text("community.purpose", purpose, 4_000);
        Checks.present("community.policy", policy);
        organizations = Checks.set("community.organizations", organizations, 100);
        Checks.present("community.defaultAudience", defaultAudience);
        Checks.present("community.stage", stage);
    }

    /**
     * @param domain the domain
     * @param name the name
     * @param purpose why it exists
     * @return an OPEN community open to any organisation, COMMUNITY audience, POTENTIAL stage
     */
    public static CommunityDraft of(DomainId domain, String name, String purpose) {
        return new CommunityDraft(domain, name, purpose, MembershipPolicy.OPEN, Set.of(), AudienceLevel.COMMUNITY,
                Stage.POTENTIAL);
    }

    /** @return a copy with another policy */
    public CommunityDraft withPolicy(MembershipPolicy policy) {
        return new CommunityDraft(domain, name, purpose, policy, organizations, defaultAudience, stage);
    }

    /** @return a copy spanning the given organisations */
    public CommunityDraft spanning(OrganizationId... organizations) {
        return new CommunityDraft(domain, name, purpose, policy, Set.of(organizations), defaultAudience, stage);
    }

    /** @return a copy with another default audience */
    public CommunityDraft withDefaultAudience(AudienceLevel audience) {
        return new CommunityDraft(domain, name, purpose, policy, organizations, audience, stage);
    }

    /** @return a copy in another stage */
    public CommunityDraft inStage(Stage stage) {
        return new CommunityDraft(domain, name, purpose, policy, organizations, defaultAudience, stage);
    }
}
