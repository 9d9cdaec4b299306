package org.copkit.expertise;

import org.copkit.internal.Checks;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;

/**
 * A member suggested as an expert or peer.
 *
 * @param member who
 * @param displayName their display name
 * @param organization their organisation
 * @param score the {@link ExpertRules} score; suggestions are ordered by it, highest first, then by member id
 * @param evidence the structured explanation
 * @param explanation the explanation as a sentence ({@link ExpertEvidence#sentence(String)})
 */
public record ExpertSuggestion(MemberId member, String displayName, OrganizationId organization, double score,
        ExpertEvidence evidence, String explanation) {
    /** Validates. */
    public ExpertSuggestion {
        Checks.present("suggestion.member", member);
        Checks.present("suggestion.displayName", displayName);
        Checks.present("suggestion.organization", organization);
        Checks.present("suggestion.evidence", evidence);
        Checks.present("suggestion.explanation", explanation);
    }
}
