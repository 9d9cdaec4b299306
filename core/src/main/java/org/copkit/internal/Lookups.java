package org.copkit.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.community.Practice;
import org.copkit.community.PracticeId;
import org.copkit.domain.CompetencyId;
import org.copkit.member.OrganizationId;

/**
 * The reference data a call looks up again and again (communities, practices, competencies,
 * organisations), loaded through {@link Load} once per call and then remembered: a bulk import of 1,000
 * items into one community reads that community once. Valid within one call (one transaction) only.
 */
final class Lookups {
    private final Call call;
    private final Map<CommunityId, Community> communities = new HashMap<>();
    private final Map<PracticeId, Practice> practices = new HashMap<>();
    private final Set<CompetencyId> competencies = new HashSet<>();
    private final Set<OrganizationId> organizations = new HashSet<>();

    Lookups(Call call) {
        this.call = call;
    }

    /** @see Load#community */
    Community community(CommunityId id) {
        Community c = communities.get(id);
        if (c == null) {
            // read with the actor when the call asked for it up front (same transaction), else now
            c = call.prefetchedCommunity(id).map(found -> found.orElseThrow(
                    () -> new org.copkit.NotFoundException("community " + id + " does not exist")))
                    .orElseGet(() -> Load.community(call.tx, id));
            communities.put(id, c);
        }
        return c;
    }

    /** @see Load#practiceIn */
    Optional<Practice> practiceIn(Community community, Optional<PracticeId> id) {
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Practice known = practices.get(id.get());
        if (known != null && known.community().equals(community.id())) {
            return Optional.of(known);
        }
        Optional<Practice> p = Load.practiceIn(call.tx, community, id);
        p.ifPresent(x -> practices.put(x.id(), x));
        return p;
    }

    /** @see Load#requireCompetencies */
    void requireCompetencies(String field, Iterable<CompetencyId> ids) {
        for (CompetencyId c : ids) {
            if (!competencies.contains(c)) {
                Load.requireCompetencies(call.tx, field, List.of(c));
                competencies.add(c);
            }
        }
    }

    /** @see Load#requireOrganization */
    void requireOrganization(String field, OrganizationId id) {
        if (!organizations.contains(id)) {
            Load.requireOrganization(call.tx, field, id);
            organizations.add(id);
        }
    }
}
