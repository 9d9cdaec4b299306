package org.copkit.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.GAMMA;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.copkit.AccessDeniedException;
import org.copkit.ConflictException;
import org.copkit.Fixture;
import org.copkit.PageRequest;
import org.copkit.TestClock;
import org.copkit.member.MemberId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Memberships through the community service: policies, organisations, leaving, roles, who sees what. */
class CommunityServiceTest {
    private Fixture f;
    private MemberId anna; // ACME, creates the communities
    private MemberId alex; // ACME
    private MemberId bob; // BETA
    private MemberId carl; // GAMMA

    @BeforeEach
    void setUp() {
        f = Fixture.create();
        anna = f.member("anna", ACME);
        alex = f.member("alex", ACME);
        bob = f.member("bob", BETA);
        carl = f.member("carl", GAMMA);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private CommunityId community(MembershipPolicy policy) {
        return f.community(anna, CommunityDraft.of(f.domain, "C " + policy, "").withPolicy(policy));
    }

    private CommunityService as(MemberId m) {
        return f.as(m).communities();
    }

    @Test
    void create_makesTheCreatorItsFirstActiveCoordinator() {
        CommunityId c = community(MembershipPolicy.OPEN);
        Membership m = as(anna).membership(c, anna).orElseThrow();
        assertThat(m.role()).isEqualTo(Role.COORDINATOR);
        assertThat(m.state()).isEqualTo(MembershipState.ACTIVE);
        assertThat(m.joinedAt()).contains(TestClock.START);
        assertThat(as(anna).mine()).containsExactly(m);
    }

    @Test
    void join_anOpenCommunity_makesAnActiveMemberAtOnce() {
        CommunityId c = community(MembershipPolicy.OPEN);
        f.clock.advance(Duration.ofDays(1));
        Membership m = as(alex).join(c);
        assertThat(m.state()).isEqualTo(MembershipState.ACTIVE);
        assertThat(m.role()).isEqualTo(Role.MEMBER);
        assertThat(m.joinedAt()).contains(TestClock.START.plus(Duration.ofDays(1)));
        assertThatThrownBy(() -> as(alex).join(c)).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("already an active member");
    }

    @Test
    void join_anApprovalCommunity_isPendingUntilACoordinatorApproves() {
        CommunityId c = community(MembershipPolicy.APPROVAL);
        Membership pending = as(alex).join(c);
        assertThat(pending.state()).isEqualTo(MembershipState.PENDING);
        assertThat(pending.joinedAt()).isEmpty();
        assertThat(as(anna).memberships(c, Set.of(MembershipState.PENDING), PageRequest.first()).items())
                .containsExactly(pending);
        assertThatThrownBy(() -> as(bob).approve(c, alex)).isInstanceOf(AccessDeniedException.class);

        Membership active = as(anna).approve(c, alex);
        assertThat(active.state()).isEqualTo(MembershipState.ACTIVE);
        assertThat(active.joinedAt()).isPresent();
        assertThat(as(alex).memberships(c, Set.of(), PageRequest.first()).items())
                .extracting(Membership::member).containsExactly(alex, anna);
        assertThatThrownBy(() -> as(anna).approve(c, alex)).isInstanceOf(ConflictException.class);
    }

    @Test
    void refuse_endsAPendingRequest_andTheMemberMayAskAgain() {
        CommunityId c = community(MembershipPolicy.APPROVAL);
        as(bob).join(c);
        Membership refused = as(anna).refuse(c, bob, "Not now");
        assertThat(refused.state()).isEqualTo(MembershipState.LEFT);
        assertThat(as(anna).memberships(c, Set.of(MembershipState.PENDING), PageRequest.first()).items()).isEmpty();
        assertThat(as(bob).join(c).state()).isEqualTo(MembershipState.PENDING);
    }

    @Test
    void invitationCommunity_admitsOnlyInvitedMembers_whoJoinOrDecline() {
        CommunityId c = community(MembershipPolicy.INVITATION);
        assertThatThrownBy(() -> as(alex).join(c)).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("invitation");
        Membership invited = as(anna).invite(c, alex);
        assertThat(invited.state()).isEqualTo(MembershipState.INVITED);
        assertThat(invited.invitedBy()).contains(anna);
        assertThatThrownBy(() -> as(anna).invite(c, alex)).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("already invited");
        Membership joined = as(alex).join(c);
        assertThat(joined.state()).isEqualTo(MembershipState.ACTIVE);
        assertThat(joined.invitedBy()).contains(anna);

        as(anna).invite(c, bob);
        Membership declined = as(bob).decline(c);
        assertThat(declined.state()).isEqualTo(MembershipState.LEFT);
        assertThatThrownBy(() -> as(bob).decline(c)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("no invitation");
        assertThatThrownBy(() -> as(bob).join(c)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aCommunitySpanningOrganisations_admitsOnlyTheirMembers() {
        CommunityId c = f.community(anna, CommunityDraft.of(f.domain, "Acme and Beta", "").spanning(ACME, BETA));
        assertThat(as(bob).join(c).state()).isEqualTo(MembershipState.ACTIVE);
        assertThatThrownBy(() -> as(carl).join(c)).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("carl").hasMessageContaining("gamma");
        assertThatThrownBy(() -> as(anna).invite(c, carl)).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("gamma");
        assertThat(as(carl).membership(c, carl)).isEmpty();
    }

    @Test
    void leave_endsTheMembership_butNotForTheLastCoordinator() {
        CommunityId c = community(MembershipPolicy.OPEN);
        as(alex).join(c);
        Membership left = as(alex).leave(c);
        assertThat(left.state()).isEqualTo(MembershipState.LEFT);
        assertThatThrownBy(() -> as(alex).leave(c)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> as(anna).leave(c)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("last coordinator");

        as(alex).join(c);
        as(anna).changeRole(c, alex, Role.COORDINATOR);
        assertThat(as(anna).leave(c).state()).isEqualTo(MembershipState.LEFT);
        assertThatThrownBy(() -> as(alex).leave(c)).isInstanceOf(ConflictException.class);
        // a member who left may join an open community again
        assertThat(as(anna).join(c).role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void changeRole_promotesAndDemotes_butNeverTheLastCoordinator() {
        CommunityId c = community(MembershipPolicy.OPEN);
        as(alex).join(c);
        assertThat(as(anna).changeRole(c, alex, Role.CORE).role()).isEqualTo(Role.CORE);
        assertThatThrownBy(() -> as(alex).changeRole(c, alex, Role.COORDINATOR))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as(anna).changeRole(c, anna, Role.CORE)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("last coordinator");
        assertThatThrownBy(() -> as(anna).changeRole(c, bob, Role.CORE)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("not an active member");
        as(anna).changeRole(c, alex, Role.COORDINATOR);
        assertThat(as(alex).changeRole(c, anna, Role.MEMBER).role()).isEqualTo(Role.MEMBER);
        assertThatThrownBy(() -> as(anna).changeRole(c, alex, Role.MEMBER)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void memberLists_areForActiveMembers_andRequestsForCoordinators() {
        CommunityId c = community(MembershipPolicy.APPROVAL);
        as(alex).join(c);
        as(anna).approve(c, alex);
        as(bob).join(c);

        assertThat(as(alex).memberships(c, Set.of(), PageRequest.first()).items()).extracting(Membership::member)
                .containsExactly(alex, anna);
        assertThatThrownBy(() -> as(alex).memberships(c, Set.of(MembershipState.PENDING), PageRequest.first()))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("coordinators");
        assertThatThrownBy(() -> as(bob).memberships(c, Set.of(), PageRequest.first()))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("active members");
        assertThatThrownBy(() -> as(carl).memberships(c, Set.of(), PageRequest.first()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(as(anna).memberships(c, EnumSet.allOf(MembershipState.class), PageRequest.first()).items())
                .extracting(Membership::member).containsExactly(alex, anna, bob);
        assertThat(f.kit.system().communities().memberships(c, Set.of(MembershipState.PENDING),
                PageRequest.first()).items()).extracting(Membership::member).containsExactly(bob);

        // single memberships: own always, active ones to active members, pending ones to coordinators only
        assertThat(as(bob).membership(c, bob)).map(Membership::state).contains(MembershipState.PENDING);
        assertThat(as(bob).membership(c, alex)).isEmpty();
        assertThat(as(alex).membership(c, anna)).isPresent();
        assertThat(as(alex).membership(c, bob)).isEmpty();
        assertThat(as(anna).membership(c, bob)).isPresent();

        // a member who left loses the list
        as(alex).leave(c);
        assertThatThrownBy(() -> as(alex).memberships(c, Set.of(), PageRequest.first()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(as(alex).mine()).extracting(Membership::state).containsExactly(MembershipState.LEFT);
    }

    @Test
    void update_isForCoordinators_andCommunitiesAreDiscoverableByEveryone() {
        CommunityId c = community(MembershipPolicy.OPEN);
        Community current = as(carl).get(c);
        assertThat(as(carl).list(PageRequest.first()).items()).containsExactly(current);
        assertThatThrownBy(() -> as(carl).update(c, current.version(), CommunityDraft.of(f.domain, "Mine", "")))
                .isInstanceOf(AccessDeniedException.class);
        Community renamed = as(anna).update(c, current.version(), CommunityDraft.of(f.domain, "Renamed", "")
                .inStage(Stage.MATURING));
        assertThat(renamed.name()).isEqualTo("Renamed");
        assertThat(renamed.version()).isEqualTo(current.version() + 1);
        assertThat(renamed.createdBy()).isEqualTo(anna);
        assertThat(as(carl).get(c)).isEqualTo(renamed);
        assertThat(Optional.of(renamed.stage())).contains(Stage.MATURING);
    }
}
