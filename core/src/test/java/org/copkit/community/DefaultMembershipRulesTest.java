package org.copkit.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copkit.RuleFixtures.ORG_A;
import static org.copkit.RuleFixtures.ORG_B;
import static org.copkit.RuleFixtures.ORG_C;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.copkit.RuleFixtures;
import org.copkit.access.Decision;
import org.copkit.community.MembershipRules.JoinDecision;
import org.copkit.member.Member;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link MembershipRules#defaults()}: policy × current membership, the organisation restriction and invitations. */
class DefaultMembershipRulesTest {
    private static final MembershipRules RULES = MembershipRules.defaults();
    private static final Member ANN = RuleFixtures.member("ann", ORG_A);

    private static Community community(MembershipPolicy policy, org.copkit.member.OrganizationId... spanning) {
        return RuleFixtures.community("c-" + policy.name().toLowerCase(java.util.Locale.ROOT),
                "Community " + policy, policy, spanning);
    }

    private static Optional<Membership> current(Community c, Optional<MembershipState> state) {
        return state.map(s -> RuleFixtures.membership(c.id(), "ann", Role.MEMBER, s));
    }

    /** The resulting state, or null for a refusal. */
    private static MembershipState expected(MembershipPolicy policy, Optional<MembershipState> current) {
        MembershipState s = current.orElse(null);
        if (s == MembershipState.ACTIVE) {
            return null;
        }
        if (s == MembershipState.INVITED) {
            return MembershipState.ACTIVE;
        }
        return switch (policy) {
            case OPEN -> MembershipState.ACTIVE;
            case APPROVAL -> s == MembershipState.PENDING ? null : MembershipState.PENDING;
            case INVITATION -> null;
        };
    }

    static Stream<Arguments> policyTimesMembership() {
        List<Arguments> rows = new ArrayList<>();
        List<Optional<MembershipState>> states = new ArrayList<>();
        states.add(Optional.empty());
        for (MembershipState s : MembershipState.values()) {
            states.add(Optional.of(s));
        }
        for (MembershipPolicy policy : MembershipPolicy.values()) {
            for (Optional<MembershipState> state : states) {
                rows.add(Arguments.of(policy, state, expected(policy, state)));
            }
        }
        return rows.stream();
    }

    @Test
    void joinTable_spellsOutTheExpectedOutcomes() {
        assertThat(expected(MembershipPolicy.OPEN, Optional.empty())).isEqualTo(MembershipState.ACTIVE);
        assertThat(expected(MembershipPolicy.OPEN, Optional.of(MembershipState.LEFT))).isEqualTo(MembershipState.ACTIVE);
        assertThat(expected(MembershipPolicy.APPROVAL, Optional.empty())).isEqualTo(MembershipState.PENDING);
        assertThat(expected(MembershipPolicy.APPROVAL, Optional.of(MembershipState.LEFT)))
                .isEqualTo(MembershipState.PENDING);
        assertThat(expected(MembershipPolicy.INVITATION, Optional.of(MembershipState.INVITED)))
                .isEqualTo(MembershipState.ACTIVE);
        assertThat(expected(MembershipPolicy.INVITATION, Optional.empty())).isNull();
    }

    @ParameterizedTest(name = "{0} with membership {1} -> {2}")
    @MethodSource("policyTimesMembership")
    void join_followsPolicyAndCurrentMembership(MembershipPolicy policy, Optional<MembershipState> state,
            MembershipState outcome) {
        Community c = community(policy);

        JoinDecision d = RULES.join(c, ANN, current(c, state));

        if (outcome == null) {
            assertThat(d.decision().allowed()).isFalse();
            assertThat(d.decision().reason()).isNotBlank().contains("'" + c.name() + "'");
        } else {
            assertThat(d.decision().allowed()).as(d.decision().reason()).isTrue();
            assertThat(d.state()).isEqualTo(outcome);
        }
    }

    @Test
    void join_makesRequestPending_whenPolicyIsApproval() {
        JoinDecision d = RULES.join(community(MembershipPolicy.APPROVAL), ANN, Optional.empty());

        assertThat(d).isEqualTo(JoinDecision.admit(MembershipState.PENDING));
    }

    @Test
    void join_refusesARepeatedRequest_whenOneIsPendingUnderApproval() {
        Community c = community(MembershipPolicy.APPROVAL);

        JoinDecision d = RULES.join(c, ANN, current(c, Optional.of(MembershipState.PENDING)));

        assertThat(d.decision().allowed()).isFalse();
        assertThat(d.decision().reason()).contains("ann").contains("already asked");
    }

    @Test
    void join_refusesAnActiveMember_namingMemberAndCommunity() {
        Community c = community(MembershipPolicy.OPEN);

        JoinDecision d = RULES.join(c, ANN, current(c, Optional.of(MembershipState.ACTIVE)));

        assertThat(d.decision().reason()).contains("ann").contains("already an active member")
                .contains("'Community OPEN'");
    }

    @ParameterizedTest
    @EnumSource(MembershipPolicy.class)
    void join_isRefused_whenTheMembersOrganizationIsOutsideTheCommunity(MembershipPolicy policy) {
        Community c = community(policy, ORG_B, ORG_C);

        JoinDecision d = RULES.join(c, ANN, Optional.empty());

        assertThat(d.decision().allowed()).isFalse();
        assertThat(d.decision().reason()).contains(c.name()).contains(ORG_A.value()).contains("ann");
    }

    @Test
    void join_isRefused_evenWithAnInvitation_whenTheOrganizationIsOutsideTheCommunity() {
        Community c = community(MembershipPolicy.INVITATION, ORG_B);

        JoinDecision d = RULES.join(c, ANN, current(c, Optional.of(MembershipState.INVITED)));

        assertThat(d.decision().allowed()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(MembershipPolicy.class)
    void join_followsThePolicy_whenTheMembersOrganizationIsOneOfTheCommunitys(MembershipPolicy policy) {
        Community c = community(policy, ORG_A, ORG_B);

        JoinDecision d = RULES.join(c, ANN, Optional.empty());

        assertThat(d.decision().allowed()).isEqualTo(policy != MembershipPolicy.INVITATION);
    }

    @Test
    void join_admitsAnyOrganization_whenTheCommunityNamesNone() {
        Community c = community(MembershipPolicy.OPEN);

        assertThat(RULES.join(c, RuleFixtures.member("zed", ORG_C), Optional.empty()).decision().allowed()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = MembershipState.class, names = {"LEFT", "PENDING"})
    void invite_isAllowed_forMembersWhoLeftOrArePending(MembershipState state) {
        Community c = community(MembershipPolicy.INVITATION);

        assertThat(RULES.invite(c, ANN, current(c, Optional.of(state))).allowed()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(MembershipPolicy.class)
    void invite_isAllowed_forSomeoneWithoutMembership_underEveryPolicy(MembershipPolicy policy) {
        assertThat(RULES.invite(community(policy), ANN, Optional.empty()).allowed()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = MembershipState.class, names = {"ACTIVE", "INVITED"})
    void invite_isDenied_forMembersWhoAreActiveOrAlreadyInvited(MembershipState state) {
        Community c = community(MembershipPolicy.INVITATION);

        Decision d = RULES.invite(c, ANN, current(c, Optional.of(state)));

        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).contains("ann").contains(state.name().toLowerCase(java.util.Locale.ROOT))
                .contains(c.name());
    }

    @Test
    void invite_isDenied_whenTheInviteesOrganizationIsOutsideTheCommunity() {
        Community c = community(MembershipPolicy.INVITATION, ORG_B, ORG_C);

        Decision d = RULES.invite(c, ANN, Optional.empty());

        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).contains(c.name()).contains(ORG_A.value());
    }

    @Test
    void invite_isAllowed_whenTheInviteesOrganizationIsOneOfTheCommunitys() {
        Community c = community(MembershipPolicy.INVITATION, ORG_A);

        assertThat(RULES.invite(c, ANN, Optional.empty()).allowed()).isTrue();
    }
}
