package org.copkit.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copkit.RuleFixtures.NOW;
import static org.copkit.RuleFixtures.ORG_A;
import static org.copkit.RuleFixtures.ORG_B;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.copkit.RuleFixtures;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.community.MembershipPolicy;
import org.copkit.community.MembershipState;
import org.copkit.community.Role;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationId;
import org.copkit.conversation.ConversationKind;
import org.copkit.conversation.ConversationStatus;
import org.copkit.conversation.Post;
import org.copkit.conversation.PostId;
import org.copkit.conversation.PostKind;
import org.copkit.knowledge.ItemContent;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;
import org.junit.jupiter.api.Test;

/** The default rules for questions and discussions, decided without storage. */
class ConversationRulesTest {
    private static final AccessRules RULES = AccessRules.defaults();
    private static final Community WATER = RuleFixtures.community("c-water", "Water", MembershipPolicy.OPEN);
    private static final Conversation QUESTION = question("q-1", WATER.id(), "asker");
    private static final Post ANSWER = answer("a-1", QUESTION.id(), "answerer");

    /** An OPEN question with community audience. */
    static Conversation question(String id, CommunityId community, String author) {
        return new Conversation(ConversationId.of(id), community, Optional.empty(), ConversationKind.QUESTION,
                ItemContent.of("Question " + id, "Body", Locale.ENGLISH), Audience.community(), MemberId.of(author),
                ConversationStatus.OPEN, 1, Optional.empty(), Optional.empty(), Optional.empty(), 0, NOW, NOW, 1);
    }

    /** An answer. */
    static Post answer(String id, ConversationId conversation, String author) {
        return new Post(PostId.of(id), conversation, PostKind.ANSWER, Optional.empty(), MemberId.of(author), "Answer",
                1, 0, NOW, NOW, 1);
    }

    private static Actor active(String id, Role role) {
        return active(id, ORG_A, role);
    }

    private static Actor active(String id, OrganizationId org, Role role) {
        return Actor.of(MemberId.of(id), org, List.of(RuleFixtures.membership(WATER.id(), id, role,
                MembershipState.ACTIVE)), Set.of());
    }

    private static Actor left(String id) {
        return Actor.of(MemberId.of(id), ORG_A, List.of(RuleFixtures.membership(WATER.id(), id, Role.MEMBER,
                MembershipState.LEFT)), Set.of());
    }

    private static AccessRequest on(Action action) {
        return AccessRequest.of(action).community(WATER).practice(Optional.empty()).conversation(QUESTION);
    }

    @Test
    void vote_isDeniedOnOwnAnswer_evenForACoordinator() {
        Decision d = RULES.decide(active("answerer", Role.COORDINATOR), on(Action.VOTE).post(ANSWER));

        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).contains("own");
    }

    @Test
    void vote_isDeniedOnOwnQuestion_butAllowedOnSomeoneElsesAnswer() {
        assertThat(RULES.decide(active("asker", Role.MEMBER), on(Action.VOTE)).allowed()).isFalse();
        assertThat(RULES.decide(active("asker", Role.MEMBER), on(Action.VOTE).post(ANSWER)).allowed()).isTrue();
    }

    @Test
    void vote_isDeniedToAMemberWhoLeft() {
        assertThat(RULES.decide(left("voter"), on(Action.VOTE).post(ANSWER)).allowed()).isFalse();
    }

    @Test
    void accept_isAllowedToTheAskerAndCoordinators_notToTheAnswersAuthor() {
        assertThat(RULES.decide(active("asker", Role.MEMBER), on(Action.ACCEPT_ANSWER).post(ANSWER)).allowed())
                .isTrue();
        assertThat(RULES.decide(active("boss", Role.COORDINATOR), on(Action.ACCEPT_ANSWER).post(ANSWER)).allowed())
                .isTrue();
        Decision d = RULES.decide(active("answerer", Role.CORE), on(Action.ACCEPT_ANSWER).post(ANSWER));
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).contains("Water");
    }

    @Test
    void accept_isDeniedToTheAsker_afterLeavingTheCommunity() {
        assertThat(RULES.decide(left("asker"), on(Action.ACCEPT_ANSWER).post(ANSWER)).allowed()).isFalse();
    }

    @Test
    void editPost_isAllowedToItsAuthor_notToTheAsker() {
        assertThat(RULES.decide(active("answerer", Role.MEMBER), on(Action.EDIT_POST).post(ANSWER)).allowed())
                .isTrue();
        assertThat(RULES.decide(active("asker", Role.MEMBER), on(Action.EDIT_POST).post(ANSWER)).allowed())
                .isFalse();
    }

    @Test
    void promoteAnswer_isAllowedToTheAnswersAuthor_promoteQuestion_isNot() {
        assertThat(RULES.decide(active("answerer", Role.MEMBER), on(Action.PROMOTE_CONVERSATION).post(ANSWER))
                .allowed()).isTrue();
        assertThat(RULES.decide(active("answerer", Role.MEMBER), on(Action.PROMOTE_CONVERSATION)).allowed())
                .isFalse();
    }

    @Test
    void moderation_isForCoordinatorsOnly_notForCoreMembersOrTheAsker() {
        for (Action a : List.of(Action.CLOSE_AS_DUPLICATE, Action.MERGE_CONVERSATIONS)) {
            assertThat(RULES.decide(active("boss", Role.COORDINATOR), on(a)).allowed()).as("%s", a).isTrue();
            assertThat(RULES.decide(active("core", Role.CORE), on(a)).allowed()).as("%s", a).isFalse();
            assertThat(RULES.decide(active("asker", Role.MEMBER), on(a)).allowed()).as("%s", a).isFalse();
        }
    }

    @Test
    void ask_isDenied_forAnOrganizationAudienceWithoutTheAsker() {
        AccessRequest ask = AccessRequest.of(Action.ASK_QUESTION).community(WATER).practice(Optional.empty())
                .audience(Audience.organization(ORG_B));

        Decision d = RULES.decide(active("asker", Role.MEMBER), ask);

        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).contains(ORG_A.value());
        assertThat(RULES.decide(active("asker", Role.MEMBER), ask.audience(Audience.organization(ORG_A))).allowed())
                .isTrue();
    }

    @Test
    void answerReplyComment_areDeniedToOutsiders() {
        Actor outsider = Actor.of(MemberId.of("outsider"), ORG_B, List.of(), Set.of());
        for (Action a : List.of(Action.ANSWER_QUESTION, Action.REPLY, Action.COMMENT, Action.START_DISCUSSION)) {
            Decision d = RULES.decide(outsider, on(a));
            assertThat(d.allowed()).as("%s", a).isFalse();
            assertThat(d.reason()).as("%s", a).contains("Water");
        }
    }
}
