package org.copkit.search;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.copkit.domain.CompetencyId;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * What a knowledge item, question or session document tells the expert finder
 * ({@link org.copkit.spi.SearchIndex#experts}): who gets credit for it, on which competencies, and from
 * when. CoPKit attaches it only while the object counts as a contribution: a current ({@code PUBLISHED}
 * or {@code NEEDS_REVIEW}) item, credited to its owner; an answered question, credited to the author of
 * the accepted answer; a session that is not cancelled, credited to its hosts from its start on. The
 * document's community and visibility are those of the object.
 *
 * @param contributors who is credited
 * @param competencies the object's competencies (empty for sessions, which count for their community)
 * @param countsFrom the contribution counts only at or after this instant (a session's start); empty: always
 */
public record ContributionFacts(Set<MemberId> contributors, Set<CompetencyId> competencies,
        Optional<Instant> countsFrom) {
    /** Validates and copies. */
    public ContributionFacts {
        contributors = Set.copyOf(Checks.present("contribution.contributors", contributors));
        competencies = Set.copyOf(Checks.present("contribution.competencies", competencies));
        Checks.present("contribution.countsFrom", countsFrom);
    }
}
