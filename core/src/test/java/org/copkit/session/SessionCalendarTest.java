package org.copkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copkit.Fixture.ACME;
import static org.copkit.session.SessionServiceTest.AMSTERDAM;
import static org.copkit.session.SessionServiceTest.NEW_YORK;
import static org.copkit.session.SessionServiceTest.workshop;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import org.copkit.Fixture;
import org.copkit.community.CommunityId;
import org.copkit.member.MemberId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The iCalendar output, parsed back with ical4j. */
class SessionCalendarTest {
    private Fixture f;
    private MemberId anna;
    private MemberId alex;
    private CommunityId heat;

    @BeforeEach
    void setUp() {
        f = Fixture.create();
        anna = f.member("anna", ACME);
        alex = f.member("alex", ACME);
        heat = f.community(anna, "Heat pumps");
        f.join(heat, alex);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    static List<VEvent> events(Calendar c) {
        return c.getComponents("VEVENT");
    }

    static String value(VEvent e, String property) {
        return e.getProperty(property).map(Property::getValue).orElseThrow();
    }

    static Instant instant(Temporal t) {
        return t instanceof ZonedDateTime z ? z.toInstant() : Instant.from(t);
    }

    @Test
    void oneSession_hasAStableUid_theZoneAndItsVTimezone_andItsTimesAfterTheSpringChange() throws Exception {
        ZonedDateTime start = ZonedDateTime.of(2025, 3, 31, 10, 0, 0, 0, AMSTERDAM); // first Monday of summer time
        Session s = f.as(anna).sessions().schedule(workshop(heat, start));
        String ics = f.as(alex).sessions().icalendar(s.id());
        assertThat(ics).contains("\r\n");
        Calendar cal = parse(ics);
        VEvent e = events(cal).get(0);
        assertThat(value(e, "UID")).isEqualTo(s.id().value() + "@copkit");
        assertThat(e.getDateTimeStart().getParameter("TZID").orElseThrow().getValue()).isEqualTo("Europe/Amsterdam");
        assertThat(instant(e.getDateTimeStart().getDate())).isEqualTo(Instant.parse("2025-03-31T08:00:00Z"));
        assertThat(instant(e.getDateTimeEnd().getDate())).isEqualTo(Instant.parse("2025-03-31T10:00:00Z"));
        List<VTimeZone> zones = cal.getComponents("VTIMEZONE");
        assertThat(zones).extracting(z -> z.getTimeZoneId().getValue()).containsExactly("Europe/Amsterdam");
        assertThat(value(e, "SUMMARY")).isEqualTo("Heat pump workshop");
        assertThat(value(e, "DESCRIPTION")).isEqualTo("1. intro\n2. cases");
        assertThat(value(e, "LOCATION")).isEqualTo("Utrecht, room 4");
        assertThat(value(e, "URL")).isEqualTo("https://meet.example/heat");
        assertThat(value(e, "STATUS")).isEqualTo("CONFIRMED");
        assertThat(value(e, "SEQUENCE")).isEqualTo("0");
        assertThat(value(e, "DTSTAMP")).isEqualTo("20250301T090000Z");
        assertThat(f.as(alex).sessions().icalendar(s.id())).as("stable output").isEqualTo(ics);
    }

    @Test
    void updatesRaiseTheSequence_andCancellationsSayStatusCancelled_underTheSameUid() throws Exception {
        Session s = f.as(anna).sessions().schedule(workshop(heat,
                ZonedDateTime.of(2025, 10, 27, 9, 0, 0, 0, NEW_YORK)));
        Session moved = f.as(anna).sessions().update(s.id(), s.version(), s.toDraft().withTitle("Moved workshop"));
        Session cancelled = f.as(anna).sessions().cancel(s.id(), moved.version(), "");
        VEvent e = events(parse(f.as(alex).sessions().icalendar(s.id()))).get(0);
        assertThat(value(e, "UID")).isEqualTo(s.id().value() + "@copkit");
        assertThat(value(e, "SEQUENCE")).isEqualTo("2").isEqualTo(Integer.toString(cancelled.sequence()));
        assertThat(value(e, "STATUS")).isEqualTo("CANCELLED");
        assertThat(value(e, "SUMMARY")).isEqualTo("Moved workshop");
        assertThat(e.getDateTimeStart().getParameter("TZID").orElseThrow().getValue()).isEqualTo("America/New_York");
        // 27 October: New York still on summer time (UTC-4)
        assertThat(instant(e.getDateTimeStart().getDate())).isEqualTo(Instant.parse("2025-10-27T13:00:00Z"));
    }

    @Test
    void communityAndMemberFeeds_holdTheirSessions_eachZoneOnce() throws Exception {
        Session a = f.as(anna).sessions().schedule(workshop(heat, ZonedDateTime.of(2025, 3, 28, 10, 0, 0, 0,
                AMSTERDAM)));
        Session b = f.as(anna).sessions().schedule(workshop(heat, ZonedDateTime.of(2025, 4, 4, 10, 0, 0, 0,
                AMSTERDAM)));
        Session c = f.as(anna).sessions().schedule(workshop(heat, ZonedDateTime.of(2025, 4, 4, 10, 0, 0, 0,
                NEW_YORK)));
        Calendar community = parse(f.as(alex).sessions().communityFeed(heat));
        assertThat(events(community)).extracting(e -> value(e, "UID")).containsExactly(a.id() + "@copkit",
                b.id() + "@copkit", c.id() + "@copkit");
        assertThat(community.<VTimeZone>getComponents("VTIMEZONE")).extracting(z -> z.getTimeZoneId().getValue())
                .containsExactlyInAnyOrder("Europe/Amsterdam", "America/New_York");
        // the week across the change: 28 March at UTC+1, 4 April at UTC+2, both 10:00 local
        assertThat(events(community)).extracting(e -> instant(e.getDateTimeStart().getDate())).startsWith(
                Instant.parse("2025-03-28T09:00:00Z"), Instant.parse("2025-04-04T08:00:00Z"));

        f.as(alex).sessions().rsvp(b.id(), RsvpResponse.GOING, AttendanceMode.ONLINE);
        assertThat(events(parse(f.as(alex).sessions().memberFeed()))).extracting(e -> value(e, "UID"))
                .containsExactly(b.id() + "@copkit");
        assertThat(events(parse(f.as(anna).sessions().memberFeed()))).hasSize(3);
    }
}
