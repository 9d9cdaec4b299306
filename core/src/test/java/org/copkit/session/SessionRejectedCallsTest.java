package org.copkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.content;
import static org.copkit.session.SessionServiceTest.AMSTERDAM;
import static org.copkit.session.SessionServiceTest.workshop;

import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.copkit.AccessDeniedException;
import org.copkit.ConflictException;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.Fixture;
import org.copkit.InvalidInputException;
import org.copkit.NotFoundException;
import org.copkit.StoreSnapshot;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.member.MemberId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rejected session calls get a typed error naming the problem and leave everything stored as it was. */
class SessionRejectedCallsTest {
    private Fixture f;
    private MemberId anna; // ACME, coordinator of heat
    private MemberId alex; // ACME, member
    private MemberId bob; // BETA, member
    private MemberId dina; // BETA, no member
    private CommunityId heat;
    private CommunityId grids;
    private Session session;

    @BeforeEach
    void setUp() {
        f = Fixture.create();
        anna = f.member("anna", ACME);
        alex = f.member("alex", ACME);
        bob = f.member("bob", BETA);
        dina = f.member("dina", BETA);
        heat = f.community(anna, "Heat pumps");
        grids = f.community(anna, "Grids");
        f.join(heat, alex, bob);
        session = f.as(anna).sessions().schedule(workshop(heat, ZonedDateTime.of(2025, 3, 12, 10, 0, 0, 0,
                AMSTERDAM)).withCapacity(Capacity.of(1, 1)));
        f.as(alex).sessions().rsvp(session.id(), RsvpResponse.GOING, AttendanceMode.IN_PERSON);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private void assertRejected(ThrowingCallable call, Class<? extends CopKitException> type, ErrorCode code,
            String... messageParts) {
        StoreSnapshot before = f.snapshot();
        SessionState sessionsBefore = SessionState.of(f);
        int heardBefore = f.heard.size();
        Throwable e = catchThrowable(call);
        assertThat(e).isExactlyInstanceOf(type);
        assertThat(((CopKitException) e).code()).isEqualTo(code);
        assertThat(e.getMessage()).contains(messageParts);
        assertThat(f.snapshot()).isEqualTo(before);
        assertThat(SessionState.of(f)).isEqualTo(sessionsBefore);
        assertThat(f.heard).hasSize(heardBefore);
    }

    @Test
    void draft_withTheEndBeforeTheStart_isInvalid() {
        ZonedDateTime start = ZonedDateTime.of(2025, 3, 12, 10, 0, 0, 0, AMSTERDAM);
        assertRejected(() -> SessionDraft.of(heat, SessionKind.MEETUP, SessionFormat.ONLINE, "t", start,
                start.minusMinutes(1), null, URI.create("https://x.example/")), InvalidInputException.class,
                ErrorCode.INVALID, "draft.end", "after");
    }

    @Test
    void inPersonWithoutPlace_andOnlineWithoutLink_areInvalid() {
        ZonedDateTime start = ZonedDateTime.of(2025, 3, 12, 10, 0, 0, 0, AMSTERDAM);
        assertRejected(() -> SessionDraft.of(heat, SessionKind.SITE_VISIT, SessionFormat.IN_PERSON, "t", start,
                start.plusHours(1), null, null), InvalidInputException.class, ErrorCode.INVALID, "draft.place",
                "IN_PERSON");
        assertRejected(() -> SessionDraft.of(heat, SessionKind.WEBINAR, SessionFormat.HYBRID, "t", start,
                start.plusHours(1), "Utrecht", null), InvalidInputException.class, ErrorCode.INVALID,
                "draft.joinLink", "HYBRID");
        assertRejected(() -> SessionDraft.of(heat, SessionKind.WEBINAR, SessionFormat.ONLINE, "t", start,
                start.plusHours(1), null, URI.create("ftp://x.example/")), InvalidInputException.class,
                ErrorCode.INVALID, "draft.joinLink", "ftp://x.example/");
    }

    @Test
    void schedule_byANonMember_isDenied() {
        assertRejected(() -> f.as(dina).sessions().schedule(workshop(heat, ZonedDateTime.of(2025, 3, 12, 10, 0, 0,
                0, AMSTERDAM))), AccessDeniedException.class, ErrorCode.FORBIDDEN, "active members", "Heat pumps");
    }

    @Test
    void schedule_withAHostWhoIsNoMember_orAnotherOrganisationsAudience_isRejected() {
        SessionDraft d = workshop(heat, ZonedDateTime.of(2025, 3, 12, 10, 0, 0, 0, AMSTERDAM));
        assertRejected(() -> f.as(alex).sessions().schedule(d.withHosts(Set.of(dina))), InvalidInputException.class,
                ErrorCode.INVALID, "draft.hosts", "dina");
        assertRejected(() -> f.as(alex).sessions().schedule(d.withAudience(Audience.organization(BETA))),
                AccessDeniedException.class, ErrorCode.FORBIDDEN, "own organisation");
    }

    @Test
    void series_withTooManyOccurrences_isInvalid() {
        assertRejected(() -> f.as(alex).sessions().scheduleSeries(session.toDraft(), Recurrence.WEEKLY, 53),
                InvalidInputException.class, ErrorCode.INVALID, "count", "53");
    }

    @Test
    void update_byAMemberWhoIsNoHost_isDenied_andAStaleVersionConflicts() {
        assertRejected(() -> f.as(bob).sessions().update(session.id(), session.version(),
                session.toDraft().withTitle("Mine now")), AccessDeniedException.class, ErrorCode.FORBIDDEN,
                "hosts", "Heat pumps");
        assertRejected(() -> f.as(anna).sessions().update(session.id(), session.version() + 1,
                session.toDraft().withTitle("Later")), ConflictException.class, ErrorCode.CONFLICT, "version");
    }

    @Test
    void update_intoAnotherCommunity_orDroppingAnAnsweredMode_isRejected() {
        SessionDraft moved = new SessionDraft(grids, session.practice(), session.kind(), session.format(),
                session.title(), session.agenda(), session.start(), session.end(), session.zone(), session.place(),
                session.joinLink(), session.capacity(), session.hosts(), java.util.Optional.empty());
        assertRejected(() -> f.as(anna).sessions().update(session.id(), session.version(), moved),
                InvalidInputException.class, ErrorCode.INVALID, "draft.community");
        assertRejected(() -> f.as(anna).sessions().update(session.id(), session.version(), session.toDraft()
                .withFormat(SessionFormat.ONLINE, null, URI.create("https://x.example/"))), ConflictException.class,
                ErrorCode.CONFLICT, "alex", "IN_PERSON");
    }

    @Test
    void cancel_twice_conflicts_andAnswersToACancelledSessionConflict() {
        Session cancelled = f.as(anna).sessions().cancel(session.id(), session.version(), "");
        assertRejected(() -> f.as(anna).sessions().cancel(session.id(), cancelled.version(), ""),
                ConflictException.class, ErrorCode.CONFLICT, "cancelled");
        assertRejected(() -> f.as(bob).sessions().rsvp(session.id(), RsvpResponse.GOING, AttendanceMode.ONLINE),
                ConflictException.class, ErrorCode.CONFLICT, "cancelled");
    }

    @Test
    void rsvp_byANonMember_isDenied_anUnofferedModeIsInvalid_andAnEndedSessionConflicts() {
        // a community-audience session is invisible to a non-member, so it is missing for her
        assertRejected(() -> f.as(dina).sessions().rsvp(session.id(), RsvpResponse.GOING, AttendanceMode.ONLINE),
                NotFoundException.class, ErrorCode.NOT_FOUND, "does not exist");
        Session everyone = f.as(anna).sessions().schedule(session.toDraft().withAudience(Audience.platform()));
        assertRejected(() -> f.as(dina).sessions().rsvp(everyone.id(), RsvpResponse.GOING, AttendanceMode.ONLINE),
                AccessDeniedException.class, ErrorCode.FORBIDDEN, "Heat pumps");
        Session online = f.as(anna).sessions().schedule(SessionDraft.of(heat, SessionKind.WEBINAR,
                SessionFormat.ONLINE, "Webinar", ZonedDateTime.of(2025, 3, 12, 10, 0, 0, 0, AMSTERDAM),
                ZonedDateTime.of(2025, 3, 12, 11, 0, 0, 0, AMSTERDAM), null, URI.create("https://x.example/")));
        assertRejected(() -> f.as(bob).sessions().rsvp(online.id(), RsvpResponse.GOING, AttendanceMode.IN_PERSON),
                InvalidInputException.class, ErrorCode.INVALID, "IN_PERSON", "ONLINE");
        f.clock.advance(Duration.ofDays(30));
        assertRejected(() -> f.as(bob).sessions().rsvp(session.id(), RsvpResponse.GOING, AttendanceMode.ONLINE),
                ConflictException.class, ErrorCode.CONFLICT, "ended");
    }

    @Test
    void checkIn_notesAndCapture_byAMemberWhoIsNoHost_areDenied() {
        assertRejected(() -> f.as(bob).sessions().checkIn(session.id(), bob), AccessDeniedException.class,
                ErrorCode.FORBIDDEN, "hosts");
        assertRejected(() -> f.as(bob).sessions().recordNotes(session.id(), session.version(), "x"),
                AccessDeniedException.class, ErrorCode.FORBIDDEN, "hosts");
        assertRejected(() -> f.as(bob).sessions().captureOutcome(session.id(), ItemDraft.of(heat, ItemKind.ARTICLE,
                content("t", "b"))), AccessDeniedException.class, ErrorCode.FORBIDDEN, "hosts");
        assertRejected(() -> f.as(bob).sessions().linkQuestion(session.id(), "conv-1"), AccessDeniedException.class,
                ErrorCode.FORBIDDEN, "hosts");
    }

    @Test
    void capture_intoAnotherCommunity_andCheckInOfAnUnknownMember_areInvalid() {
        assertRejected(() -> f.as(anna).sessions().captureOutcome(session.id(), ItemDraft.of(grids, ItemKind.ARTICLE,
                content("t", "b"))), InvalidInputException.class, ErrorCode.INVALID, "draft.community");
        assertRejected(() -> f.as(anna).sessions().checkIn(session.id(), MemberId.of("ghost")),
                InvalidInputException.class, ErrorCode.INVALID, "ghost");
        assertRejected(() -> f.as(anna).sessions().linkQuestion(session.id(), "has space"),
                InvalidInputException.class, ErrorCode.INVALID, "conversationId");
    }

    @Test
    void anUnknownSession_isNotFound() {
        assertRejected(() -> f.as(anna).sessions().cancel(SessionId.of("nope"), 1, ""), NotFoundException.class,
                ErrorCode.NOT_FOUND, "session nope does not exist");
    }
}
