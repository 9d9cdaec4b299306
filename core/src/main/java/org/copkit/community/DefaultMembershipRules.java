package org.copkit.community;

import java.util.Optional;
import org.copkit.access.Decision;
import org.copkit.member.Member;

/** The rules documented on {@link MembershipRules#defaults()}. */
final class DefaultMembershipRules implements MembershipRules {
    static final DefaultMembershipRules INSTANCE = new DefaultMembershipRules();

    private DefaultMembershipRules() {}

    @Override
    public JoinDecision join(Community community, Member member, Optional<Membership> current) {
        Decision org = organizationAllowed(community, member);
        if (!org.allowed()) {
            return new JoinDecision(org, MembershipState.LEFT);
        }
        MembershipState state = current.map(Membership::state).orElse(MembershipState.LEFT);
        if (state == MembershipState.ACTIVE) {
            return JoinDecision.refuse(member.id() + " is already an active member of '" + community.name() + "'");
        }
        if (state == MembershipState.INVITED) {
            return JoinDecision.admit(MembershipState.ACTIVE);
        }
        if (state == MembershipState.PENDING && community.policy() == MembershipPolicy.APPROVAL) {
            return JoinDecision.refuse(member.id() + " already asked to join '" + community.name()
                    + "'; the request awaits a coordinator's approval");
        }
        return switch (community.policy()) {
            case OPEN -> JoinDecision.admit(MembershipState.ACTIVE);
            case APPROVAL -> JoinDecision.admit(MembershipState.PENDING);
            case INVITATION -> JoinDecision.refuse("community '" + community.name()
                    + "' admits members by invitation only");
        };
    }

    @Override
    public Decision invite(Community community, Member invitee, Optional<Membership> current) {
        Decision org = organizationAllowed(community, invitee);
        if (!org.allowed()) {
            return org;
        }
        MembershipState state = current.map(Membership::state).orElse(MembershipState.LEFT);
        if (state == MembershipState.ACTIVE || state == MembershipState.INVITED) {
            return Decision.deny(invitee.id() + " is already " + state.name().toLowerCase(java.util.Locale.ROOT)
                    + " in '" + community.name() + "'");
        }
        return Decision.allow();
    }

    private static Decision organizationAllowed(Community community, Member member) {
        if (!community.organizations().isEmpty() && !community.organizations().contains(member.organization())) {
            return Decision.deny("community '" + community.name() + "' spans organisations "
                    + community.organizations() + "; " + member.id() + " belongs to " + member.organization());
        }
        return Decision.allow();
    }
}
