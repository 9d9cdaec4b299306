package org.copkit.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copkit.RuleFixtures.ORG_A;
import static org.copkit.RuleFixtures.ORG_B;
import static org.copkit.RuleFixtures.ORG_C;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.copkit.RuleFixtures;
import org.copkit.community.CommunityId;
import org.copkit.community.MembershipState;
import org.copkit.community.PracticeId;
import org.copkit.community.Role;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The one visibility rule of CoPKit, {@link ViewerScope#canSee}, as a table of reader × object. */
class ViewerScopeTest {
    private static final CommunityId WATER = CommunityId.of("c-water");
    private static final CommunityId ROADS = CommunityId.of("c-roads");
    private static final PracticeId DIKES = PracticeId.of("p-dikes");
    private static final PracticeId PUMPS = PracticeId.of("p-pumps");
    private static final MemberId AUTHOR = MemberId.of("author");

    private static ViewerScope reader(String id, OrganizationId org, Set<CommunityId> active,
            Set<CommunityId> reviewerOf, Set<PracticeId> stewardOf) {
        return new ViewerScope(MemberId.of(id), org, active, reviewerOf, stewardOf, false);
    }

    // readers
    private static final ViewerScope SYSTEM = Actor.systemActor().scope();
    private static final ViewerScope AUTHOR_WHO_LEFT = reader("author", ORG_C, Set.of(), Set.of(), Set.of());
    private static final ViewerScope MEMBER_A = reader("member-a", ORG_A, Set.of(WATER), Set.of(), Set.of());
    private static final ViewerScope MEMBER_B = reader("member-b", ORG_B, Set.of(WATER), Set.of(), Set.of());
    private static final ViewerScope OUTSIDER_A = reader("outsider-a", ORG_A, Set.of(ROADS), Set.of(), Set.of());
    private static final ViewerScope OUTSIDER_C = reader("outsider-c", ORG_C, Set.of(), Set.of(), Set.of());
    private static final ViewerScope REVIEWER_A = reader("reviewer-a", ORG_A, Set.of(WATER), Set.of(WATER), Set.of());
    private static final ViewerScope REVIEWER_B = reader("reviewer-b", ORG_B, Set.of(WATER), Set.of(WATER), Set.of());
    private static final ViewerScope REVIEWER_OF_ROADS_A = reader("reviewer-roads", ORG_A, Set.of(ROADS),
            Set.of(ROADS), Set.of());
    private static final ViewerScope STEWARD_A = reader("steward-a", ORG_A, Set.of(WATER), Set.of(), Set.of(DIKES));
    private static final ViewerScope STEWARD_B = reader("steward-b", ORG_B, Set.of(WATER), Set.of(), Set.of(DIKES));
    private static final ViewerScope STEWARD_OF_PUMPS_A = reader("steward-pumps", ORG_A, Set.of(WATER), Set.of(),
            Set.of(PUMPS));
    private static final ViewerScope STEWARD_NOT_MEMBER_A = reader("steward-left", ORG_A, Set.of(), Set.of(),
            Set.of(DIKES));

    // objects, all in community WATER, practice DIKES, written by AUTHOR
    private static Visibility v(Audience audience, boolean unpublished) {
        return new Visibility(Optional.of(WATER), Optional.of(DIKES), audience, unpublished, Set.of(AUTHOR));
    }

    private static final Visibility PLATFORM = v(Audience.platform(), false);
    private static final Visibility COMMUNITY = v(Audience.community(), false);
    private static final Visibility ORGANIZATION_A = v(Audience.organization(ORG_A), false);
    private static final Visibility PARTNERS_A_B = v(Audience.partners(ORG_A, ORG_B), false);
    private static final Visibility PLATFORM_DRAFT = v(Audience.platform(), true);
    private static final Visibility COMMUNITY_DRAFT = v(Audience.community(), true);
    private static final Visibility ORGANIZATION_A_DRAFT = v(Audience.organization(ORG_A), true);
    private static final Visibility PARTNERS_A_B_DRAFT = v(Audience.partners(ORG_A, ORG_B), true);
    private static final Visibility OUTSIDE_COMMUNITIES = Visibility.platform();

    static Stream<Arguments> table() {
        return Stream.of(
                // the system sees everything
                row("system sees a published community item", SYSTEM, COMMUNITY, true),
                row("system sees an organisation-only draft", SYSTEM, ORGANIZATION_A_DRAFT, true),
                row("system sees a partners draft", SYSTEM, PARTNERS_A_B_DRAFT, true),
                // editors always see their own objects, even outside the audience and community
                row("author outside the audience sees own organisation-only draft", AUTHOR_WHO_LEFT,
                        ORGANIZATION_A_DRAFT, true),
                row("author who left sees own community draft", AUTHOR_WHO_LEFT, COMMUNITY_DRAFT, true),
                row("author outside the audience sees own published organisation item", AUTHOR_WHO_LEFT,
                        ORGANIZATION_A, true),
                // PLATFORM admits every member
                row("outsider sees a platform item", OUTSIDER_C, PLATFORM, true),
                row("outsider sees objects outside communities", OUTSIDER_C, OUTSIDE_COMMUNITIES, true),
                // COMMUNITY needs active membership of that community
                row("active member sees a community item", MEMBER_A, COMMUNITY, true),
                row("member of another organisation sees a community item", MEMBER_B, COMMUNITY, true),
                row("member of another community does not see a community item", OUTSIDER_A, COMMUNITY, false),
                row("non-member does not see a community item", OUTSIDER_C, COMMUNITY, false),
                row("reviewer of another community does not see a community item", REVIEWER_OF_ROADS_A, COMMUNITY,
                        false),
                row("steward who is no active member does not see a community item", STEWARD_NOT_MEMBER_A,
                        COMMUNITY, false),
                // ORGANIZATION and PARTNERS go by organisation, not by membership
                row("member of the organisation sees an organisation item", MEMBER_A, ORGANIZATION_A, true),
                row("non-member of the community in the organisation sees an organisation item", OUTSIDER_A,
                        ORGANIZATION_A, true),
                row("member of another organisation does not see an organisation item", MEMBER_B, ORGANIZATION_A,
                        false),
                row("reviewer of another organisation does not see an organisation item", REVIEWER_B,
                        ORGANIZATION_A, false),
                row("owner organisation sees a partners item", MEMBER_A, PARTNERS_A_B, true),
                row("partner organisation sees a partners item", MEMBER_B, PARTNERS_A_B, true),
                row("third organisation does not see a partners item", OUTSIDER_C, PARTNERS_A_B, false),
                // unpublished: reviewer of the community or steward of the practice AND within the audience
                row("member who is no reviewer does not see a community draft", MEMBER_A, COMMUNITY_DRAFT, false),
                row("member does not see a platform draft", MEMBER_A, PLATFORM_DRAFT, false),
                row("outsider does not see a platform draft", OUTSIDER_C, PLATFORM_DRAFT, false),
                row("reviewer sees a community draft", REVIEWER_A, COMMUNITY_DRAFT, true),
                row("reviewer sees a platform draft", REVIEWER_A, PLATFORM_DRAFT, true),
                row("reviewer of another community does not see a platform draft", REVIEWER_OF_ROADS_A,
                        PLATFORM_DRAFT, false),
                row("reviewer of another community does not see a draft of this community's organisation",
                        REVIEWER_OF_ROADS_A, ORGANIZATION_A_DRAFT, false),
                row("steward of the practice sees a community draft", STEWARD_A, COMMUNITY_DRAFT, true),
                row("steward of another practice does not see a community draft", STEWARD_OF_PUMPS_A,
                        COMMUNITY_DRAFT, false),
                row("steward of the practice who is no member sees a platform draft", STEWARD_NOT_MEMBER_A,
                        PLATFORM_DRAFT, true),
                row("steward of the practice who is no member does not see a community draft",
                        STEWARD_NOT_MEMBER_A, COMMUNITY_DRAFT, false),
                row("reviewer of the organisation sees an organisation-only draft", REVIEWER_A,
                        ORGANIZATION_A_DRAFT, true),
                row("reviewer of another organisation does not see an organisation-only draft", REVIEWER_B,
                        ORGANIZATION_A_DRAFT, false),
                row("steward of another organisation does not see an organisation-only draft", STEWARD_B,
                        ORGANIZATION_A_DRAFT, false),
                row("steward of the organisation sees an organisation-only draft", STEWARD_A, ORGANIZATION_A_DRAFT,
                        true),
                row("member of the organisation who is no reviewer does not see an organisation-only draft",
                        MEMBER_A, ORGANIZATION_A_DRAFT, false),
                row("partner reviewer sees a partners draft", REVIEWER_B, PARTNERS_A_B_DRAFT, true),
                row("partner member who is no reviewer does not see a partners draft", MEMBER_B, PARTNERS_A_B_DRAFT,
                        false),
                row("third organisation does not see a partners draft", OUTSIDER_C, PARTNERS_A_B_DRAFT, false));
    }

    private static Arguments row(String behaviour, ViewerScope reader, Visibility object, boolean sees) {
        return Arguments.of(behaviour, reader, object, sees);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void canSee_followsTheVisibilityRule(String behaviour, ViewerScope reader, Visibility object, boolean sees) {
        assertThat(reader.canSee(object)).as(behaviour).isEqualTo(sees);
    }

    @ParameterizedTest
    @EnumSource(AudienceLevel.class)
    void canSee_isTrueForTheSystem_atEveryAudienceLevel(AudienceLevel level) {
        assertThat(SYSTEM.canSee(v(audience(level), true))).isTrue();
        assertThat(SYSTEM.canSee(v(audience(level), false))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(AudienceLevel.class)
    void canSee_isTrueForEditors_atEveryAudienceLevelPublishedOrNot(AudienceLevel level) {
        assertThat(AUTHOR_WHO_LEFT.canSee(v(audience(level), true))).isTrue();
        assertThat(AUTHOR_WHO_LEFT.canSee(v(audience(level), false))).isTrue();
    }

    @Test
    void canSee_unpublishedObjectWithoutCommunityOrPractice_onlyForSystemAndEditors() {
        Visibility orphanDraft = new Visibility(Optional.empty(), Optional.empty(), Audience.platform(), true,
                Set.of(AUTHOR));

        assertThat(SYSTEM.canSee(orphanDraft)).isTrue();
        assertThat(AUTHOR_WHO_LEFT.canSee(orphanDraft)).isTrue();
        assertThat(REVIEWER_A.canSee(orphanDraft)).isFalse();
        assertThat(STEWARD_A.canSee(orphanDraft)).isFalse();
    }

    @Test
    void actorScope_countsOnlyActiveMemberships_andOnlyCoreAndCoordinatorsAsReviewers() {
        Actor actor = Actor.of(MemberId.of("m"), ORG_A, List.of(
                RuleFixtures.membership(WATER, "m", Role.MEMBER, MembershipState.ACTIVE),
                RuleFixtures.membership(ROADS, "m", Role.COORDINATOR, MembershipState.LEFT),
                RuleFixtures.membership(CommunityId.of("c-pending"), "m", Role.CORE, MembershipState.PENDING),
                RuleFixtures.membership(CommunityId.of("c-core"), "m", Role.CORE, MembershipState.ACTIVE)),
                Set.of(DIKES));

        ViewerScope scope = actor.scope();

        assertThat(scope.communities()).containsExactlyInAnyOrder(WATER, CommunityId.of("c-core"));
        assertThat(scope.reviewerOf()).containsExactly(CommunityId.of("c-core"));
        assertThat(scope.stewardOf()).containsExactly(DIKES);
        assertThat(scope.organization()).isEqualTo(ORG_A);
        assertThat(scope.system()).isFalse();
    }

    @Test
    void actorCanSee_appliesTheRuleToAnItemsVisibility_forDraftsAndPublishedItems() {
        KnowledgeItem draft = RuleFixtures.item("i1", WATER, Optional.of(DIKES), "author", ItemKind.ARTICLE,
                Audience.organization(ORG_A), ItemStatus.IN_REVIEW, List.of());
        KnowledgeItem published = RuleFixtures.item("i2", WATER, Optional.of(DIKES), "author", ItemKind.ARTICLE,
                Audience.organization(ORG_A), ItemStatus.PUBLISHED, List.of());
        Actor coordinatorB = Actor.of(MemberId.of("coord-b"), ORG_B,
                List.of(RuleFixtures.membership(WATER, "coord-b", Role.COORDINATOR, MembershipState.ACTIVE)),
                Set.of());
        Actor coordinatorA = Actor.of(MemberId.of("coord-a"), ORG_A,
                List.of(RuleFixtures.membership(WATER, "coord-a", Role.COORDINATOR, MembershipState.ACTIVE)),
                Set.of());

        assertThat(coordinatorB.canSee(draft.visibility())).isFalse();
        assertThat(coordinatorB.canSee(published.visibility())).isFalse();
        assertThat(coordinatorA.canSee(draft.visibility())).isTrue();
        assertThat(coordinatorA.canSee(published.visibility())).isTrue();
    }

    private static Audience audience(AudienceLevel level) {
        return switch (level) {
            case ORGANIZATION -> Audience.organization(ORG_A);
            case PARTNERS -> Audience.partners(ORG_A, ORG_B);
            case COMMUNITY -> Audience.community();
            case PLATFORM -> Audience.platform();
        };
    }
}
