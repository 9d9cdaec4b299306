package org.copkit.community;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.member.MemberId;

/**
 * Communities and memberships, as one acting member. Communities are discoverable by every member;
 * member lists are visible to active members (pending requests and invitations to coordinators).
 * Thread-safe.
 *
 * <p>Concurrency: every change of a membership runs under its community's lock, also across
 * application nodes: a member has one membership per community, and the last active coordinator can
 * neither leave nor be demoted, however many of these calls arrive at once.
 */
public interface CommunityService {
    /**
     * Creates a community; the creator becomes its first, active coordinator.
     *
     * @param draft its properties; the domain and organisations must exist
     * @return the new community
     */
    Community create(CommunityDraft draft);

    /**
     * @return the updated community
     * @throws org.copkit.ConflictException when the version is stale
     * @throws org.copkit.AccessDeniedException unless a coordinator
     */
    Community update(CommunityId id, long expectedVersion, CommunityDraft draft);

    /**
     * @return the community
     * @throws org.copkit.NotFoundException when unknown
     */
    Community get(CommunityId id);

    /** @return communities ordered by id */
    Page<Community> list(PageRequest page);

    /**
     * The acting member joins, requests to join, or accepts an invitation, as the membership rules
     * decide.
     *
     * @return the membership, ACTIVE or PENDING
     * @throws org.copkit.AccessDeniedException when the rules refuse
     */
    Membership join(CommunityId community);

    /**
     * A coordinator approves a PENDING request.
     *
     * @return the now ACTIVE membership
     * @throws org.copkit.ConflictException when the membership is not PENDING
     */
    Membership approve(CommunityId community, MemberId member);

    /**
     * A coordinator refuses a PENDING request (the membership becomes LEFT).
     *
     * @return the membership
     */
    Membership refuse(CommunityId community, MemberId member, String reason);

    /**
     * A coordinator invites a member; the member joins with {@link #join}.
     *
     * @return the INVITED membership
     */
    Membership invite(CommunityId community, MemberId member);

    /**
     * The acting member declines an invitation.
     *
     * @return the LEFT membership
     */
    Membership decline(CommunityId community);

    /**
     * The acting member leaves. The last coordinator cannot leave.
     *
     * @return the LEFT membership
     * @throws org.copkit.ConflictException when the actor is the last active coordinator
     */
    Membership leave(CommunityId community);

    /**
     * A coordinator changes an active member's role. The last coordinator cannot be demoted.
     *
     * @return the updated membership
     * @throws org.copkit.ConflictException when demoting the last coordinator or the member is not active
     */
    Membership changeRole(CommunityId community, MemberId member, Role role);

    /**
     * @return the membership of a member in a community, if visible to the actor (their own, or any
     *     when the actor is an active member; non-active ones only to coordinators)
     */
    Optional<Membership> membership(CommunityId community, MemberId member);

    /**
     * @param states which states (empty: ACTIVE)
     * @return memberships ordered by member id; non-active states only for coordinators
     * @throws org.copkit.AccessDeniedException when the actor may not see the list
     */
    Page<Membership> memberships(CommunityId community, Set<MembershipState> states, PageRequest page);

    /** @return the acting member's own memberships in any state */
    List<Membership> mine();
}
