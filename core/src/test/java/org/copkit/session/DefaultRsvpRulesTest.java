package org.copkit.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;
import org.copkit.member.MemberId;
import org.junit.jupiter.api.Test;

/** The default placement rules alone: no storage, no clock. */
class DefaultRsvpRulesTest {
    private static final Instant AT = Instant.parse("2025-03-01T09:00:00Z");
    private final RsvpRules rules = RsvpRules.defaults();

    private static Session session(Capacity capacity) {
        return new Session(SessionId.of("s1"), CommunityId.of("c1"), Optional.empty(), SessionKind.WORKSHOP,
                SessionFormat.HYBRID, "Workshop", "", AT.plusSeconds(86_400), AT.plusSeconds(90_000),
                ZoneId.of("Europe/Amsterdam"), Optional.of("Utrecht"), Optional.of(URI.create("https://meet.example/x")),
                capacity, Set.of(MemberId.of("host")), Audience.community(), SessionStatus.SCHEDULED, 0,
                Optional.empty(), "", Set.of(), Set.of(), AT, AT, 1);
    }

    private static Rsvp going(String member, AttendanceMode mode, Placement placement, long arrival) {
        return new Rsvp(SessionId.of("s1"), MemberId.of(member), RsvpResponse.GOING, mode, Optional.of(placement), AT,
                arrival, 1);
    }

    private static Rsvp answer(String member, RsvpResponse response, long arrival) {
        return new Rsvp(SessionId.of("s1"), MemberId.of(member), response, AttendanceMode.IN_PERSON,
                Optional.empty(), AT, arrival, 1);
    }

    private static Optional<Placement> placementOf(List<Rsvp> rsvps, String member) {
        return rsvps.stream().filter(r -> r.member().value().equals(member)).findFirst().orElseThrow().placement();
    }

    @Test
    void goingGetsASeatWhileSeatsRemain_thenWaitsInArrivalOrder() {
        List<Rsvp> in = new ArrayList<>();
        in.add(going("a", AttendanceMode.IN_PERSON, Placement.CONFIRMED, 1));
        in.add(going("c", AttendanceMode.IN_PERSON, Placement.WAITLISTED, 3));
        in.add(going("b", AttendanceMode.IN_PERSON, Placement.WAITLISTED, 2));
        List<Rsvp> out = rules.place(session(Capacity.of(2, 0)), in);
        assertThat(placementOf(out, "a")).contains(Placement.CONFIRMED);
        assertThat(placementOf(out, "b")).contains(Placement.CONFIRMED);
        assertThat(placementOf(out, "c")).contains(Placement.WAITLISTED);
    }

    @Test
    void seatsAreCountedPerMode() {
        List<Rsvp> out = rules.place(session(Capacity.of(1, 1)), List.of(
                going("a", AttendanceMode.IN_PERSON, Placement.CONFIRMED, 1),
                going("b", AttendanceMode.IN_PERSON, Placement.WAITLISTED, 2),
                going("c", AttendanceMode.ONLINE, Placement.WAITLISTED, 3)));
        assertThat(placementOf(out, "b")).contains(Placement.WAITLISTED);
        assertThat(placementOf(out, "c")).contains(Placement.CONFIRMED);
    }

    @Test
    void unlimitedCapacitySeatsEveryone() {
        List<Rsvp> out = rules.place(session(new Capacity(OptionalInt.empty(), OptionalInt.of(0))), List.of(
                going("a", AttendanceMode.IN_PERSON, Placement.WAITLISTED, 1),
                going("b", AttendanceMode.IN_PERSON, Placement.WAITLISTED, 2),
                going("c", AttendanceMode.ONLINE, Placement.WAITLISTED, 3)));
        assertThat(placementOf(out, "a")).contains(Placement.CONFIRMED);
        assertThat(placementOf(out, "b")).contains(Placement.CONFIRMED);
        assertThat(placementOf(out, "c")).contains(Placement.WAITLISTED);
    }

    @Test
    void maybeAndDeclinedTakeNoSeat_soTheEarliestWaitingMemberIsPromoted() {
        List<Rsvp> out = rules.place(session(Capacity.of(1, 0)), List.of(
                answer("a", RsvpResponse.DECLINED, 5),
                answer("m", RsvpResponse.MAYBE, 6),
                going("late", AttendanceMode.IN_PERSON, Placement.WAITLISTED, 4),
                going("early", AttendanceMode.IN_PERSON, Placement.WAITLISTED, 2)));
        assertThat(placementOf(out, "early")).contains(Placement.CONFIRMED);
        assertThat(placementOf(out, "late")).contains(Placement.WAITLISTED);
        assertThat(placementOf(out, "a")).isEmpty();
        assertThat(placementOf(out, "m")).isEmpty();
    }

    @Test
    void loweredCapacityNeverTakesASeatAway() {
        List<Rsvp> out = rules.place(session(Capacity.of(1, 0)), List.of(
                going("a", AttendanceMode.IN_PERSON, Placement.CONFIRMED, 1),
                going("b", AttendanceMode.IN_PERSON, Placement.CONFIRMED, 2),
                going("c", AttendanceMode.IN_PERSON, Placement.WAITLISTED, 3)));
        assertThat(out).filteredOn(Rsvp::confirmed).extracting(r -> r.member().value()).containsExactly("a", "b");
        assertThat(placementOf(out, "c")).contains(Placement.WAITLISTED);
    }

    @Test
    void raisedCapacityPromotesAsManyAsFit_inArrivalOrder() {
        List<Rsvp> out = rules.place(session(Capacity.of(3, 0)), List.of(
                going("a", AttendanceMode.IN_PERSON, Placement.CONFIRMED, 1),
                going("d", AttendanceMode.IN_PERSON, Placement.WAITLISTED, 4),
                going("b", AttendanceMode.IN_PERSON, Placement.WAITLISTED, 2),
                going("c", AttendanceMode.IN_PERSON, Placement.WAITLISTED, 3)));
        assertThat(out).filteredOn(Rsvp::confirmed).extracting(r -> r.member().value())
                .containsExactlyInAnyOrder("a", "b", "c");
        assertThat(placementOf(out, "d")).contains(Placement.WAITLISTED);
    }

    @Test
    void returnsEveryAnswerUnchangedExceptPlacements() {
        List<Rsvp> in = List.of(going("a", AttendanceMode.ONLINE, Placement.WAITLISTED, 7),
                answer("b", RsvpResponse.MAYBE, 8));
        List<Rsvp> out = rules.place(session(Capacity.unlimited()), in);
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isEqualTo(in.get(0).withPlacement(Placement.CONFIRMED));
        assertThat(out.get(1)).isEqualTo(in.get(1));
    }
}
