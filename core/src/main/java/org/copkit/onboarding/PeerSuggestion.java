package org.copkit.onboarding;

import java.util.Set;
import org.copkit.domain.CompetencyId;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;

/**
 * A member of the community worth meeting, and why.
 *
 * @param member the suggested peer
 * @param displayName their display name
 * @param organization their organisation
 * @param canTeach competencies the peer declared that the reader wants to gain (the reader's ambitions)
 * @param shared competencies both declared, or both want to gain
 * @param reason one line saying why, for example "knows Heat pumps, which you want to learn"
 */
public record PeerSuggestion(MemberId member, String displayName, OrganizationId organization,
        Set<CompetencyId> canTeach, Set<CompetencyId> shared, String reason) {
    /** Validates and copies. */
    public PeerSuggestion {
        Checks.present("peer.member", member);
        Checks.present("peer.displayName", displayName);
        Checks.present("peer.organization", organization);
        canTeach = Set.copyOf(Checks.present("peer.canTeach", canTeach));
        shared = Set.copyOf(Checks.present("peer.shared", shared));
        reason = Checks.line("peer.reason", reason, 500);
    }
}
