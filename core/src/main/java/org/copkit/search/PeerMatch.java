package org.copkit.search;

import java.util.Set;
import org.copkit.domain.CompetencyId;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * A peer found by {@link org.copkit.spi.SearchIndex#peers}.
 *
 * @param member the peer
 * @param canTeach the peer's declared competencies among the query's {@code wanted}
 * @param sharedCompetences the peer's declared competencies among the query's {@code known}
 * @param sharedAmbitions the peer's ambitions among the query's {@code wanted}
 */
public record PeerMatch(MemberId member, Set<CompetencyId> canTeach, Set<CompetencyId> sharedCompetences,
        Set<CompetencyId> sharedAmbitions) {
    /** Validates and copies. */
    public PeerMatch {
        Checks.present("peer.member", member);
        canTeach = Set.copyOf(canTeach);
        sharedCompetences = Set.copyOf(sharedCompetences);
        sharedAmbitions = Set.copyOf(sharedAmbitions);
    }

    /** @return 3 per competency the peer can teach, 1 per shared competency and per shared ambition */
    public int score() {
        return 3 * canTeach.size() + sharedCompetences.size() + sharedAmbitions.size();
    }
}
