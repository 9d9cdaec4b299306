package org.copkit.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.content;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.copkit.Fixture;
import org.copkit.NotFoundException;
import org.copkit.PageRequest;
import org.copkit.TestClock;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;
import org.copkit.community.Role;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationDraft;
import org.copkit.conversation.Post;
import org.copkit.domain.CompetencyId;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.Competence;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.Proficiency;
import org.copkit.session.Session;
import org.copkit.session.SessionDraft;
import org.copkit.session.SessionFormat;
import org.copkit.session.SessionKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing of one organisation's restricted content reaches a member of another organisation through
 * learning paths, progress or "start here": not the title or id of an organisation-only item behind a
 * step, not organisation-only paths, answered questions or sessions, and not peers who did not opt in.
 */
class OnboardingAccessLeakTest {
    private Fixture f;
    private MemberId anna; // ACME, coordinator
    private MemberId alex; // ACME, member
    private MemberId bob; // BETA, member
    private CommunityId heat;
    private KnowledgeItem secret;
    private LearningPathView path;

    @BeforeEach
    void setUp() {
        f = Fixture.create();
        anna = f.member("anna", ACME);
        alex = f.member("alex", ACME);
        bob = f.member("bob", BETA);
        heat = f.community(anna, "Heat pumps");
        f.join(heat, alex, bob);
        secret = f.published(anna, heat, Audience.organization(ACME), content("Acme tender strategy",
                "Confidential."));
        path = f.as(anna).onboarding().create(LearningPathDraft.of(heat, LearningPathContent.of("Welcome", "",
                LearningStep.read("Study the tender strategy", secret.id()), LearningStep.ask("Ask a question")))
                .withAudience(Audience.community()));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static void assertNoTraceOfSecret(Object seen, KnowledgeItem secret) {
        assertThat(seen.toString()).doesNotContain("Acme tender strategy").doesNotContain("tender")
                .doesNotContain(secret.id().value());
    }

    @Test
    void aStepBehindAnOrganisationOnlyItem_isUnavailableToAnotherOrganisation_withoutTitleOrItem() {
        LearningPathView seen = f.as(bob).onboarding().get(path.id());

        assertThat(seen.steps().get(0)).isEqualTo(new StepView(0, StepKind.READ_ITEM, false,
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty()));
        assertNoTraceOfSecret(seen, secret);
        assertNoTraceOfSecret(f.as(bob).onboarding().list(heat, PageRequest.first()), secret);
        assertThat(f.as(alex).onboarding().get(path.id()).steps().get(0).itemTitle())
                .contains("Acme tender strategy");
    }

    @Test
    void progressAndStartHere_leaveTheUnavailableStepOutOfTheCount_andShowNothingOfIt() {
        PathProgress p = f.as(bob).onboarding().progress(path.id());
        StartHere s = f.as(bob).onboarding().startHere(heat);

        assertThat(p.total()).isEqualTo(1);
        assertThat(p.next()).map(StepView::kind).contains(StepKind.ASK_QUESTION);
        assertThat(p.steps().get(0).done()).isFalse();
        assertNoTraceOfSecret(p, secret);
        assertNoTraceOfSecret(s, secret);
        assertThat(f.as(alex).onboarding().progress(path.id()).total()).isEqualTo(2);
    }

    @Test
    void anOrganisationOnlyPath_isMissingForAnotherOrganisation_everywhere() {
        LearningPathView acmeOnly = f.as(anna).onboarding().create(LearningPathDraft.of(heat,
                LearningPathContent.of("Acme onboarding", "", LearningStep.ask("Ask")))
                .withAudience(Audience.organization(ACME)));

        assertThatThrownBy(() -> f.as(bob).onboarding().get(acmeOnly.id())).isInstanceOf(NotFoundException.class)
                .hasMessage("learning path " + acmeOnly.id() + " does not exist");
        assertThatThrownBy(() -> f.as(bob).onboarding().progress(acmeOnly.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.as(bob).onboarding().get(LearningPathId.of("nope")))
                .isInstanceOf(NotFoundException.class).hasMessage("learning path nope does not exist");
        assertThat(f.as(bob).onboarding().list(heat, PageRequest.first()).items()).extracting(LearningPathView::id)
                .containsExactly(path.id());
        assertThat(f.as(bob).onboarding().startHere(heat).paths()).extracting(pp -> pp.path().id())
                .containsExactly(path.id());
        assertThat(f.as(alex).onboarding().startHere(heat).paths()).hasSize(2);
    }

    @Test
    void anOrganisationOnlyAnsweredQuestion_neverAppearsInAnotherOrganisationsStartHere() {
        Conversation q = f.as(alex).conversations().ask(ConversationDraft.of(heat, content("Acme tender question",
                "Internal")).withAudience(Audience.organization(ACME)));
        Post a = f.as(anna).conversations().answer(q.id(), "Internal answer");
        f.as(alex).conversations().accept(a.id(), q.version());

        assertThat(f.as(bob).onboarding().startHere(heat).answeredQuestions()).isEmpty();
        assertThat(f.as(bob).onboarding().startHere(heat).toString()).doesNotContain("Acme tender question");
        assertThat(f.as(alex).onboarding().startHere(heat).answeredQuestions()).extracting(Conversation::id)
                .containsExactly(q.id());
    }

    @Test
    void anOrganisationOnlySession_neverAppearsInAnotherOrganisationsStartHere() {
        ZonedDateTime start = TestClock.START.atZone(ZoneOffset.UTC).plusDays(2);
        Session s = f.as(anna).sessions().schedule(SessionDraft.of(heat, SessionKind.PEER_CONSULTATION,
                SessionFormat.ONLINE, "Acme intervision", start, start.plusHours(1), null,
                URI.create("https://meet.example/acme")).withAudience(Audience.organization(ACME)));

        assertThat(f.as(bob).onboarding().startHere(heat).upcomingSessions()).isEmpty();
        assertThat(f.as(alex).onboarding().startHere(heat).upcomingSessions()).extracting(Session::id)
                .containsExactly(s.id());
    }

    @Test
    void peersOfAnotherOrganisation_areSuggestedOnlyWhenTheyOptedIn() {
        CompetencyId pumps = f.competency("heat-pumps").id();
        Member b = f.as(bob).members().get(bob);
        f.as(bob).members().updateProfile(bob, b.version(), b.profile().withAmbitions(Set.of(pumps)));
        Member x = f.as(alex).members().get(alex);
        x = f.as(alex).members().updateProfile(alex, x.version(), x.profile().withCompetences(List.of(
                new Competence(pumps, Proficiency.values()[0]))));

        assertThat(f.as(bob).onboarding().startHere(heat).peers()).isEmpty();

        f.as(alex).members().updateProfile(alex, x.version(), x.profile().withFindableAsExpert(true));
        assertThat(f.as(bob).onboarding().startHere(heat).peers()).extracting(PeerSuggestion::member)
                .containsExactly(alex);
    }

    @Test
    void aStepBehindAnItemTheEditorCannotSee_isKeptOnUpdate() {
        f.role(heat, anna, bob, Role.CORE);

        LearningPathView updated = f.as(bob).onboarding().update(path.id(), path.version(),
                LearningPathContent.of("Welcome to all", "", LearningStep.answer("Answer a question")),
                Audience.community());

        assertThat(updated.steps()).extracting(StepView::kind, StepView::available).containsExactly(
                org.assertj.core.groups.Tuple.tuple(StepKind.ANSWER_QUESTION, true),
                org.assertj.core.groups.Tuple.tuple(StepKind.READ_ITEM, false));
        assertNoTraceOfSecret(updated, secret);
        assertThat(f.as(alex).onboarding().get(path.id()).steps().get(1).item()).contains(secret.id());
    }
}
