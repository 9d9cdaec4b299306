package org.copkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VTimeZone;
import org.junit.jupiter.api.Test;

/** VTIMEZONEs from the JDK's rules, read back by ical4j and resolved by RFC 5545's rules. */
class VTimeZonesTest {
    /** A calendar with one VTIMEZONE for the zone spanning the instants, and a local time per instant. */
    private static VTimeZone roundTrip(ZoneId zone, Instant from, Instant to) {
        ContentLines out = new ContentLines().begin("VCALENDAR").raw("PRODID", "-//test//EN").raw("VERSION", "2.0");
        VTimeZones.write(out, zone.getId(), zone.getRules(), from, to);
        Calendar cal = ICalendarCheck.parse(out.end("VCALENDAR").toString());
        return cal.<VTimeZone>getComponents("VTIMEZONE").get(0);
    }

    private static Instant resolve(VTimeZone vtz, ZoneId zone, Instant at) {
        return ICalendarCheck.resolve(vtz, LocalDateTime.ofInstant(at, zone));
    }

    @Test
    void everyZoneOfTheJdk_resolvesLocalTimesToTheSameInstantAsJavaTime_acrossTheSpan() {
        List<String> wrong = new ArrayList<>();
        Instant from = Instant.parse("2009-06-01T12:00:00Z");
        Instant to = Instant.parse("2027-06-01T12:00:00Z");
        // the JDK's own tzdb ids: ical4j (test scope) adds the VTIMEZONEs it parses to java.time's zone ids
        var ids = new TreeSet<>(ZoneId.getAvailableZoneIds());
        ids.retainAll(Set.of(TimeZone.getAvailableIDs()));
        assertThat(ids).contains("Europe/Amsterdam", "Pacific/Apia").hasSizeGreaterThan(400);
        for (String id : ids) {
            ZoneId zone = ZoneId.of(id);
            VTimeZone vtz = roundTrip(zone, from, to);
            // every ten days over the span, two days away from the clock changes: ical4j 4.2.2 puts an
            // RRULE observance's onset up to a day early (New York at 17:00 on the Saturday before the
            // first Sunday of November already in standard time), which is its own quirk, not ours
            var rules = zone.getRules();
            for (Instant at = from; !at.isAfter(to); at = at.plusSeconds(10 * 86_400 + 3_600)) {
                var local = LocalDateTime.ofInstant(at, zone);
                var next = rules.nextTransition(at);
                var previous = rules.previousTransition(at.plusSeconds(1));
                if ((next != null && next.getInstant().isBefore(at.plusSeconds(2 * 86_400)))
                        || (previous != null && previous.getInstant().isAfter(at.minusSeconds(2 * 86_400)))) {
                    continue;
                }
                Instant got = resolve(vtz, zone, at);
                if (!got.equals(at)) {
                    wrong.add(id + " " + local + ": " + got + " instead of " + at);
                    break;
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aZoneWhoseRulesChanged_isRightBeforeAndAfterTheChange() {
        ZoneId moscow = ZoneId.of("Europe/Moscow");
        Instant summer2010 = Instant.parse("2010-07-01T10:00:00Z"); // MSD, UTC+4
        Instant winter2010 = Instant.parse("2010-12-01T10:00:00Z"); // MSK, UTC+3
        Instant winter2013 = Instant.parse("2013-12-01T10:00:00Z"); // permanent UTC+4 (2011-2014)
        Instant summer2024 = Instant.parse("2024-07-01T10:00:00Z"); // UTC+3 since October 2014
        VTimeZone vtz = roundTrip(moscow, summer2010, summer2024);
        for (Instant at : List.of(summer2010, winter2010, winter2013, summer2024)) {
            assertThat(resolve(vtz, moscow, at)).as(at.toString()).isEqualTo(at);
        }
    }

    @Test
    void zonesWithRecurringRules_useAnOpenRrulePerRule_fromTheFirstTransitionAfterTheExplicitOnes() {
        ContentLines out = new ContentLines();
        ZoneId ams = ZoneId.of("Europe/Amsterdam");
        VTimeZones.write(out, ams.getId(), ams.getRules(), Instant.parse("2025-03-31T08:00:00Z"),
                Instant.parse("2025-03-31T10:00:00Z"));
        assertThat(out.toString()).isEqualTo(String.join("\r\n", "BEGIN:VTIMEZONE", "TZID:Europe/Amsterdam",
                "BEGIN:DAYLIGHT", "DTSTART:19980329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
                "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "END:DAYLIGHT", "BEGIN:STANDARD",
                "DTSTART:19981025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "TZOFFSETFROM:+0200",
                "TZOFFSETTO:+0100", "END:STANDARD", "END:VTIMEZONE", ""));
    }

    @Test
    void aZoneWithoutTransitionsInTheSpan_hasOneObservance() {
        ContentLines out = new ContentLines();
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        VTimeZones.write(out, kolkata.getId(), kolkata.getRules(), Instant.parse("2025-01-15T04:00:00Z"),
                Instant.parse("2025-01-15T06:00:00Z"));
        assertThat(out.toString()).containsOnlyOnce("BEGIN:STANDARD").doesNotContain("DAYLIGHT", "RRULE")
                .contains("TZOFFSETTO:+0530");
        ContentLines utc = new ContentLines();
        VTimeZones.write(utc, "Etc/UTC", ZoneId.of("Etc/UTC").getRules(), Instant.parse("2025-01-15T04:00:00Z"),
                Instant.parse("2025-01-15T06:00:00Z"));
        assertThat(utc.toString()).contains("DTSTART:16010101T000000", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0000");
    }
}
