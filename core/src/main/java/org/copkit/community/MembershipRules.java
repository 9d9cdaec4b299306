package org.copkit.community;

import java.util.Optional;
import org.copkit.access.Decision;
import org.copkit.member.Member;

/**
 * Decides how members enter a community. Replace or extend through
 * {@code CopKit.builder().membershipRules(...)}. Implementations are pure and thread-safe.
 */
public interface MembershipRules {
    /**
     * A member asks to join.
     *
     * @param community the community
     * @param member who asks
     * @param current their membership, in any state, if one exists
     * @return the state the membership gets (ACTIVE or PENDING), or a denial
     */
    JoinDecision join(Community community, Member member, Optional<Membership> current);

    /**
     * A coordinator invites a member.
     *
     * @param community the community
     * @param invitee who is invited
     * @param current their membership, in any state, if one exists
     * @return allow or deny
     */
    Decision invite(Community community, Member invitee, Optional<Membership> current);

    /**
     * The defaults: members of organisations outside a community's {@link Community#organizations()}
     * (when it names any) may neither join nor be invited; active members cannot join again; members
     * holding an invitation join at once; OPEN communities admit at once (also members whose earlier
     * request is still pending), APPROVAL communities make the request PENDING and refuse to repeat a
     * pending request, INVITATION communities admit only members holding an invitation. Coordinators
     * may invite anyone allowed by the organisation restriction who is not already ACTIVE or INVITED.
     *
     * @return the default rules
     */
    static MembershipRules defaults() {
        return DefaultMembershipRules.INSTANCE;
    }

    /**
     * Outcome of {@link #join}.
     *
     * @param decision allow or deny
     * @param state the state the membership gets when allowed
     */
    record JoinDecision(Decision decision, MembershipState state) {
        /** @return admitted with the given state */
        public static JoinDecision admit(MembershipState state) {
            return new JoinDecision(Decision.allow(), state);
        }

        /** @return refused with a reason */
        public static JoinDecision refuse(String reason) {
            return new JoinDecision(Decision.deny(reason), MembershipState.LEFT);
        }
    }
}
