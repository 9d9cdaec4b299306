package org.copkit.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.copkit.RuleFixtures.NOW;
import static org.copkit.RuleFixtures.ORG_A;
import static org.copkit.RuleFixtures.ORG_B;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.copkit.InvalidInputException;
import org.copkit.RuleFixtures;
import org.copkit.access.AccessRequest;
import org.copkit.access.AccessRules;
import org.copkit.access.Action;
import org.copkit.access.Actor;
import org.copkit.access.Audience;
import org.copkit.community.Community;
import org.copkit.community.Membership;
import org.copkit.community.MembershipPolicy;
import org.copkit.community.MembershipState;
import org.copkit.community.Role;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;
import org.copkit.session.SessionKind;
import org.junit.jupiter.api.Test;

/** Newcomer status, step validation and who may curate learning paths, decided without storage. */
class OnboardingRulesTest {
    private static final AccessRules RULES = AccessRules.defaults();
    private static final Community WATER = RuleFixtures.community("c-water", "Water", MembershipPolicy.OPEN);
    private static final Duration PERIOD = Duration.ofDays(90);

    private static Membership joined(Instant at, MembershipState state) {
        return new Membership(WATER.id(), MemberId.of("m"), Role.MEMBER, state, at, Optional.of(at), Optional.empty(),
                1);
    }

    private static Actor actor(String id, Role role, MembershipState state, org.copkit.member.OrganizationId org) {
        return Actor.of(MemberId.of(id), org, List.of(RuleFixtures.membership(WATER.id(), id, role, state)), Set.of());
    }

    @Test
    void newcomer_untilTheEndOfThePeriod_exclusive() {
        Membership m = joined(NOW, MembershipState.ACTIVE);

        assertThat(NewcomerStatus.of(Optional.of(m), PERIOD, NOW)).isEqualTo(
                new NewcomerStatus(true, Optional.of(NOW.plus(PERIOD))));
        assertThat(NewcomerStatus.of(Optional.of(m), PERIOD, NOW.plus(PERIOD).minusNanos(1)).newcomer()).isTrue();
        assertThat(NewcomerStatus.of(Optional.of(m), PERIOD, NOW.plus(PERIOD))).isEqualTo(NewcomerStatus.no());
        assertThat(NewcomerStatus.of(Optional.of(m), Duration.ofDays(7), NOW.plus(Duration.ofDays(8))).newcomer())
                .isFalse();
    }

    @Test
    void newcomer_requiresAnActiveMembership() {
        assertThat(NewcomerStatus.of(Optional.empty(), PERIOD, NOW)).isEqualTo(NewcomerStatus.no());
        assertThat(NewcomerStatus.of(Optional.of(joined(NOW, MembershipState.LEFT)), PERIOD, NOW))
                .isEqualTo(NewcomerStatus.no());
        Membership pending = new Membership(WATER.id(), MemberId.of("m"), Role.MEMBER, MembershipState.PENDING, NOW,
                Optional.empty(), Optional.empty(), 1);
        assertThat(NewcomerStatus.of(Optional.of(pending), PERIOD, NOW)).isEqualTo(NewcomerStatus.no());
    }

    @Test
    void newcomer_rejectsAPeriodThatIsNotPositive() {
        assertThatThrownBy(() -> NewcomerStatus.of(Optional.empty(), Duration.ZERO, NOW))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("period");
        assertThatThrownBy(() -> new NewcomerStatus(true, Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("newcomer.until");
    }

    @Test
    void steps_carryTheirTargetExactlyForTheirKind() {
        assertThat(LearningStep.read("Read", KnowledgeItemId.of("i-1")).item()).contains(KnowledgeItemId.of("i-1"));
        assertThat(LearningStep.attend("Go", SessionKind.WORKSHOP).sessionKind()).contains(SessionKind.WORKSHOP);
        assertThatThrownBy(() -> new LearningStep(StepKind.READ_ITEM, "Read", Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("step.item");
        assertThatThrownBy(() -> new LearningStep(StepKind.ASK_QUESTION, "Ask", Optional.empty(),
                Optional.of(SessionKind.MEETUP))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("step.sessionKind");
        assertThatThrownBy(() -> LearningStep.ask(" ")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("step.title");
        assertThatThrownBy(() -> LearningStep.ask("x".repeat(LearningStep.MAX_TITLE + 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("step.title");
    }

    @Test
    void content_needsOneToFiftySteps() {
        assertThatThrownBy(() -> new LearningPathContent("Path", "", List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("path.steps");
        List<LearningStep> many = java.util.Collections.nCopies(LearningPathContent.MAX_STEPS + 1,
                LearningStep.ask("Ask"));
        assertThatThrownBy(() -> new LearningPathContent("Path", "", many))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("path.steps");
        assertThatThrownBy(() -> LearningPathContent.of("", "", LearningStep.ask("Ask")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("path.title");
    }

    @Test
    void curating_isForActiveCoreMembersAndCoordinators() {
        for (Action action : List.of(Action.CREATE_LEARNING_PATH, Action.EDIT_LEARNING_PATH)) {
            AccessRequest r = AccessRequest.of(action).community(WATER).audience(Audience.community());
            assertThat(RULES.decide(actor("co", Role.COORDINATOR, MembershipState.ACTIVE, ORG_A), r).allowed())
                    .isTrue();
            assertThat(RULES.decide(actor("core", Role.CORE, MembershipState.ACTIVE, ORG_A), r).allowed()).isTrue();
            assertThat(RULES.decide(actor("mem", Role.MEMBER, MembershipState.ACTIVE, ORG_A), r).reason())
                    .contains("core members and coordinators");
            assertThat(RULES.decide(actor("gone", Role.COORDINATOR, MembershipState.LEFT, ORG_A), r).allowed())
                    .isFalse();
            assertThat(RULES.decide(Actor.systemActor(), r).allowed()).isTrue();
        }
    }

    @Test
    void curating_withAnOrganisationAudience_mustIncludeTheCuratorsOwnOrganisation() {
        AccessRequest other = AccessRequest.of(Action.CREATE_LEARNING_PATH).community(WATER)
                .audience(Audience.organization(ORG_B));
        AccessRequest own = AccessRequest.of(Action.CREATE_LEARNING_PATH).community(WATER)
                .audience(Audience.organization(ORG_A));

        assertThat(RULES.decide(actor("core", Role.CORE, MembershipState.ACTIVE, ORG_A), other).allowed()).isFalse();
        assertThat(RULES.decide(actor("core", Role.CORE, MembershipState.ACTIVE, ORG_A), own).allowed()).isTrue();
    }
}
