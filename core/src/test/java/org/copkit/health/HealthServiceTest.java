package org.copkit.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.GAMMA;
import static org.copkit.Fixture.content;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.copkit.AccessDeniedException;
import org.copkit.InvalidInputException;
import org.copkit.NotFoundException;
import org.copkit.Fixture;
import org.copkit.StoreSnapshot;
import org.copkit.TestClock;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationDraft;
import org.copkit.member.MemberId;
import org.copkit.participation.Level;
import org.copkit.session.AttendanceMode;
import org.copkit.session.Capacity;
import org.copkit.session.RsvpResponse;
import org.copkit.session.Session;
import org.copkit.session.SessionDraft;
import org.copkit.session.SessionFormat;
import org.copkit.session.SessionKind;
import org.copkit.value.ValueCycle;
import org.copkit.value.ValueStoryContent;
import org.copkit.value.ValueStoryDraft;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthServiceTest {
    private static final Instant FROM = TestClock.START;
    private static final Instant TO = TestClock.START.plus(Duration.ofDays(7));

    private Fixture f;
    private MemberId anna; // ACME, coordinator of heat
    private MemberId alex; // ACME, member
    private MemberId bob; // BETA, member
    private MemberId dora; // GAMMA, not a member
    private CommunityId heat;

    @BeforeEach
    void setUp() {
        f = Fixture.create();
        anna = f.member("anna", ACME);
        alex = f.member("alex", ACME);
        bob = f.member("bob", BETA);
        dora = f.member("dora", GAMMA);
        heat = f.community(anna, "Heat pumps");
        f.join(heat, alex, bob);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private HealthReport report(MemberId reader) {
        return f.as(reader).health().report(heat, FROM, TO);
    }

    private Conversation ask(MemberId who, Audience audience, String title) {
        return f.as(who).conversations().ask(ConversationDraft.of(heat, content(title, "body")).withAudience(audience));
    }

    private Session session(MemberId host, Duration fromNow, Audience audience) {
        ZonedDateTime start = f.clock.instant().plus(fromNow).atZone(ZoneOffset.UTC);
        return f.as(host).sessions().schedule(SessionDraft.of(heat, SessionKind.WORKSHOP, SessionFormat.ONLINE,
                "Pump clinic", start, start.plusHours(1), null, URI.create("https://meet.example/pumps"))
                .withCapacity(Capacity.unlimited()).withAudience(audience));
    }

    private void story(MemberId who, ValueCycle cycle, Audience audience) {
        f.as(who).valueStories().record(ValueStoryDraft.of(heat, ValueStoryContent.of(cycle, "Story", "It helped",
                Locale.ENGLISH)).withAudience(audience));
    }

    @Test
    void questions_countAskedAnsweredUnanswered_andTheMedianTimeToTheFirstAnswer() {
        Conversation q1 = ask(alex, Audience.community(), "Which pump?");
        f.clock.advance(Duration.ofHours(1));
        Conversation q2 = ask(alex, Audience.community(), "Which subsidy?");
        Conversation q3 = ask(alex, Audience.community(), "Which installer?");
        f.clock.advance(Duration.ofHours(1));
        f.as(bob).conversations().answer(q1.id(), "The quiet one"); // 2h after q1
        f.clock.advance(Duration.ofHours(3));
        f.as(anna).conversations().answer(q2.id(), "ISDE"); // 4h after q2
        f.as(bob).conversations().answer(q1.id(), "A second answer does not count");
        f.clock.advance(Duration.ofHours(6));
        f.as(bob).conversations().answer(q3.id(), "Ask around"); // 10h after q3

        QuestionHealth q = report(anna).questions();

        assertThat(q.asked()).isEqualTo(3);
        assertThat(q.answered()).isEqualTo(3);
        assertThat(q.unanswered()).isZero();
        assertThat(q.medianTimeToFirstAnswer()).contains(Duration.ofHours(4));
    }

    @Test
    void questions_medianOfAnEvenCount_isTheMeanOfTheMiddleTwo_andUnansweredOnesAreTheBacklog() {
        Conversation q1 = ask(alex, Audience.community(), "Which pump?");
        Conversation q2 = ask(alex, Audience.community(), "Which subsidy?");
        ask(alex, Audience.community(), "Still open");
        f.clock.advance(Duration.ofHours(2));
        f.as(bob).conversations().answer(q1.id(), "The quiet one");
        f.clock.advance(Duration.ofHours(1));
        f.as(bob).conversations().answer(q2.id(), "ISDE");

        QuestionHealth q = report(anna).questions();

        assertThat(q.asked()).isEqualTo(3);
        assertThat(q.answered()).isEqualTo(2);
        assertThat(q.unanswered()).isEqualTo(1);
        assertThat(q.medianTimeToFirstAnswer()).contains(Duration.ofMinutes(150));
    }

    @Test
    void questions_askedOrAnsweredOutsideThePeriod_areNotCountedForIt() {
        Conversation early = ask(alex, Audience.community(), "Asked in the period");
        f.clock.advance(Duration.ofDays(8));
        f.as(bob).conversations().answer(early.id(), "Answered after it");
        ask(alex, Audience.community(), "Asked after the period");

        QuestionHealth q = report(anna).questions();

        assertThat(q.asked()).isEqualTo(1);
        assertThat(q.answered()).isZero();
        assertThat(q.unanswered()).as("no answer before the period's end").isEqualTo(1);
        assertThat(q.medianTimeToFirstAnswer()).isEmpty();
    }

    @Test
    void contentCounts_coverOnlyWhatTheReaderMaySee_soNoOrganizationLearnsAnothersVolume() {
        ask(bob, Audience.organization(BETA), "Beta only question");
        ask(alex, Audience.community(), "Shared question");
        f.published(bob, heat, Audience.organization(BETA), content("Beta only", "b"));
        f.published(alex, heat, Audience.community(), content("Shared", "b"));
        Session betaOnly = session(bob, Duration.ofHours(2), Audience.organization(BETA));
        f.as(bob).sessions().rsvp(betaOnly.id(), RsvpResponse.GOING, AttendanceMode.ONLINE);
        story(bob, ValueCycle.APPLIED, Audience.organization(BETA));
        story(alex, ValueCycle.APPLIED, Audience.community());
        f.clock.advance(Duration.ofDays(1));

        HealthReport coordinatorOfA = report(anna);
        HealthReport memberOfB = report(bob);

        assertThat(coordinatorOfA.questions().asked()).isEqualTo(1);
        assertThat(coordinatorOfA.itemsPublished()).isEqualTo(1);
        assertThat(coordinatorOfA.sessions()).isEmpty();
        assertThat(coordinatorOfA.valueStories()).containsEntry(ValueCycle.APPLIED, 1);
        assertThat(memberOfB.questions().asked()).isEqualTo(2);
        assertThat(memberOfB.itemsPublished()).isEqualTo(2);
        assertThat(memberOfB.sessions()).hasSize(1);
        assertThat(memberOfB.valueStories()).containsEntry(ValueCycle.APPLIED, 2);
    }

    @Test
    void staleItems_areThoseNeedingReviewOrPastTheirReviewDate_asOfTheClock() {
        f.published(alex, heat, Audience.community(), content("Pump basics", "b"));
        f.published(bob, heat, Audience.organization(BETA), content("Beta basics", "b"));
        assertThat(report(anna).itemsStale()).isZero();

        f.clock.advance(Duration.ofDays(366));
        assertThat(report(anna).itemsStale()).as("past the review date, not yet flagged").isEqualTo(1);

        f.kit.maintenance().run();
        HealthReport afterMaintenance = report(anna);
        assertThat(afterMaintenance.itemsStale()).as("NEEDS_REVIEW").isEqualTo(1);
        assertThat(afterMaintenance.itemsPublished()).as("published in the period, whatever the status now")
                .isEqualTo(1);
        assertThat(report(bob).itemsStale()).isEqualTo(2);
    }

    @Test
    void sessions_heldInThePeriod_reportSeatedGoingAnswersAgainstCheckIns() {
        Session held = session(anna, Duration.ofDays(1), Audience.community());
        Session later = session(anna, Duration.ofDays(5), Audience.community());
        Session cancelled = session(anna, Duration.ofDays(1), Audience.community());
        f.as(alex).sessions().rsvp(held.id(), RsvpResponse.GOING, AttendanceMode.ONLINE);
        f.as(bob).sessions().rsvp(held.id(), RsvpResponse.GOING, AttendanceMode.ONLINE);
        f.as(anna).sessions().rsvp(held.id(), RsvpResponse.MAYBE, AttendanceMode.ONLINE);
        f.as(anna).sessions().cancel(cancelled.id(), cancelled.version(), "ill");
        f.clock.advance(Duration.ofDays(1));
        f.as(anna).sessions().checkIn(held.id(), alex);
        f.clock.advance(Duration.ofDays(1));

        HealthReport r = report(alex);

        assertThat(r.sessions()).containsExactly(new SessionAttendance(held.id(), "Pump clinic", held.start(), 2, 1));
        assertThat(r.going()).isEqualTo(2);
        assertThat(r.checkedIn()).isEqualTo(1);
        assertThat(later.start()).isBefore(TO);

        f.clock.advance(Duration.ofDays(4));
        assertThat(report(alex).sessions()).extracting(SessionAttendance::session)
                .containsExactly(held.id(), later.id());
    }

    @Test
    void members_areCountedByStoredLevel_andNewcomersAreThoseWhoJoinedInThePeriod() {
        for (int i = 0; i < 4; i++) {
            f.draft(alex, heat, Audience.community(), content("Note " + i, "b"));
        }
        f.kit.maintenance().run();
        f.clock.advance(Duration.ofDays(8));
        MemberId late = f.member("late", ACME);
        f.join(heat, late);

        HealthReport r = report(anna);

        assertThat(r.membersByLevel()).containsExactly(Map.entry(Level.PERIPHERAL, 3), Map.entry(Level.ACTIVE, 1),
                Map.entry(Level.CORE, 0));
        assertThat(r.activeMembers()).isEqualTo(4);
        assertThat(r.newcomers()).as("anna, alex and bob joined at the start; late after the period").isEqualTo(3);
        assertThat(f.as(anna).health().report(heat, TO, TO.plus(Duration.ofDays(7))).newcomers()).isEqualTo(1);
    }

    @Test
    void valueStories_areCountedPerCycle_withEveryCyclePresent() {
        story(alex, ValueCycle.IMMEDIATE, Audience.community());
        story(alex, ValueCycle.IMMEDIATE, Audience.community());
        story(bob, ValueCycle.REALISED, Audience.community());
        f.clock.advance(Duration.ofDays(10));
        story(bob, ValueCycle.REALISED, Audience.community());

        assertThat(report(anna).valueStories()).containsExactly(Map.entry(ValueCycle.IMMEDIATE, 2),
                Map.entry(ValueCycle.POTENTIAL, 0), Map.entry(ValueCycle.APPLIED, 0),
                Map.entry(ValueCycle.REALISED, 1), Map.entry(ValueCycle.REFRAMING, 0));
    }

    @Test
    void report_isDeterministicForAClock_andStampedWithIt() {
        ask(alex, Audience.community(), "Which pump?");
        f.clock.advance(Duration.ofHours(5));

        HealthReport first = report(anna);
        HealthReport second = report(anna);

        assertThat(second).isEqualTo(first);
        assertThat(first.at()).isEqualTo(f.clock.instant());
        assertThat(first.from()).isEqualTo(FROM);
        assertThat(first.to()).isEqualTo(TO);
    }

    @Test
    void report_isDeniedToNonMembersAndFormerMembers_andStoresNothing() {
        StoreSnapshot before = f.snapshot();

        assertThatThrownBy(() -> report(dora)).isInstanceOf(AccessDeniedException.class)
                .hasMessage("only active members of 'Heat pumps' may read its health report");
        assertThat(report(alex).activeMembers()).isEqualTo(3);
        assertThat(f.kit.system().health().report(heat, FROM, TO).activeMembers()).isEqualTo(3);
        assertThat(f.snapshot()).isEqualTo(before);

        f.as(bob).communities().leave(heat);
        assertThatThrownBy(() -> report(bob)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void report_rejectsAnEmptyOrReversedPeriod_andAnUnknownCommunity() {
        assertThatThrownBy(() -> f.as(anna).health().report(heat, TO, FROM)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("to must be after from");
        assertThatThrownBy(() -> f.as(anna).health().report(heat, FROM, FROM))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> f.as(anna).health().report(CommunityId.of("nope"), FROM, TO))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.as(anna).health().report(heat, null, TO)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("from");
    }

    @Test
    void healthReport_fillsMissingLevelsAndCycles_andValidatesItsPeriod() {
        HealthReport r = new HealthReport(heat, FROM, TO, TO, Map.of(Level.CORE, 2), 0,
                new QuestionHealth(0, 0, 0, Optional.empty()), 0, 0, List.of(), Map.of());

        assertThat(r.membersByLevel()).containsExactly(Map.entry(Level.PERIPHERAL, 0), Map.entry(Level.ACTIVE, 0),
                Map.entry(Level.CORE, 2));
        assertThat(r.valueStories()).hasSize(ValueCycle.values().length).containsValue(0);
        assertThatThrownBy(() -> new HealthReport(heat, TO, FROM, TO, Map.of(), 0,
                new QuestionHealth(0, 0, 0, Optional.empty()), 0, 0, List.of(), Map.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("report.to");
        assertThatThrownBy(() -> new QuestionHealth(1, 2, 0, Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("questions.answered");
    }
}
