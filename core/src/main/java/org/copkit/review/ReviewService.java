package org.copkit.review;

import java.util.Set;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.community.CommunityId;
import org.copkit.domain.CompetencyId;
import org.copkit.domain.DomainId;

/**
 * Review tasks and event-driven freshness, as one acting member. Reviewing itself happens on the item:
 * {@link org.copkit.knowledge.KnowledgeService#confirm confirm}, {@code edit},
 * {@code supersede} or {@code archive}. Listings return only tasks whose item the actor may see.
 * Thread-safe.
 *
 * <p>Concurrency: marking a domain change flags each linked item under the item's lock, so an
 * item has one open review task per flagging, whatever runs at the same time.
 */
public interface ReviewService {
    /**
     * Marks a change in a domain (for example "subsidy rules changed"): every PUBLISHED item in the
     * communities on the domain that is linked to one of the competencies (or a narrower competency
     * below one of them) or carries one of the tags becomes NEEDS_REVIEW with an open review task
     * carrying the note. Items already NEEDS_REVIEW, drafts, archived and superseded items are left
     * alone. Records a {@link org.copkit.activity.Verb#DOMAIN_CHANGED} activity on the domain and a
     * {@link org.copkit.activity.Verb#FLAGGED} activity per item.
     *
     * @param domain the domain
     * @param competencies competencies of that domain affected, at most 32
     * @param tags tags affected (compared in lower case), at most 32; with the competencies at least one
     * @param note what changed, 1 to 1,000 characters
     * @return the flagged items the actor may see
     * @throws org.copkit.NotFoundException when the domain does not exist
     * @throws org.copkit.InvalidInputException when a competency is unknown or of another domain, both
     *     sets are empty or the note is blank
     * @throws org.copkit.AccessDeniedException unless the domain's creator, a coordinator of a community on
     *     the domain, or the system
     */
    FreshnessReport markDomainChange(DomainId domain, Set<CompetencyId> competencies, Set<String> tags, String note);

    /**
     * @param id a task id
     * @return the task
     * @throws org.copkit.NotFoundException when unknown or its item is not visible to the actor
     */
    ReviewTask get(ReviewTaskId id);

    /**
     * @param statuses only these statuses (empty: OPEN only)
     * @param page keyset page; ordered by task id (creation)
     * @return tasks assigned to the actor whose item the actor may see
     */
    Page<ReviewTask> mine(Set<ReviewTaskStatus> statuses, PageRequest page);

    /**
     * @param community the community
     * @param statuses only these statuses (empty: OPEN only)
     * @param page keyset page; ordered by task id (creation)
     * @return the community's tasks whose item the actor may see
     * @throws org.copkit.NotFoundException when the community does not exist
     * @throws org.copkit.AccessDeniedException unless a coordinator of the community (or the system)
     */
    Page<ReviewTask> inCommunity(CommunityId community, Set<ReviewTaskStatus> statuses, PageRequest page);
}
