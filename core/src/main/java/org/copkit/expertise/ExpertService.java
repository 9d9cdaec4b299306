package org.copkit.expertise;

import java.util.List;
import org.copkit.domain.CompetencyId;

/**
 * Finds experts and peers for the acting member. Members are ranked by {@link ExpertRules} over their
 * declared level (the competency or a narrower one below it), endorsements by other members, and what
 * they demonstrably contributed: accepted answers, published knowledge items and hosted sessions. Only
 * contributions the acting member may see are counted. Members of the actor's own organisation are
 * always candidates; members of other organisations only when their profile is
 * {@code findableAsExpert}. The actor is never suggested. Obtain it from {@code kit.as(member).experts()}.
 * Thread-safe. Cost grows with the number of members and with the content of the domain's communities.
 */
public interface ExpertService {
    /** Most suggestions returned by one call. */
    int MAX_LIMIT = 50;

    /**
     * @param competency a competency; narrower competencies below it count too
     * @param limit 1 to {@link #MAX_LIMIT}
     * @return suggestions, best first
     * @throws org.copkit.NotFoundException when the competency does not exist
     * @throws org.copkit.InvalidInputException when the limit is out of range
     */
    List<ExpertSuggestion> find(CompetencyId competency, int limit);

    /**
     * Finds experts on a topic: competencies whose label (in any language) contains the text, ignoring
     * case, count as in {@link #find(CompetencyId, int)}; and the knowledge items and answered questions
     * the search index finds for the text, among what the actor may read, count as contributions.
     *
     * @param text the topic, 1 to 200 characters, not blank
     * @param limit 1 to {@link #MAX_LIMIT}
     * @return suggestions, best first
     * @throws org.copkit.InvalidInputException when the text is blank or too long, or the limit is out of range
     */
    List<ExpertSuggestion> find(String text, int limit);
}
