package org.copkit.participation;

import java.util.List;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.community.CommunityId;
import org.copkit.member.MemberId;

/**
 * Derived participation levels, as one acting member. Levels change only when
 * {@link #recompute(CommunityId)} runs (the host schedules it, for example nightly, or a maintenance
 * run does); each change is stored and recorded as a {@link org.copkit.activity.Verb#LEVEL_CHANGED}
 * activity. The granted role of a membership is never touched. Levels are visible to the member
 * themself, to active members of the community and to the system. Thread-safe.
 *
 * <p>Concurrency: {@link #recompute} runs under the community's lock: recomputations at the same
 * moment (on one node or several) store each level change once.
 */
public interface ParticipationService {
    /**
     * @param community the community
     * @param member an active member of it
     * @return the member's level; {@link Level#PERIPHERAL} with version 0 and {@code since} = joining
     *     time when no level was ever stored
     * @throws org.copkit.NotFoundException when the community does not exist, or the member is not an
     *     active member of it, or the actor is neither that member nor an active member of the community
     */
    ParticipationLevel level(CommunityId community, MemberId member);

    /**
     * @param community the community
     * @param level which level
     * @param page cursor from the previous page (a member id)
     * @return the community's active members at that level, ordered by member id
     * @throws org.copkit.NotFoundException when the community does not exist
     * @throws org.copkit.AccessDeniedException unless the actor is an active member of the community or the system
     */
    Page<ParticipationLevel> members(CommunityId community, Level level, PageRequest page);

    /**
     * Recomputes the level of every active member of the community from the activities of the rolling
     * window ending now, in one transaction; stores each change and records a LEVEL_CHANGED activity
     * for it (details {@code from} and {@code to}).
     *
     * @param community the community
     * @return the levels that changed, ordered by member id (empty when none did)
     * @throws org.copkit.NotFoundException when the community does not exist
     * @throws org.copkit.AccessDeniedException unless the actor coordinates the community or is the system
     */
    List<ParticipationLevel> recompute(CommunityId community);
}
