package org.copkit.onboarding;

import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;

/**
 * Learning paths and "start here", as one acting member. Core members and coordinators of a
 * community curate its learning paths (decided by {@link org.copkit.access.AccessRules} with
 * {@link org.copkit.access.Action#CREATE_LEARNING_PATH} and
 * {@link org.copkit.access.Action#EDIT_LEARNING_PATH}). Reads return only paths the actor may see
 * (their audience, as for knowledge items); an invisible path is reported as not found, and a
 * READ_ITEM step whose item the reader cannot see is shown as unavailable (see {@link StepView}).
 * Progress is computed from the activity log on every call, never stored. Thread-safe.
 */
public interface OnboardingService {
    /** The most answered questions, upcoming sessions and peers "start here" returns. */
    int LIMIT = 5;

    /**
     * @param draft community, content and optional audience
     * @return the new path as the creator sees it, version 1
     * @throws org.copkit.NotFoundException when the community does not exist
     * @throws org.copkit.AccessDeniedException unless a core member or coordinator of the community, or
     *     when an organisation-level audience leaves out the creator's organisation
     * @throws org.copkit.InvalidInputException when a step names a knowledge item that does not exist,
     *     belongs to another community or is invisible to the creator, or the audience names an
     *     unknown organisation
     */
    LearningPathView create(LearningPathDraft draft);

    /**
     * Replaces content and audience. READ_ITEM steps of the current path whose item the editor cannot
     * see are kept, after the editor's steps, in their original order (the editor never saw them, so
     * cannot be expected to repeat them).
     *
     * @param id the path
     * @param expectedVersion the version the caller last read
     * @param content the new content
     * @param audience the new audience
     * @return the updated path as the editor sees it
     * @throws org.copkit.NotFoundException when unknown or invisible
     * @throws org.copkit.AccessDeniedException unless a core member or coordinator of the community
     * @throws org.copkit.ConflictException when the version is stale
     * @throws org.copkit.InvalidInputException as for {@link #create}, or when keeping the hidden steps
     *     exceeds {@link LearningPathContent#MAX_STEPS}
     */
    LearningPathView update(LearningPathId id, long expectedVersion, LearningPathContent content, Audience audience);

    /**
     * @param id the path
     * @return the path as the actor sees it
     * @throws org.copkit.NotFoundException when unknown or not visible to the actor
     */
    LearningPathView get(LearningPathId id);

    /**
     * @param community the community
     * @param page cursor from the previous page
     * @return visible paths of the community, ordered by id (creation)
     * @throws org.copkit.NotFoundException when the community does not exist
     */
    Page<LearningPathView> list(CommunityId community, PageRequest page);

    /**
     * The acting member's progress along one path: READ_ITEM is done once the member viewed the item
     * (see {@link org.copkit.knowledge.KnowledgeService#viewed}) or owns it; ATTEND_SESSION once a
     * host checked the member in to a session of that kind in the community; ASK_QUESTION and
     * ANSWER_QUESTION once the member asked or answered a question in the community.
     *
     * @param id the path
     * @return the progress
     * @throws org.copkit.NotFoundException when unknown or not visible to the actor
     */
    PathProgress progress(LearningPathId id);

    /**
     * Where the acting member starts in a community: newcomer status (see
     * {@link NewcomerStatus#of}, with the kit's newcomer period), every visible learning path with
     * progress (at most 100), the most useful answered questions, upcoming sessions and suggested
     * peers. Peers are suggested only to active members: up to {@value #LIMIT} other active members
     * who declared a competency the actor wants to gain (ranked first) or share declared competencies
     * or ambitions with the actor; members of another organisation only when they opted in with
     * {@link org.copkit.member.MemberProfile#findableAsExpert()}.
     *
     * @param community the community
     * @return what the member may see of it, to start with
     * @throws org.copkit.NotFoundException when the community does not exist
     */
    StartHere startHere(CommunityId community);
}
