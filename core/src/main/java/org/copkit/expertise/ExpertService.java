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
 * Thread-safe.
 *
 * <p>Experts are found in the search index: member profile documents carry declared competences with
 * levels, ambitions, live endorsements, organisation and {@code findableAsExpert}; item, question and
 * session documents carry whom they credit (see {@link org.copkit.search.ProfileFacts},
 * {@link org.copkit.search.ContributionFacts}). One aggregation over them gives the evidence; cost grows
 * with the number of matching documents, not with all members and content.
 *
 * <p>Consistency: the background indexer updates the index after each commit. Like every search, each
 * call first waits (bounded by the kit's {@code searchWait}) until the index has applied every write this
 * kit committed before the call, so the actor's own changes (an endorsement, an accepted answer, a
 * published or archived item, a cancelled session, a profile change) are always counted; changes of
 * other processes count once this kit's indexer has applied them.
 * {@link ExpertEvidence#contributions()} lists at most {@link ExpertEvidence#MAX_CONTRIBUTIONS}.
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
