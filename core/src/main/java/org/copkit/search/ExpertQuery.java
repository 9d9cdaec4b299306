package org.copkit.search;

import java.time.Instant;
import java.util.Set;
import org.copkit.Ref;
import org.copkit.community.CommunityId;
import org.copkit.domain.CompetencyId;
import org.copkit.internal.Checks;

/**
 * What {@link org.copkit.spi.SearchIndex#experts} sums up. A contribution document (one with
 * {@link ContributionFacts}) the reader may see, whose {@code countsFrom} is not after {@link #now()},
 * counts for each of its contributors when
 * <ul>
 * <li>it is in one of the {@link #communities()} and is a {@code SESSION}, or a {@code KNOWLEDGE_ITEM} or
 * {@code QUESTION} sharing a competency with {@link #competencies()}; or</li>
 * <li>its ref is one of {@link #alsoCounted()} (documents found for a text).</li>
 * </ul>
 *
 * @param competencies the competency scope (a competency and those below it); may be empty
 * @param communities the communities whose contributions count (those of the scope's domains)
 * @param alsoCounted further contribution documents that count wherever they are, at most 1,000
 * @param now the instant contributions must have started by
 * @param maxContributions how many refs of each type to return per member, the smallest ids first, 0 to 1,000
 * @param everyone also return candidates without any evidence (for rules that score them above 0)
 */
public record ExpertQuery(Set<CompetencyId> competencies, Set<CommunityId> communities, Set<Ref> alsoCounted,
        Instant now, int maxContributions, boolean everyone) {
    /** Validates and copies. */
    public ExpertQuery {
        competencies = Checks.set("expertQuery.competencies", competencies, 100_000);
        communities = Checks.set("expertQuery.communities", communities, 100_000);
        alsoCounted = Checks.set("expertQuery.alsoCounted", alsoCounted, 1_000);
        Checks.present("expertQuery.now", now);
        Checks.range("expertQuery.maxContributions", maxContributions, 0, 1_000);
    }
}
