package org.copkit.access;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.PracticeId;
import org.copkit.community.Role;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;

/**
 * The acting member with everything rules need to decide: organisation, memberships and stewarded
 * practices, as of the start of the call. Rules receive it; tests build it directly.
 *
 * @param member who acts ({@link MemberId#SYSTEM} for the host)
 * @param organization their organisation
 * @param memberships their memberships in any state, by community
 * @param stewardOf the practices they steward
 * @param system whether this is the host's system actor
 */
public record Actor(MemberId member, OrganizationId organization, Map<CommunityId, Membership> memberships,
        Set<PracticeId> stewardOf, boolean system) {
    /** The organisation id the system actor reports. */
    public static final OrganizationId SYSTEM_ORGANIZATION = OrganizationId.of("copkit:system");

    /** Validates and copies. */
    public Actor {
        Checks.present("actor.member", member);
        Checks.present("actor.organization", organization);
        memberships = Map.copyOf(memberships);
        stewardOf = Set.copyOf(stewardOf);
    }

    /** @return the host's system actor, which may do everything */
    public static Actor systemActor() {
        return new Actor(MemberId.SYSTEM, SYSTEM_ORGANIZATION, Map.of(), Set.of(), true);
    }

    /**
     * @param member a member
     * @param organization their organisation
     * @param memberships their memberships
     * @param stewardOf practices they steward
     * @return an ordinary actor
     */
    public static Actor of(MemberId member, OrganizationId organization, Iterable<Membership> memberships,
            Set<PracticeId> stewardOf) {
        Map<CommunityId, Membership> byCommunity = new java.util.HashMap<>();
        memberships.forEach(m -> byCommunity.put(m.community(), m));
        return new Actor(member, organization, byCommunity, stewardOf, false);
    }

    /** @return the membership in a community, in any state */
    public Optional<Membership> membership(CommunityId community) {
        return Optional.ofNullable(memberships.get(community));
    }

    /** @return the role in a community where the actor is an ACTIVE member */
    public Optional<Role> activeRole(CommunityId community) {
        return membership(community).filter(Membership::active).map(Membership::role);
    }

    /** @return whether the actor is an active member of the community */
    public boolean isActiveIn(CommunityId community) {
        return activeRole(community).isPresent();
    }

    /** @return whether the actor is an active coordinator of the community */
    public boolean coordinates(CommunityId community) {
        return activeRole(community).map(r -> r == Role.COORDINATOR).orElse(false);
    }

    /** @return whether the actor is an active core member or coordinator of the community */
    public boolean reviewsIn(CommunityId community) {
        return activeRole(community).map(Role::reviews).orElse(false);
    }

    /** @return whether the actor stewards the practice */
    public boolean stewards(PracticeId practice) {
        return stewardOf.contains(practice);
    }

    /** @return the reader scope for visibility decisions */
    public ViewerScope scope() {
        Set<CommunityId> active = memberships.values().stream().filter(Membership::active)
                .map(Membership::community).collect(Collectors.toSet());
        Set<CommunityId> reviewer = memberships.values().stream().filter(m -> m.active() && m.role().reviews())
                .map(Membership::community).collect(Collectors.toSet());
        return new ViewerScope(member, organization, active, reviewer, stewardOf, system);
    }

    /** @return whether the actor may see an object with the given visibility */
    public boolean canSee(Visibility visibility) {
        return scope().canSee(visibility);
    }
}
