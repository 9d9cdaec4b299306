package org.copkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.content;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.copkit.Fixture;
import org.copkit.ObjectType;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.StoreSnapshot;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityId;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.Provenance;
import org.copkit.member.MemberId;
import org.copkit.notification.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionServiceTest {
    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final URI LINK = URI.create("https://meet.example/heat");

    private final List<Notification> told = new CopyOnWriteArrayList<>();
    private Fixture f;
    private MemberId anna; // ACME, coordinator
    private MemberId alex; // ACME, member, hosts with anna
    private MemberId bob; // BETA
    private MemberId ben; // BETA
    private MemberId cleo; // ACME
    private CommunityId heat;

    @BeforeEach
    void setUp() {
        f = Fixture.create(b -> b.notifier(told::add));
        anna = f.member("anna", ACME);
        alex = f.member("alex", ACME);
        bob = f.member("bob", BETA);
        ben = f.member("ben", BETA);
        cleo = f.member("cleo", ACME);
        heat = f.community(anna, "Heat pumps");
        f.join(heat, alex, bob, ben, cleo);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    static SessionDraft workshop(CommunityId c, ZonedDateTime start) {
        return SessionDraft.of(c, SessionKind.WORKSHOP, SessionFormat.HYBRID, "Heat pump workshop", start,
                start.plusHours(2), "Utrecht, room 4", LINK).withAgenda("1. intro\n2. cases");
    }

    private ZonedDateTime nextWeek() {
        return ZonedDateTime.of(2025, 3, 10, 14, 0, 0, 0, AMSTERDAM);
    }

    private Session hybrid(int inPerson, int online) {
        return f.as(anna).sessions().schedule(workshop(heat, nextWeek()).withCapacity(Capacity.of(inPerson, online))
                .withHosts(java.util.Set.of(alex)));
    }

    @Test
    void schedule_makesTheSchedulerAndNamedMembersHosts_andRecordsTheKind() {
        Session s = hybrid(10, 10);
        assertThat(s.hosts()).containsExactly(anna, alex);
        assertThat(s.status()).isEqualTo(SessionStatus.SCHEDULED);
        assertThat(s.sequence()).isZero();
        assertThat(s.version()).isEqualTo(1);
        assertThat(f.as(bob).sessions().get(s.id())).isEqualTo(s);
        Activity a = f.heard.get(f.heard.size() - 1);
        assertThat(a.verb()).isEqualTo(Verb.SCHEDULED);
        assertThat(a.object()).isEqualTo(Ref.of(ObjectType.SESSION, s.id()));
        assertThat(a.details()).containsEntry("kind", "WORKSHOP");
    }

    @Test
    void fullSession_waitlistsInArrivalOrder_andPromotesTheEarliestWhenASeatFrees() {
        Session s = hybrid(1, 1);
        Rsvp first = f.as(alex).sessions().rsvp(s.id(), RsvpResponse.GOING, AttendanceMode.IN_PERSON);
        Rsvp second = f.as(bob).sessions().rsvp(s.id(), RsvpResponse.GOING, AttendanceMode.IN_PERSON);
        Rsvp third = f.as(ben).sessions().rsvp(s.id(), RsvpResponse.GOING, AttendanceMode.IN_PERSON);
        Rsvp online = f.as(cleo).sessions().rsvp(s.id(), RsvpResponse.GOING, AttendanceMode.ONLINE);
        assertThat(first.placement()).contains(Placement.CONFIRMED);
        assertThat(second.placement()).contains(Placement.WAITLISTED);
        assertThat(third.placement()).contains(Placement.WAITLISTED);
        assertThat(online.placement()).contains(Placement.CONFIRMED);
        assertThat(f.heard).extracting(Activity::verb).contains(Verb.WAITLISTED);

        told.clear();
        f.as(alex).sessions().rsvp(s.id(), RsvpResponse.DECLINED, AttendanceMode.IN_PERSON);

        RsvpSummary summary = f.as(anna).sessions().rsvps(s.id());
        assertThat(summary.rsvps()).filteredOn(r -> r.member().equals(bob)).singleElement()
                .satisfies(r -> assertThat(r.placement()).contains(Placement.CONFIRMED));
        assertThat(summary.rsvps()).filteredOn(r -> r.member().equals(ben)).singleElement()
                .satisfies(r -> assertThat(r.placement()).contains(Placement.WAITLISTED));
        assertThat(summary.confirmedInPerson()).isEqualTo(1);
        assertThat(summary.confirmedOnline()).isEqualTo(1);
        assertThat(summary.waitlisted()).isEqualTo(1);
        assertThat(summary.declined()).isEqualTo(1);
        assertThat(told).singleElement().satisfies(n -> {
            assertThat(n.recipient()).isEqualTo(bob);
            assertThat(n.activity().verb()).isEqualTo(Verb.PROMOTED_FROM_WAITLIST);
            assertThat(n.activity().target()).contains(Ref.of(ObjectType.MEMBER, bob));
        });
    }

    @Test
    void changingToMaybe_freesTheSeat_andRaisingCapacityPromotesTheRest() {
        Session s = hybrid(1, 0);
        f.as(alex).sessions().rsvp(s.id(), RsvpResponse.GOING, AttendanceMode.IN_PERSON);
        f.as(bob).sessions().rsvp(s.id(), RsvpResponse.GOING, AttendanceMode.IN_PERSON);
        f.as(ben).sessions().rsvp(s.id(), RsvpResponse.GOING, AttendanceMode.IN_PERSON);
        f.as(alex).sessions().rsvp(s.id(), RsvpResponse.MAYBE, AttendanceMode.IN_PERSON);
        assertThat(f.as(bob).sessions().rsvps(s.id()).rsvps()).singleElement()
                .satisfies(r -> assertThat(r.confirmed()).isTrue());

        Session cur = f.as(anna).sessions().get(s.id());
        told.clear();
        Session raised = f.as(anna).sessions().update(s.id(), cur.version(),
                cur.toDraft().withCapacity(Capacity.of(5, 0)));
        assertThat(raised.sequence()).as("capacity does not matter to calendars").isEqualTo(cur.sequence());
        assertThat(f.as(ben).sessions().rsvps(s.id()).rsvps()).singleElement()
                .satisfies(r -> assertThat(r.confirmed()).isTrue());
        assertThat(told).extracting(Notification::recipient).containsExactly(ben);
    }

    @Test
    void membersSeeTheirOwnAnswerAndTheCounts_hostsSeeEveryAnswer() {
        Session s = hybrid(5, 5);
        f.as(bob).sessions().rsvp(s.id(), RsvpResponse.GOING, AttendanceMode.ONLINE);
        f.as(ben).sessions().rsvp(s.id(), RsvpResponse.MAYBE, AttendanceMode.IN_PERSON);
        RsvpSummary asBob = f.as(bob).sessions().rsvps(s.id());
        assertThat(asBob.rsvps()).extracting(Rsvp::member).containsExactly(bob);
        assertThat(asBob.confirmedOnline()).isEqualTo(1);
        assertThat(asBob.maybe()).isEqualTo(1);
        assertThat(f.as(alex).sessions().rsvps(s.id()).rsvps()).extracting(Rsvp::member).containsExactly(bob, ben);
    }

    @Test
    void cancel_notifiesEveryoneSignedUp_bumpsTheSequence_andKeepsTheSession() {
        Session s = hybrid(1, 5);
        f.as(alex).sessions().rsvp(s.id(), RsvpResponse.GOING, AttendanceMode.IN_PERSON);
        f.as(bob).sessions().rsvp(s.id(), RsvpResponse.GOING, AttendanceMode.IN_PERSON); // waitlisted
        f.as(ben).sessions().rsvp(s.id(), RsvpResponse.MAYBE, AttendanceMode.ONLINE);
        f.as(cleo).sessions().rsvp(s.id(), RsvpResponse.DECLINED, AttendanceMode.ONLINE);
        told.clear();
        Session cancelled = f.as(anna).sessions().cancel(s.id(), s.version(), "speaker ill");
        assertThat(cancelled.status()).isEqualTo(SessionStatus.CANCELLED);
        assertThat(cancelled.sequence()).isEqualTo(s.sequence() + 1);
        assertThat(told).extracting(Notification::recipient).containsExactlyInAnyOrder(alex, bob, ben);
        assertThat(told).allSatisfy(n -> {
            assertThat(n.activity().verb()).isEqualTo(Verb.CANCELLED);
            assertThat(n.reason()).contains("cancelled");
        });
        assertThat(f.as(bob).sessions().get(s.id()).cancelled()).isTrue();
    }

    @Test
    void update_bumpsTheSequence_onlyForChangesThatMatterToCalendars() {
        Session s = hybrid(5, 5);
        Session moved = f.as(alex).sessions().update(s.id(), s.version(),
                s.toDraft().at(nextWeek().plusHours(1), nextWeek().plusHours(3)));
        assertThat(moved.sequence()).isEqualTo(1);
        assertThat(moved.version()).isEqualTo(2);
        Session notes = f.as(alex).sessions().recordNotes(s.id(), moved.version(), "We agreed on *three* pilots.");
        assertThat(notes.sequence()).isEqualTo(1);
        assertThat(notes.notes()).isEqualTo("We agreed on *three* pilots.");
    }

    @Test
    void series_keepsTheLocalTime_acrossTheSpringAndAutumnChanges() {
        ZonedDateTime first = ZonedDateTime.of(2025, 3, 20, 19, 0, 0, 0, AMSTERDAM);
        List<Session> weekly = f.as(anna).sessions().scheduleSeries(workshop(heat, first), Recurrence.WEEKLY, 3);
        assertThat(weekly).extracting(s -> s.start().atZone(AMSTERDAM).toLocalTime())
                .containsOnly(LocalTime.of(19, 0));
        assertThat(weekly).extracting(s -> Duration.between(s.start(), s.end())).containsOnly(Duration.ofHours(2));
        // 30 March 2025: clocks go forward in Europe, so the instant moves one hour earlier
        assertThat(Duration.between(weekly.get(1).start(), weekly.get(2).start())).isEqualTo(Duration.ofHours(167));
        assertThat(weekly).extracting(Session::series).allSatisfy(x -> assertThat(x).isEqualTo(weekly.get(0).series()))
                .allSatisfy(x -> assertThat(x).isPresent());

        ZonedDateTime autumn = ZonedDateTime.of(2025, 9, 26, 9, 30, 0, 0, AMSTERDAM);
        List<Session> monthly = f.as(anna).sessions().scheduleSeries(workshop(heat, autumn), Recurrence.MONTHLY, 3);
        assertThat(monthly).extracting(s -> s.start().atZone(AMSTERDAM).toLocalDateTime()).containsExactly(
                LocalDateTime.of(2025, 9, 26, 9, 30), LocalDateTime.of(2025, 10, 26, 9, 30),
                LocalDateTime.of(2025, 11, 26, 9, 30));
        assertThat(monthly).extracting(s -> s.start().atZone(AMSTERDAM).getOffset().getTotalSeconds() / 3600)
                .containsExactly(2, 1, 1);
    }

    @Test
    void times_showTheSessionInTheViewersZone_acrossDifferentDaylightSavingDates() {
        var me = f.kit.system().members().get(bob);
        f.as(bob).members().updateProfile(bob, me.version(), me.profile().withTimeZone(NEW_YORK));
        // 10 March 2025: New York is already on summer time (since 9 March), Amsterdam not yet (30 March)
        Session march = f.as(anna).sessions().schedule(workshop(heat, nextWeek()));
        SessionTimes t = f.as(bob).sessions().times(march.id());
        assertThat(t.start().toLocalDateTime()).isEqualTo(LocalDateTime.of(2025, 3, 10, 9, 0));
        assertThat(t.start().getZone()).isEqualTo(NEW_YORK);
        // 27 October 2025: Amsterdam is back on winter time (26 October), New York not yet (2 November)
        Session october = f.as(anna).sessions().schedule(workshop(heat,
                ZonedDateTime.of(2025, 10, 27, 14, 0, 0, 0, AMSTERDAM)));
        assertThat(f.as(bob).sessions().times(october.id()).start().toLocalDateTime())
                .isEqualTo(LocalDateTime.of(2025, 10, 27, 9, 0));
        assertThat(f.as(anna).sessions().times(october.id()).start().getZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(SessionTimes.planned(october).start().toLocalTime()).isEqualTo(LocalTime.of(14, 0));
    }

    @Test
    void checkIn_byAHost_recordsAttendanceAndTheKindForOtherFeatures() {
        Session s = hybrid(5, 5);
        f.as(bob).sessions().rsvp(s.id(), RsvpResponse.GOING, AttendanceMode.ONLINE);
        Attendance a = f.as(alex).sessions().checkIn(s.id(), bob);
        assertThat(a.checkedInBy()).isEqualTo(alex);
        assertThat(f.as(alex).sessions().checkIn(s.id(), bob)).as("idempotent").isEqualTo(a);
        assertThat(f.as(anna).sessions().attendance(s.id())).containsExactly(a);
        assertThat(f.as(bob).sessions().attendance(s.id())).containsExactly(a);
        assertThat(f.as(ben).sessions().attendance(s.id())).isEmpty();
        Activity checkedIn = f.heard.stream().filter(x -> x.verb() == Verb.CHECKED_IN).findFirst().orElseThrow();
        assertThat(checkedIn.target()).contains(Ref.of(ObjectType.MEMBER, bob));
        assertThat(checkedIn.details()).containsEntry("kind", "WORKSHOP").containsEntry("mode", "ONLINE");
        assertThat(f.heard).filteredOn(x -> x.verb() == Verb.CHECKED_IN).hasSize(1);
    }

    @Test
    void captureOutcome_createsAnItemWithSessionProvenance_linkedBothWays() {
        Session s = hybrid(5, 5);
        KnowledgeItem item = f.as(alex).sessions().captureOutcome(s.id(),
                ItemDraft.of(heat, ItemKind.LESSON_LEARNED, content("Pilot lessons", "Start small")));
        assertThat(item.provenance()).isEqualTo(Provenance.from(Provenance.Source.SESSION, s.id().value()));
        assertThat(item.owner()).isEqualTo(alex);
        assertThat(f.as(alex).knowledge().get(item.id())).isEqualTo(item);
        Session linked = f.as(alex).sessions().get(s.id());
        assertThat(linked.outcomes()).containsExactly(item.id());
        assertThat(linked.version()).isEqualTo(s.version() + 1);
        assertThat(f.heard).extracting(Activity::verb).contains(Verb.CREATED, Verb.CAPTURED);

        org.copkit.conversation.Conversation raised = f.as(alex).conversations().ask(
                org.copkit.conversation.ConversationDraft.of(heat, content("Who maintains the pilot?", "")));
        String conv = raised.id().value();
        Session q = f.as(alex).sessions().linkQuestion(s.id(), conv);
        assertThat(q.questions()).containsExactly(conv);
        assertThat(f.as(alex).sessions().linkQuestion(s.id(), conv)).isEqualTo(q);
        assertThat(f.as(alex).conversations().sessions(raised.id())).extracting(Session::id).containsExactly(s.id());
    }

    @Test
    void list_separatesUpcomingFromPast_pagesByStart_andUpcomingFollowsTheMember() {
        Session later = f.as(anna).sessions().schedule(workshop(heat, nextWeek().plusDays(7)));
        Session sooner = f.as(anna).sessions().schedule(workshop(heat, nextWeek()));
        Session soonest = f.as(anna).sessions().schedule(workshop(heat, nextWeek().minusDays(3)));
        var first = f.as(bob).sessions().list(heat, SessionWindow.UPCOMING, PageRequest.first(2));
        assertThat(first.items()).containsExactly(soonest, sooner);
        var second = f.as(bob).sessions().list(heat, SessionWindow.UPCOMING, PageRequest.first(2)
                .after(first.next().orElseThrow()));
        assertThat(second.items()).containsExactly(later);
        assertThat(second.hasNext()).isFalse();

        f.as(bob).sessions().rsvp(later.id(), RsvpResponse.GOING, AttendanceMode.ONLINE);
        f.as(bob).sessions().rsvp(soonest.id(), RsvpResponse.MAYBE, AttendanceMode.ONLINE);
        assertThat(f.as(bob).sessions().upcoming(PageRequest.first()).items()).containsExactly(soonest, later);

        f.clock.advance(Duration.ofDays(10));
        assertThat(f.as(bob).sessions().list(heat, SessionWindow.PAST, PageRequest.first()).items())
                .containsExactly(sooner, soonest);
        assertThat(f.as(bob).sessions().upcoming(PageRequest.first()).items()).containsExactly(later);
    }

    @Test
    void snapshotHelperSeesSessions() {
        Session s = hybrid(1, 1);
        assertThat(SessionState.of(f)).isNotEqualTo(new SessionState(List.of()));
        assertThat(StoreSnapshot.all(p -> f.kit.system().sessions().list(heat, SessionWindow.UPCOMING, p)))
                .containsExactly(s);
    }

    @Test
    void linkQuestion_refusesAConversationTheHostMayNotSee_andOneOfAnotherCommunity() {
        Session s = hybrid(5, 5);
        org.copkit.conversation.Conversation secret = f.as(bob).conversations().ask(
                org.copkit.conversation.ConversationDraft.of(heat, content("Beta only", ""))
                        .withAudience(org.copkit.access.Audience.organization(BETA)));
        CommunityId other = f.community(alex, "Other");
        org.copkit.conversation.Conversation elsewhere = f.as(alex).conversations().ask(
                org.copkit.conversation.ConversationDraft.of(other, content("Elsewhere", "")));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.as(alex).sessions().linkQuestion(s.id(), secret.id().value()))
                .isInstanceOf(org.copkit.InvalidInputException.class).hasMessageContaining("does not exist");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.as(alex).sessions().linkQuestion(s.id(), elsewhere.id().value()))
                .isInstanceOf(org.copkit.InvalidInputException.class).hasMessageContaining("not of the session's community");
        assertThat(f.as(alex).sessions().get(s.id()).questions()).isEmpty();
    }
}
