package org.copkit.search;

import java.util.Map;
import java.util.Set;
import org.copkit.community.CommunityId;
import org.copkit.domain.CompetencyId;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;
import org.copkit.member.Proficiency;

/**
 * What a member's profile document ({@code MEMBER}) tells the expert and peer finders
 * ({@link org.copkit.spi.SearchIndex#experts}, {@link org.copkit.spi.SearchIndex#peers}). CoPKit builds it
 * from the member, their live endorsements and their memberships; the index stores it with the document.
 * Who may find the member as a candidate is the document's visibility (findable members platform-wide,
 * the others within their organisation).
 *
 * @param member the member
 * @param organization their organisation
 * @param findableAsExpert whether members of other organisations may find them
 * @param competences declared competencies with their level
 * @param ambitions competencies they want to gain
 * @param endorsers per competency, the distinct members who endorse it now (withdrawn endorsements left out)
 * @param activeIn communities in which the member is active
 */
public record ProfileFacts(MemberId member, OrganizationId organization, boolean findableAsExpert,
        Map<CompetencyId, Proficiency> competences, Set<CompetencyId> ambitions,
        Map<CompetencyId, Set<MemberId>> endorsers, Set<CommunityId> activeIn) {
    /** Validates and copies. */
    public ProfileFacts {
        Checks.present("profile.member", member);
        Checks.present("profile.organization", organization);
        competences = Map.copyOf(Checks.present("profile.competences", competences));
        ambitions = Set.copyOf(Checks.present("profile.ambitions", ambitions));
        endorsers = Checks.present("profile.endorsers", endorsers).entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
        activeIn = Set.copyOf(Checks.present("profile.activeIn", activeIn));
    }
}
