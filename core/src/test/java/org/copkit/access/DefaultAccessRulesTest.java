package org.copkit.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copkit.RuleFixtures.ORG_A;
import static org.copkit.RuleFixtures.ORG_B;
import static org.copkit.RuleFixtures.ORG_C;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.copkit.RuleFixtures;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.community.MembershipPolicy;
import org.copkit.community.MembershipState;
import org.copkit.community.Practice;
import org.copkit.community.PracticeId;
import org.copkit.community.Role;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.Post;
import org.copkit.domain.Domain;
import org.copkit.domain.DomainId;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link AccessRules#defaults()}: every action against every kind of actor, plus the audience rules. */
class DefaultAccessRulesTest {
    private static final AccessRules RULES = AccessRules.defaults();
    private static final String COMMUNITY_NAME = "Water Management Gelderland";
    private static final Community WATER = RuleFixtures.community("c-water", COMMUNITY_NAME, MembershipPolicy.OPEN);
    private static final Practice DIKES = RuleFixtures.practice("p-dikes", WATER.id(), 1, Optional.empty());
    private static final Domain DOMAIN = new Domain(DomainId.of("d-water"), "Water", "", MemberId.of("coordinator"),
            RuleFixtures.NOW, 1);
    private static final KnowledgeItem ITEM = RuleFixtures.item("i-1", WATER.id(), Optional.of(DIKES.id()), "owner",
            ItemKind.BEST_PRACTICE, Audience.community(), ItemStatus.IN_REVIEW, List.of());
    /** A question asked by "owner", with an answer by "owner" (so "owner" may not vote on either). */
    private static final Conversation QUESTION = ConversationRulesTest.question("q-1", WATER.id(), "owner");
    private static final Post ANSWER = ConversationRulesTest.answer("a-1", QUESTION.id(), "owner");

    private static final org.copkit.session.Session SESSION = new org.copkit.session.Session(
            org.copkit.session.SessionId.of("s-1"), WATER.id(), Optional.empty(), org.copkit.session.SessionKind.MEETUP,
            org.copkit.session.SessionFormat.IN_PERSON, "Dike walk", "", RuleFixtures.NOW, RuleFixtures.NOW.plusSeconds(3600),
            java.time.ZoneId.of("Europe/Amsterdam"), Optional.of("Arnhem"), Optional.empty(),
            org.copkit.session.Capacity.unlimited(), Set.of(MemberId.of("owner")), Audience.community(),
            org.copkit.session.SessionStatus.SCHEDULED, 0, Optional.empty(), "", Set.of(), Set.of(), RuleFixtures.NOW,
            RuleFixtures.NOW, 1);

    /** Every kind of actor, by name; all of organisation A except the outsider. */
    private static final Map<String, Actor> ACTORS = new LinkedHashMap<>();

    static {
        ACTORS.put("system", Actor.systemActor());
        ACTORS.put("coordinator", actor("coordinator", ORG_A, Role.COORDINATOR, MembershipState.ACTIVE));
        ACTORS.put("core", actor("core", ORG_A, Role.CORE, MembershipState.ACTIVE));
        ACTORS.put("member", actor("member", ORG_A, Role.MEMBER, MembershipState.ACTIVE));
        ACTORS.put("steward", actor("steward", ORG_A, Role.MEMBER, MembershipState.ACTIVE, DIKES.id()));
        ACTORS.put("owner", actor("owner", ORG_A, Role.MEMBER, MembershipState.ACTIVE));
        ACTORS.put("outsider", Actor.of(MemberId.of("outsider"), ORG_B, List.of(), Set.of()));
        // a former coordinator who left but is still listed as steward: neither role nor stewardship count
        ACTORS.put("left", actor("left", ORG_A, Role.COORDINATOR, MembershipState.LEFT, DIKES.id()));
        ACTORS.put("pending", actor("pending", ORG_A, Role.CORE, MembershipState.PENDING, DIKES.id()));
        ACTORS.put("invited", actor("invited", ORG_A, Role.COORDINATOR, MembershipState.INVITED));
    }

    /** Who the default rules allow, per action; every other actor is denied. */
    private static final Map<Action, Set<String>> ALLOWED = new EnumMap<>(Action.class);

    static {
        Set<String> everybody = ACTORS.keySet();
        ALLOWED.put(Action.REGISTER_ORGANIZATION, Set.of("system"));
        ALLOWED.put(Action.UPDATE_ORGANIZATION, Set.of("system"));
        ALLOWED.put(Action.REGISTER_MEMBER, Set.of("system"));
        ALLOWED.put(Action.UPDATE_MEMBER, Set.of("system", "member")); // the subject is "member"
        ALLOWED.put(Action.CREATE_DOMAIN, everybody);
        ALLOWED.put(Action.EDIT_DOMAIN, Set.of("system", "coordinator")); // the domain's creator
        ALLOWED.put(Action.CREATE_COMMUNITY, everybody);
        ALLOWED.put(Action.EDIT_COMMUNITY, Set.of("system", "coordinator"));
        ALLOWED.put(Action.MANAGE_MEMBERS, Set.of("system", "coordinator"));
        ALLOWED.put(Action.CREATE_PRACTICE, Set.of("system", "coordinator"));
        ALLOWED.put(Action.EDIT_PRACTICE, Set.of("system", "coordinator", "steward"));
        ALLOWED.put(Action.CREATE_ITEM, Set.of("system", "coordinator", "core", "member", "steward", "owner"));
        ALLOWED.put(Action.EDIT_ITEM, Set.of("system", "coordinator", "steward", "owner"));
        ALLOWED.put(Action.SUBMIT_ITEM, Set.of("system", "coordinator", "steward", "owner"));
        ALLOWED.put(Action.ARCHIVE_ITEM, Set.of("system", "coordinator", "steward", "owner"));
        ALLOWED.put(Action.SUPERSEDE_ITEM, Set.of("system", "coordinator", "steward", "owner"));
        ALLOWED.put(Action.REVIEW_ITEM, Set.of("system", "coordinator", "core", "steward"));
        ALLOWED.put(Action.PUBLISH_ITEM, Set.of("system", "coordinator", "core", "steward", "owner"));
        ALLOWED.put(Action.MARK_DOMAIN_CHANGE, Set.of("system", "coordinator")); // the domain's creator
        ALLOWED.put(Action.LIST_REVIEW_TASKS, Set.of("system", "coordinator"));
        // sessions: the session is hosted by "owner"
        ALLOWED.put(Action.SCHEDULE_SESSION, Set.of("system", "coordinator", "core", "member", "steward", "owner"));
        ALLOWED.put(Action.MANAGE_SESSION, Set.of("system", "coordinator", "owner"));
        ALLOWED.put(Action.RSVP_SESSION, Set.of("system", "coordinator", "core", "member", "steward", "owner"));
        Set<String> activeMembers = Set.of("system", "coordinator", "core", "member", "steward", "owner");
        for (Action a : List.of(Action.ASK_QUESTION, Action.START_DISCUSSION, Action.ANSWER_QUESTION, Action.REPLY,
                Action.COMMENT)) {
            ALLOWED.put(a, activeMembers);
        }
        ALLOWED.put(Action.VOTE, Set.of("system", "coordinator", "core", "member", "steward"));
        for (Action a : List.of(Action.ACCEPT_ANSWER, Action.EDIT_CONVERSATION, Action.EDIT_POST,
                Action.CLOSE_DISCUSSION, Action.PROMOTE_CONVERSATION)) {
            ALLOWED.put(a, Set.of("system", "coordinator", "owner"));
        }
        ALLOWED.put(Action.CLOSE_AS_DUPLICATE, Set.of("system", "coordinator"));
        ALLOWED.put(Action.SEND_DIGESTS, Set.of("system"));
        ALLOWED.put(Action.MERGE_CONVERSATIONS, Set.of("system", "coordinator"));
        ALLOWED.put(Action.CREATE_LEARNING_PATH, Set.of("system", "coordinator", "core"));
        ALLOWED.put(Action.EDIT_LEARNING_PATH, Set.of("system", "coordinator", "core"));
        // endorsements: the endorsee is of organisation C and active in WATER; only people never endorse
        ALLOWED.put(Action.ENDORSE_MEMBER, Set.of("coordinator", "core", "member", "steward", "owner"));
        ALLOWED.put(Action.WITHDRAW_ENDORSEMENT, Set.of("system", "member")); // the endorser is "member"
        // value stories: the story's author is "owner"
        ALLOWED.put(Action.RECORD_VALUE_STORY, activeMembers);
        ALLOWED.put(Action.EDIT_VALUE_STORY, Set.of("system", "coordinator", "owner"));
        ALLOWED.put(Action.LIST_PARTICIPATION, activeMembers);
        ALLOWED.put(Action.RECOMPUTE_PARTICIPATION, Set.of("system", "coordinator"));
        ALLOWED.put(Action.VIEW_HEALTH, activeMembers);
        ALLOWED.put(Action.PUBLISH_IMPORTED_ITEM, Set.of("system", "coordinator", "steward"));
    }

    /** An endorsee of another organisation than every actor, active in WATER. */
    private static final org.copkit.member.Member ENDORSEE = RuleFixtures.member("endorsee", ORG_C);

    /** Actions that concern one community; their denials must name it. */
    private static final Set<Action> COMMUNITY_ACTIONS = union(EnumSet.range(Action.EDIT_COMMUNITY,
            Action.SUPERSEDE_ITEM), EnumSet.of(Action.RECORD_VALUE_STORY, Action.EDIT_VALUE_STORY,
            Action.LIST_PARTICIPATION, Action.RECOMPUTE_PARTICIPATION, Action.VIEW_HEALTH,
            Action.PUBLISH_IMPORTED_ITEM));

    private static Set<Action> union(Set<Action> a, Set<Action> b) {
        EnumSet<Action> all = EnumSet.copyOf(a);
        all.addAll(b);
        return all;
    }

    private static Actor actor(String id, OrganizationId org, Role role, MembershipState state, PracticeId... stewardOf) {
        return Actor.of(MemberId.of(id), org, List.of(RuleFixtures.membership(WATER.id(), id, role, state)),
                Set.of(stewardOf));
    }

    /** The request CoPKit builds for an action, with the fixture's objects. */
    private static AccessRequest request(Action action) {
        AccessRequest base = AccessRequest.of(action);
        return switch (action) {
            case REGISTER_ORGANIZATION, UPDATE_ORGANIZATION, REGISTER_MEMBER, CREATE_DOMAIN, CREATE_COMMUNITY -> base;
            case UPDATE_MEMBER -> base.subject(RuleFixtures.member("member", ORG_A));
            case EDIT_DOMAIN -> base.domain(DOMAIN);
            case EDIT_COMMUNITY, CREATE_PRACTICE -> base.community(WATER);
            case MANAGE_MEMBERS -> base.community(WATER).subject(RuleFixtures.member("member", ORG_A));
            case EDIT_PRACTICE -> base.community(WATER).practice(Optional.of(DIKES));
            case CREATE_ITEM -> base.community(WATER).practice(Optional.of(DIKES)).audience(Audience.community());
            case EDIT_ITEM, SUBMIT_ITEM, REVIEW_ITEM, PUBLISH_ITEM, ARCHIVE_ITEM, SUPERSEDE_ITEM ->
                    base.community(WATER).practice(Optional.of(DIKES)).item(ITEM);
            case MARK_DOMAIN_CHANGE -> base.domain(DOMAIN);
            case LIST_REVIEW_TASKS -> base.community(WATER);
            case SCHEDULE_SESSION -> base.community(WATER).audience(Audience.community());
            case MANAGE_SESSION, RSVP_SESSION -> base.community(WATER).session(SESSION);
            case ASK_QUESTION, START_DISCUSSION -> base.community(WATER).practice(Optional.empty())
                    .audience(Audience.community());
            case ANSWER_QUESTION, REPLY, COMMENT, EDIT_CONVERSATION, CLOSE_DISCUSSION, CLOSE_AS_DUPLICATE,
                    MERGE_CONVERSATIONS -> base.community(WATER).practice(Optional.empty()).conversation(QUESTION);
            case VOTE, ACCEPT_ANSWER, EDIT_POST, PROMOTE_CONVERSATION -> base.community(WATER)
                    .practice(Optional.empty()).conversation(QUESTION).post(ANSWER);
            case CREATE_LEARNING_PATH, EDIT_LEARNING_PATH -> base.community(WATER).audience(Audience.community());
            case SEND_DIGESTS -> base;
            case ENDORSE_MEMBER -> base.subject(ENDORSEE).community(WATER);
            case WITHDRAW_ENDORSEMENT -> base.subject(RuleFixtures.member("member", ORG_A));
            case RECORD_VALUE_STORY -> base.community(WATER).audience(Audience.community());
            case EDIT_VALUE_STORY -> base.community(WATER).subject(RuleFixtures.member("owner", ORG_A))
                    .audience(Audience.community());
            case LIST_PARTICIPATION, RECOMPUTE_PARTICIPATION, VIEW_HEALTH -> base.community(WATER);
            case PUBLISH_IMPORTED_ITEM -> base.community(WATER).practice(Optional.of(DIKES))
                    .audience(Audience.community());
        };
    }

    static Stream<Arguments> everyActionForEveryActor() {
        List<Arguments> rows = new ArrayList<>();
        for (Action action : Action.values()) {
            for (String actor : ACTORS.keySet()) {
                rows.add(Arguments.of(action, actor, ALLOWED.get(action).contains(actor)));
            }
        }
        return rows.stream();
    }

    @Test
    void table_coversEveryAction() {
        assertThat(ALLOWED).containsOnlyKeys(EnumSet.allOf(Action.class));
    }

    @ParameterizedTest(name = "{0} by {1}: allowed={2}")
    @MethodSource("everyActionForEveryActor")
    void decide_allowsOrDeniesEachActorPerAction(Action action, String actor, boolean allowed) {
        Decision d = RULES.decide(ACTORS.get(actor), request(action));

        assertThat(d.allowed()).as("%s by %s: %s", action, actor, d.reason()).isEqualTo(allowed);
        if (allowed) {
            assertThat(d.reason()).isEmpty();
        } else {
            assertThat(d.reason()).isNotBlank();
            if (COMMUNITY_ACTIONS.contains(action)) {
                assertThat(d.reason()).contains("'" + COMMUNITY_NAME + "'");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Action.class, names = {"EDIT_ITEM", "SUBMIT_ITEM", "ARCHIVE_ITEM", "SUPERSEDE_ITEM",
            "PUBLISH_ITEM"})
    void itemActions_areDeniedToTheOwner_whenTheOwnerLeftTheCommunity(Action action) {
        Actor ownerWhoLeft = actor("owner", ORG_A, Role.MEMBER, MembershipState.LEFT);

        Decision d = RULES.decide(ownerWhoLeft, request(action));

        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).contains(COMMUNITY_NAME);
    }

    @Test
    void reviewItem_isDeniedToAuthors_evenWhenTheyAreCoordinators() {
        Actor coordinatingOwner = actor("owner", ORG_A, Role.COORDINATOR, MembershipState.ACTIVE, DIKES.id());

        Decision d = RULES.decide(coordinatingOwner, request(Action.REVIEW_ITEM));

        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).contains("their own item").contains(COMMUNITY_NAME);
    }

    @Test
    void publishItem_isAllowedToACoordinatingAuthor_asEditor() {
        Actor coordinatingOwner = actor("owner", ORG_A, Role.COORDINATOR, MembershipState.ACTIVE);

        assertThat(RULES.decide(coordinatingOwner, request(Action.PUBLISH_ITEM)).allowed()).isTrue();
    }

    @Test
    void publishItem_deniesWithAPublishingReason_notAReviewingOne() {
        Decision d = RULES.decide(ACTORS.get("member"), request(Action.PUBLISH_ITEM));

        assertThat(d.reason()).contains("publish").doesNotContain("review items");
    }

    @Test
    void editPractice_isDeniedToTheStewardOfAnotherPractice() {
        Practice pumps = RuleFixtures.practice("p-pumps", WATER.id(), 0, Optional.empty());

        Decision d = RULES.decide(ACTORS.get("steward"),
                AccessRequest.of(Action.EDIT_PRACTICE).community(WATER).practice(Optional.of(pumps)));

        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).contains(COMMUNITY_NAME);
    }

    @Test
    void communityActions_areDeniedToTheCoordinatorOfAnotherCommunity() {
        Community roads = RuleFixtures.community("c-roads", "Roads", MembershipPolicy.OPEN);

        for (Action action : List.of(Action.EDIT_COMMUNITY, Action.MANAGE_MEMBERS, Action.CREATE_PRACTICE)) {
            Decision d = RULES.decide(ACTORS.get("coordinator"), AccessRequest.of(action).community(roads));
            assertThat(d.allowed()).as(action.name()).isFalse();
            assertThat(d.reason()).contains("'Roads'");
        }
    }

    /** Audience must include the actor's own organisation for the two organisation levels. */
    @Nested
    class Audiences {
        private Decision create(String actor, Audience audience) {
            return RULES.decide(ACTORS.get(actor),
                    AccessRequest.of(Action.CREATE_ITEM).community(WATER).practice(Optional.empty()).audience(audience));
        }

        private Decision edit(String actor, Audience audience) {
            return RULES.decide(ACTORS.get(actor), request(Action.EDIT_ITEM).audience(audience));
        }

        @Test
        void createItem_isAllowed_forOwnOrganizationAudience() {
            assertThat(create("member", Audience.organization(ORG_A)).allowed()).isTrue();
        }

        @Test
        void createItem_isDenied_forAnotherOrganizationsAudience() {
            Decision d = create("member", Audience.organization(ORG_B));

            assertThat(d.allowed()).isFalse();
            assertThat(d.reason()).contains(ORG_A.value()).contains(ORG_B.value()).contains(COMMUNITY_NAME);
        }

        @Test
        void createItem_isAllowed_forPartnersIncludingOwnOrganization() {
            assertThat(create("member", Audience.partners(ORG_B, ORG_A)).allowed()).isTrue();
        }

        @Test
        void createItem_isDenied_forPartnersWithoutOwnOrganization() {
            Decision d = create("member", Audience.partners(ORG_B, ORG_C));

            assertThat(d.allowed()).isFalse();
            assertThat(d.reason()).contains("PARTNERS").contains(ORG_A.value());
        }

        @Test
        void createItem_isAllowed_forCommunityAndPlatformAudiences() {
            assertThat(create("member", Audience.community()).allowed()).isTrue();
            assertThat(create("member", Audience.platform()).allowed()).isTrue();
        }

        @Test
        void createItem_ofAnotherOrganization_isAllowedToTheSystem() {
            assertThat(create("system", Audience.organization(ORG_B)).allowed()).isTrue();
        }

        @ParameterizedTest
        @MethodSource("org.copkit.access.DefaultAccessRulesTest#editors")
        void editItem_isDenied_whenTheNewAudienceExcludesTheEditorsOrganization(String editor) {
            assertThat(edit(editor, Audience.organization(ORG_B)).allowed()).isFalse();
            assertThat(edit(editor, Audience.partners(ORG_B, ORG_C)).allowed()).isFalse();
        }

        @ParameterizedTest
        @MethodSource("org.copkit.access.DefaultAccessRulesTest#editors")
        void editItem_isAllowed_whenTheNewAudienceIncludesTheEditorsOrganization(String editor) {
            assertThat(edit(editor, Audience.organization(ORG_A)).allowed()).isTrue();
            assertThat(edit(editor, Audience.partners(ORG_B, ORG_A)).allowed()).isTrue();
            assertThat(edit(editor, Audience.platform()).allowed()).isTrue();
        }

        @Test
        void editItem_withAnAudience_isStillDeniedToNonEditors() {
            Decision d = edit("core", Audience.organization(ORG_A));

            assertThat(d.allowed()).isFalse();
            assertThat(d.reason()).contains(COMMUNITY_NAME);
        }
    }

    static Stream<String> editors() {
        return Stream.of("owner", "steward", "coordinator");
    }

    /**
     * How hosts extend the rules: decide the extra restriction first and delegate everything else to
     * {@link AccessRules#defaults()}, so the defaults (membership, roles, audiences) keep applying. Hand
     * the instance to {@code CopKit.builder().accessRules(...)}. This one lets only members of partner
     * organisations publish in the regional community; it is pure and thread-safe like the defaults.
     */
    static final class PartnersPublishInRegionalCommunity implements AccessRules {
        private final CommunityId regional;
        private final Set<OrganizationId> partners;

        PartnersPublishInRegionalCommunity(CommunityId regional, Set<OrganizationId> partners) {
            this.regional = regional;
            this.partners = Set.copyOf(partners);
        }

        @Override
        public Decision decide(Actor actor, AccessRequest request) {
            boolean publishesInRegional = request.action() == Action.PUBLISH_ITEM
                    && request.community().map(c -> c.id().equals(regional)).orElse(false);
            if (!actor.system() && publishesInRegional && !partners.contains(actor.organization())) {
                return Decision.deny("only members of partner organisations " + partners + " may publish in community '"
                        + request.community().orElseThrow().name() + "'");
            }
            return AccessRules.defaults().decide(actor, request);
        }
    }

    @Nested
    class CustomRuleExample {
        private final AccessRules rules = new PartnersPublishInRegionalCommunity(WATER.id(), Set.of(ORG_B, ORG_C));

        private Actor coreOf(OrganizationId org, Community community) {
            return Actor.of(MemberId.of("core-" + org.value()), org, List.of(RuleFixtures.membership(community.id(),
                    "core-" + org.value(), Role.CORE, MembershipState.ACTIVE)), Set.of());
        }

        @Test
        void publish_isAllowed_forACoreMemberOfAPartnerOrganization() {
            assertThat(rules.decide(coreOf(ORG_B, WATER), request(Action.PUBLISH_ITEM)).allowed()).isTrue();
        }

        @Test
        void publish_isDenied_forACoreMemberOfANonPartnerOrganization() {
            Decision d = rules.decide(coreOf(ORG_A, WATER), request(Action.PUBLISH_ITEM));

            assertThat(d.allowed()).isFalse();
            assertThat(d.reason()).contains("partner organisations").contains(COMMUNITY_NAME);
        }

        @Test
        void publish_stillFollowsTheDefaults_forPartnerOrganizationMembers() {
            Actor plainPartnerMember = Actor.of(MemberId.of("plain-b"), ORG_B, List.of(
                    RuleFixtures.membership(WATER.id(), "plain-b", Role.MEMBER, MembershipState.ACTIVE)), Set.of());

            assertThat(rules.decide(plainPartnerMember, request(Action.PUBLISH_ITEM)).allowed()).isFalse();
        }

        @Test
        void publish_inAnotherCommunity_isLeftToTheDefaults() {
            Community roads = RuleFixtures.community("c-roads", "Roads", MembershipPolicy.OPEN);
            KnowledgeItem roadItem = RuleFixtures.item("i-road", roads.id(), Optional.empty(), "someone",
                    ItemKind.ARTICLE, Audience.community(), ItemStatus.IN_REVIEW, List.of());
            AccessRequest publish = AccessRequest.of(Action.PUBLISH_ITEM).community(roads).practice(Optional.empty())
                    .item(roadItem);

            assertThat(rules.decide(coreOf(ORG_A, roads), publish).allowed()).isTrue();
        }

        @Test
        void otherActions_inTheRegionalCommunity_areLeftToTheDefaults() {
            assertThat(rules.decide(coreOf(ORG_A, WATER), request(Action.REVIEW_ITEM)).allowed()).isTrue();
            assertThat(rules.decide(ACTORS.get("owner"), request(Action.EDIT_ITEM)).allowed()).isTrue();
        }

        @Test
        void publish_isAllowed_forTheSystemActor() {
            assertThat(rules.decide(Actor.systemActor(), request(Action.PUBLISH_ITEM)).allowed()).isTrue();
        }
    }

    /** Endorsements, value stories, participation and health: the decisions services used to take themselves. */
    @Nested
    class EndorsementsStoriesAndParticipation {
        @Test
        void endorse_isAllowed_forAnEndorseeOfTheSameOrganization_withoutASharedCommunity() {
            Decision d = RULES.decide(ACTORS.get("outsider"),
                    AccessRequest.of(Action.ENDORSE_MEMBER).subject(RuleFixtures.member("colleague", ORG_B)));

            assertThat(d.allowed()).isTrue();
        }

        @Test
        void endorse_isDenied_forAnEndorseeOfAnotherOrganization_withoutACommunityBothAreActiveIn() {
            Decision d = RULES.decide(ACTORS.get("member"), AccessRequest.of(Action.ENDORSE_MEMBER).subject(ENDORSEE));

            assertThat(d.allowed()).isFalse();
            assertThat(d.reason()).isEqualTo("member may endorse only members of the same organisation or of a "
                    + "community in which both are active; endorsee is neither");
        }

        @Test
        void endorse_isDenied_toTheSystemActor_whoIsNoPerson() {
            Decision d = RULES.decide(Actor.systemActor(),
                    AccessRequest.of(Action.ENDORSE_MEMBER).subject(ENDORSEE).community(WATER));

            assertThat(d.allowed()).isFalse();
            assertThat(d.reason()).isEqualTo("the system actor cannot endorse; endorse as a member");
        }

        @Test
        void withdrawEndorsement_isDenied_toAnyoneButTheEndorser_namingTheEndorser() {
            Decision d = RULES.decide(ACTORS.get("coordinator"), request(Action.WITHDRAW_ENDORSEMENT));

            assertThat(d.allowed()).isFalse();
            assertThat(d.reason()).isEqualTo("only the endorser member may withdraw the endorsement");
        }

        @Test
        void recordValueStory_isDenied_forAnAudienceWithoutTheAuthorsOrganization() {
            Decision d = RULES.decide(ACTORS.get("member"), request(Action.RECORD_VALUE_STORY)
                    .audience(Audience.organization(ORG_B)));

            assertThat(d.allowed()).isFalse();
            assertThat(d.reason()).contains(ORG_A.value()).contains(ORG_B.value()).contains(COMMUNITY_NAME);
        }

        @Test
        void recordValueStory_isDenied_toOutsiders_withTheServicesMessage() {
            Decision d = RULES.decide(ACTORS.get("outsider"), request(Action.RECORD_VALUE_STORY));

            assertThat(d.reason()).isEqualTo("only active members of community '" + COMMUNITY_NAME
                    + "' may record value stories in it");
        }

        @Test
        void editValueStory_isAllowed_toTheAuthor_evenAfterLeavingTheCommunity() {
            Actor authorWhoLeft = actor("owner", ORG_A, Role.MEMBER, MembershipState.LEFT);

            assertThat(RULES.decide(authorWhoLeft, request(Action.EDIT_VALUE_STORY)).allowed()).isTrue();
        }

        @Test
        void editValueStory_isDenied_toTheAuthor_forAnAudienceWithoutTheirOrganization() {
            Decision d = RULES.decide(ACTORS.get("owner"), request(Action.EDIT_VALUE_STORY)
                    .audience(Audience.partners(ORG_B, ORG_C)));

            assertThat(d.allowed()).isFalse();
            assertThat(d.reason()).contains("PARTNERS");
        }

        @Test
        void participationAndHealth_denialsKeepTheServicesMessages() {
            assertThat(RULES.decide(ACTORS.get("outsider"), request(Action.LIST_PARTICIPATION)).reason())
                    .isEqualTo("only active members of '" + COMMUNITY_NAME
                            + "' may list its members by participation level");
            assertThat(RULES.decide(ACTORS.get("member"), request(Action.RECOMPUTE_PARTICIPATION)).reason())
                    .isEqualTo("only coordinators of '" + COMMUNITY_NAME + "' may recompute its participation levels");
            assertThat(RULES.decide(ACTORS.get("left"), request(Action.VIEW_HEALTH)).reason())
                    .isEqualTo("only active members of '" + COMMUNITY_NAME + "' may read its health report");
        }
    }
}
