package org.copkit.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copkit.RuleFixtures.ORG_A;

import java.util.List;
import java.util.Set;
import org.copkit.RuleFixtures;
import org.copkit.community.Community;
import org.copkit.community.MembershipPolicy;
import org.copkit.community.MembershipState;
import org.copkit.community.Role;
import org.copkit.domain.Domain;
import org.copkit.domain.DomainId;
import org.copkit.member.MemberId;
import org.junit.jupiter.api.Test;

/** {@link AccessRules#defaults()} for marking domain changes and listing review tasks, without storage. */
class DomainChangeRulesTest {
    private static final AccessRules RULES = AccessRules.defaults();
    private static final Community WATER = RuleFixtures.community("c-water", "Water", MembershipPolicy.OPEN);
    private static final Domain ON_WATER = new Domain(RuleFixtures.DOMAIN, "Water", "", MemberId.of("creator"),
            RuleFixtures.NOW, 1);
    private static final Domain OTHER = new Domain(DomainId.of("domain-roads"), "Roads", "", MemberId.of("creator"),
            RuleFixtures.NOW, 1);

    private static Actor actor(String id, Role role, MembershipState state) {
        return Actor.of(MemberId.of(id), ORG_A, List.of(RuleFixtures.membership(WATER.id(), id, role, state)),
                Set.of());
    }

    private static AccessRequest mark(Domain d) {
        return AccessRequest.of(Action.MARK_DOMAIN_CHANGE).domain(d);
    }

    @Test
    void markDomainChange_isAllowedToACoordinatorOfACommunityOnTheDomain() {
        Actor coordinator = actor("c", Role.COORDINATOR, MembershipState.ACTIVE);

        assertThat(RULES.decide(coordinator, mark(ON_WATER).community(WATER)).allowed()).isTrue();
        assertThat(RULES.decide(coordinator, mark(ON_WATER)).allowed()).isFalse();
    }

    @Test
    void markDomainChange_isDeniedToACoordinatorWhoseCommunityIsOnAnotherDomain() {
        Decision d = RULES.decide(actor("c", Role.COORDINATOR, MembershipState.ACTIVE), mark(OTHER).community(WATER));

        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).contains("'Roads'");
    }

    @Test
    void markDomainChange_isDeniedToCoreMembersAndFormerCoordinators() {
        for (Actor a : List.of(actor("core", Role.CORE, MembershipState.ACTIVE),
                actor("left", Role.COORDINATOR, MembershipState.LEFT))) {
            assertThat(RULES.decide(a, mark(ON_WATER).community(WATER)).allowed()).as(a.member().value()).isFalse();
        }
    }

    @Test
    void markDomainChange_isAllowedToTheDomainsCreatorWithoutAnyMembership() {
        Actor creator = Actor.of(MemberId.of("creator"), ORG_A, List.of(), Set.of());

        assertThat(RULES.decide(creator, mark(OTHER)).allowed()).isTrue();
    }

    @Test
    void listReviewTasks_isForActiveCoordinatorsOnly() {
        AccessRequest r = AccessRequest.of(Action.LIST_REVIEW_TASKS).community(WATER);

        assertThat(RULES.decide(actor("c", Role.COORDINATOR, MembershipState.ACTIVE), r).allowed()).isTrue();
        assertThat(RULES.decide(actor("core", Role.CORE, MembershipState.ACTIVE), r).allowed()).isFalse();
        assertThat(RULES.decide(actor("left", Role.COORDINATOR, MembershipState.LEFT), r).allowed()).isFalse();
    }
}
