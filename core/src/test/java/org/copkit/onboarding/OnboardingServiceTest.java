package org.copkit.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.content;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.copkit.CopKit;
import org.copkit.CopKitException;
import org.copkit.Fixture;
import org.copkit.PageRequest;
import org.copkit.StoreSnapshot;
import org.copkit.TestClock;
import org.copkit.access.Audience;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityId;
import org.copkit.community.Role;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationDraft;
import org.copkit.conversation.Post;
import org.copkit.conversation.VoteValue;
import org.copkit.domain.CompetencyId;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.Competence;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.Proficiency;
import org.copkit.session.Session;
import org.copkit.session.SessionDraft;
import org.copkit.session.SessionFormat;
import org.copkit.session.SessionKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OnboardingServiceTest {
    static final URI LINK = URI.create("https://meet.example/heat");

    private Fixture f;
    private MemberId anna; // ACME, coordinator
    private MemberId carl; // ACME, core member
    private MemberId alex; // ACME, member
    private MemberId bob; // BETA, member
    private CommunityId heat;
    private KnowledgeItem primer;

    @BeforeEach
    void setUp() {
        f = Fixture.create(b -> b.newcomerPeriod(Duration.ofDays(30)));
        anna = f.member("anna", ACME);
        carl = f.member("carl", ACME);
        alex = f.member("alex", ACME);
        bob = f.member("bob", BETA);
        heat = f.community(anna, "Heat pumps");
        f.join(heat, carl, alex, bob);
        f.role(heat, anna, carl, Role.CORE);
        primer = f.published(anna, heat, Audience.community(), content("Heat pump primer", "Start here."));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private OnboardingService as(MemberId m) {
        return f.as(m).onboarding();
    }

    private LearningPathView fullPath() {
        return as(carl).create(LearningPathDraft.of(heat, LearningPathContent.of("First month", "Welcome!",
                LearningStep.read("Read the primer", primer.id()), LearningStep.attend("Join a workshop",
                        SessionKind.WORKSHOP), LearningStep.ask("Ask your first question"),
                LearningStep.answer("Answer someone else"))));
    }

    private Session session(MemberId host, SessionKind kind, int daysAhead) {
        ZonedDateTime start = TestClock.START.atZone(ZoneOffset.UTC).plusDays(daysAhead);
        return f.as(host).sessions().schedule(SessionDraft.of(heat, kind, SessionFormat.HYBRID, kind + " in " + daysAhead
                + " days", start, start.plusHours(2), "Utrecht", LINK));
    }

    private Conversation ask(MemberId m, String title) {
        return f.as(m).conversations().ask(ConversationDraft.of(heat, content(title, "Body of " + title))
                .withAudience(Audience.community()));
    }

    private Conversation answered(MemberId asker, MemberId answerer, String title) {
        Conversation q = ask(asker, title);
        Post a = f.as(answerer).conversations().answer(q.id(), "Answer to " + title);
        return f.as(asker).conversations().accept(a.id(), q.version());
    }

    @Test
    void create_storesThePathAndRecordsAnActivity_andReadersGetStepsWithItemTitles() {
        LearningPathView p = fullPath();

        assertThat(p.version()).isEqualTo(1);
        assertThat(p.createdBy()).isEqualTo(carl);
        assertThat(p.audience()).isEqualTo(Audience.community());
        assertThat(p.steps()).extracting(StepView::kind).containsExactly(StepKind.READ_ITEM,
                StepKind.ATTEND_SESSION, StepKind.ASK_QUESTION, StepKind.ANSWER_QUESTION);
        assertThat(p.steps().get(0)).isEqualTo(new StepView(0, StepKind.READ_ITEM, true,
                Optional.of("Read the primer"), Optional.of(primer.id()), Optional.of("Heat pump primer"),
                Optional.empty()));
        assertThat(as(bob).get(p.id())).isEqualTo(p);
        assertThat(as(alex).list(heat, PageRequest.first()).items()).containsExactly(p);
        assertThat(f.heard).anySatisfy(a -> {
            assertThat(a.verb()).isEqualTo(Verb.CREATED);
            assertThat(a.object().type()).isEqualTo(org.copkit.ObjectType.LEARNING_PATH);
            assertThat(a.details()).containsEntry("steps", "4");
        });
    }

    @Test
    void update_replacesContentAndAudience_withTheNextVersion_andRefusesAStaleOne() {
        LearningPathView p = fullPath();
        f.clock.advance(Duration.ofHours(1));

        LearningPathView u = as(anna).update(p.id(), 1, LearningPathContent.of("Renamed", "",
                LearningStep.ask("Ask")), Audience.organization(ACME));

        assertThat(u.version()).isEqualTo(2);
        assertThat(u.title()).isEqualTo("Renamed");
        assertThat(u.updatedAt()).isEqualTo(TestClock.START.plus(Duration.ofHours(1)));
        assertThat(u.createdAt()).isEqualTo(p.createdAt());
        assertThat(u.steps()).hasSize(1);
        assertThatThrownBy(() -> as(anna).update(p.id(), 1, LearningPathContent.of("Again", "",
                LearningStep.ask("Ask")), Audience.community())).isInstanceOf(org.copkit.ConflictException.class)
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> as(bob).get(p.id())).isInstanceOf(org.copkit.NotFoundException.class);
    }

    @Test
    void list_pagesThroughTheCommunitysPathsByCreation() {
        List<LearningPathId> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(as(anna).create(LearningPathDraft.of(heat, LearningPathContent.of("Path " + i, "",
                    LearningStep.ask("Ask")))).id());
        }

        assertThat(StoreSnapshot.all(p -> as(alex).list(heat, new PageRequest(p.after(), 2))))
                .extracting(LearningPathView::id).containsExactlyElementsOf(ids);
    }

    @Test
    void progress_isComputedFromTheActivityLog_stepByStep() {
        LearningPathView p = fullPath();
        PathProgress start = as(alex).progress(p.id());
        assertThat(start.done()).isZero();
        assertThat(start.total()).isEqualTo(4);
        assertThat(start.next()).contains(p.steps().get(0));

        f.clock.advance(Duration.ofMinutes(5));
        f.as(alex).knowledge().viewed(primer.id());
        assertThat(as(alex).progress(p.id()).done()).isEqualTo(1);
        assertThat(as(alex).progress(p.id()).next()).contains(p.steps().get(1));

        Session meetup = session(anna, SessionKind.MEETUP, 3);
        Session workshop = session(anna, SessionKind.WORKSHOP, 4);
        f.clock.advance(Duration.ofDays(3));
        f.as(anna).sessions().checkIn(meetup.id(), alex);
        assertThat(as(alex).progress(p.id()).done()).as("a meetup is no workshop").isEqualTo(1);
        f.clock.advance(Duration.ofDays(1));
        f.as(anna).sessions().checkIn(workshop.id(), alex);
        assertThat(as(alex).progress(p.id()).steps()).extracting(StepProgress::done)
                .containsExactly(true, true, false, false);

        Conversation bobs = ask(bob, "How loud are heat pumps?");
        assertThat(as(alex).progress(p.id()).done()).as("bob's question is not alex's").isEqualTo(2);
        ask(alex, "Which brand?");
        f.as(alex).conversations().answer(bobs.id(), "Quiet enough");

        PathProgress end = as(alex).progress(p.id());
        assertThat(end.done()).isEqualTo(4);
        assertThat(end.complete()).isTrue();
        assertThat(end.next()).isEmpty();
        assertThat(as(bob).progress(p.id()).steps()).extracting(StepProgress::done)
                .containsExactly(false, false, true, false);
    }

    @Test
    void progress_countsAnItemAsReadByItsOwner() {
        LearningPathView p = fullPath();

        assertThat(as(anna).progress(p.id()).steps().get(0).done()).isTrue();
        assertThat(as(carl).progress(p.id()).steps().get(0).done()).isFalse();
    }

    @Test
    void startHere_newcomerUntilTheConfiguredPeriodEnds() {
        StartHere first = as(alex).startHere(heat);
        assertThat(first.newcomer()).isEqualTo(new NewcomerStatus(true,
                Optional.of(TestClock.START.plus(Duration.ofDays(30)))));

        f.clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertThat(as(alex).startHere(heat).newcomer().newcomer()).isTrue();
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(as(alex).startHere(heat).newcomer()).isEqualTo(NewcomerStatus.no());
    }

    @Test
    void startHere_forANonMember_isNoNewcomerAndSuggestsNoPeers() {
        MemberId dora = f.member("dora", ACME);

        StartHere s = f.as(dora).onboarding().startHere(heat);

        assertThat(s.newcomer()).isEqualTo(NewcomerStatus.no());
        assertThat(s.peers()).isEmpty();
    }

    @Test
    void startHere_listsPathsWithProgress() {
        LearningPathView p = fullPath();
        f.as(alex).knowledge().viewed(primer.id());

        StartHere s = as(alex).startHere(heat);

        assertThat(s.community()).isEqualTo(heat);
        assertThat(s.paths()).singleElement().satisfies(pp -> {
            assertThat(pp.path()).isEqualTo(p);
            assertThat(pp.done()).isEqualTo(1);
            assertThat(pp.total()).isEqualTo(4);
            assertThat(pp.next()).contains(p.steps().get(1));
        });
    }

    @Test
    void startHere_ranksAnsweredQuestionsByScoreThenRecency_atMostFive() {
        Conversation[] qs = new Conversation[6];
        for (int i = 0; i < 6; i++) {
            f.clock.advance(Duration.ofMinutes(1));
            qs[i] = answered(alex, bob, "Question " + i);
        }
        ask(alex, "Still open");
        f.as(carl).conversations().vote(qs[2].id(), VoteValue.UP);
        f.as(anna).conversations().vote(qs[4].id(), VoteValue.UP);
        f.as(carl).conversations().vote(qs[4].id(), VoteValue.UP);

        List<Conversation> shown = as(bob).startHere(heat).answeredQuestions();

        assertThat(shown).extracting(Conversation::title).containsExactly("Question 4", "Question 2",
                "Question 5", "Question 3", "Question 1");
    }

    @Test
    void startHere_showsUpcomingSessionsEarliestFirst_withoutEndedOrCancelledOnes_atMostFive() {
        Session soon = session(anna, SessionKind.MEETUP, 1);
        Session cancelled = session(anna, SessionKind.WEBINAR, 2);
        f.as(anna).sessions().cancel(cancelled.id(), cancelled.version(), "ill");
        for (int d = 3; d <= 8; d++) {
            session(anna, SessionKind.WORKSHOP, d);
        }
        f.clock.advance(Duration.ofDays(1).plusHours(3));

        List<Session> shown = as(alex).startHere(heat).upcomingSessions();

        assertThat(shown).hasSize(5).doesNotContain(soon).extracting(Session::id).doesNotContain(cancelled.id());
        assertThat(shown).extracting(Session::start).isSorted();
        assertThat(shown.get(0).title()).isEqualTo("WORKSHOP in 3 days");
    }

    @Test
    void startHere_suggestsPeersWhoKnowWhatTheMemberWantsToLearnFirst_thenSharedCompetencies() {
        CompetencyId pumps = f.competency("heat-pumps").id();
        CompetencyId insulation = f.competency("insulation").id();
        CompetencyId subsidies = f.competency("subsidies").id();
        MemberId cleo = f.member("cleo", ACME);
        MemberId dan = f.member("dan", ACME);
        MemberId eva = f.member("eva", ACME);
        f.join(heat, cleo, dan, eva);
        profile(alex, p -> p.withAmbitions(Set.of(pumps)).withCompetences(List.of(new Competence(insulation,
                Proficiency.values()[0]))));
        profile(cleo, p -> p.withCompetences(List.of(new Competence(insulation, Proficiency.values()[0]))));
        profile(carl, p -> p.withCompetences(List.of(new Competence(pumps, Proficiency.values()[0]))));
        profile(dan, p -> p.withCompetences(List.of(new Competence(subsidies, Proficiency.values()[0]))));
        profile(eva, p -> p.withAmbitions(Set.of(pumps)));

        List<PeerSuggestion> peers = as(alex).startHere(heat).peers();

        assertThat(peers).extracting(PeerSuggestion::member).containsExactly(carl, cleo, eva);
        assertThat(peers.get(0).reason()).isEqualTo("knows heat-pumps, which you want to learn");
        assertThat(peers.get(0).canTeach()).containsExactly(pumps);
        assertThat(peers.get(1).reason()).isEqualTo("also knows insulation");
        assertThat(peers.get(2).reason()).isEqualTo("also wants to learn heat-pumps");
        assertThat(peers.get(2).shared()).containsExactly(pumps);
    }

    private void profile(MemberId m, java.util.function.UnaryOperator<MemberProfile> change) {
        Member current = f.as(m).members().get(m);
        f.as(m).members().updateProfile(m, current.version(), change.apply(current.profile()));
    }

    @Test
    void builder_takesTheNewcomerPeriodOnce_andOnlyAPositiveOne() {
        CopKit.Builder b = CopKit.builder().newcomerPeriod(Duration.ofDays(10));
        assertThatThrownBy(() -> b.newcomerPeriod(Duration.ofDays(20))).isInstanceOf(CopKitException.class)
                .hasMessageContaining("newcomerPeriod was already set");
        assertThatThrownBy(() -> CopKit.builder().newcomerPeriod(Duration.ZERO))
                .isInstanceOf(org.copkit.InvalidInputException.class).hasMessageContaining("newcomerPeriod");
        assertThat(CopKit.Builder.DEFAULT_NEWCOMER_PERIOD).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void defaultNewcomerPeriod_isNinetyDays() {
        try (Fixture g = Fixture.create()) {
            MemberId x = g.member("x", ACME);
            CommunityId c = g.community(x, "C");
            assertThat(g.as(x).onboarding().startHere(c).newcomer().until())
                    .contains(TestClock.START.plus(Duration.ofDays(90)));
        }
    }

    @Test
    void guiceCustomizer_setsTheNewcomerPeriod() {
        CopKit kit = com.google.inject.Guice.createInjector(new org.copkit.guice.CopKitModule(
                b -> b.newcomerPeriod(Duration.ofDays(7))), new com.google.inject.AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(java.time.Clock.class).toInstance(TestClock.atStart());
                    }
                }).getInstance(CopKit.class);
        try (kit) {
            kit.system().organizations().register(ACME, "Acme", "");
            kit.system().members().register(MemberId.of("x"), MemberProfile.of("X", ACME));
            org.copkit.domain.Domain d = kit.as(MemberId.of("x")).domains().create("D", "");
            CommunityId c = kit.as(MemberId.of("x")).communities().create(
                    org.copkit.community.CommunityDraft.of(d.id(), "C", "")).id();
            assertThat(kit.as(MemberId.of("x")).onboarding().startHere(c).newcomer().until())
                    .contains(TestClock.START.plus(Duration.ofDays(7)));
        }
    }
}
