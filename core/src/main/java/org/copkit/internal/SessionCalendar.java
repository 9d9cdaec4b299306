package org.copkit.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.copkit.session.Session;

/**
 * Writes sessions as an RFC 5545 calendar (PRODID, VERSION:2.0, CALSCALE:GREGORIAN, METHOD:PUBLISH):
 * one VEVENT per session, in the order given, with a UID stable per session ({@code <sessionId>@copkit}),
 * DTSTART/DTEND with the session's TZID and a matching VTIMEZONE (named exactly like the session's zone,
 * even where the zone database treats it as an alias; each zone once, before the events), the session's
 * SEQUENCE, and STATUS:CANCELLED for cancelled sessions. Sessions planned in a fixed offset
 * ({@link ZoneOffset}) are written in UTC, and so is a time that falls in the second pass of a local hour
 * that repeats (when clocks go back), which RFC 5545 would read as the first.
 *
 * <p>The VTIMEZONEs come from the JDK's own zone rules ({@link VTimeZones}), the ones the session times
 * were computed with; no third-party zone data is read, and nothing is fetched.
 */
final class SessionCalendar {
    private static final String PRODID = "-//CoPKit//Sessions//EN";

    private SessionCalendar() {}

    /**
     * @param sessions the sessions to include, in the order given
     * @param stamp when the calendar is produced (DTSTAMP)
     * @return the calendar text, lines ending in CRLF
     */
    static String write(List<Session> sessions, Instant stamp) {
        ContentLines out = new ContentLines();
        out.begin("VCALENDAR").raw("PRODID", PRODID).raw("VERSION", "2.0").raw("CALSCALE", "GREGORIAN")
                .raw("METHOD", "PUBLISH");
        Map<String, Instant[]> spans = new LinkedHashMap<>();
        Map<String, ZoneRules> rules = new LinkedHashMap<>();
        for (Session s : sessions) {
            if (zoned(s.zone())) {
                spans.merge(s.zone().getId(), new Instant[] {s.start(), s.end()}, (a, b) -> new Instant[] {
                    a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
                rules.putIfAbsent(s.zone().getId(), s.zone().getRules());
            }
        }
        spans.forEach((id, span) -> VTimeZones.write(out, id, rules.get(id), span[0], span[1]));
        for (Session s : sessions) {
            event(out, s, stamp);
        }
        return out.end("VCALENDAR").toString();
    }

    /** Whether to write local times with a TZID: not for fixed offsets, nor zones without rules. */
    private static boolean zoned(ZoneId zone) {
        // a third-party ZoneRulesProvider may answer null (ical4j 4.2.2 does for its ical4j-local-* ids)
        return !(zone instanceof ZoneOffset) && zone.getRules() != null;
    }

    private static void event(ContentLines out, Session s, Instant stamp) {
        out.begin("VEVENT").raw("UID", s.id().value() + "@copkit").utc("DTSTAMP", stamp)
                .utc("CREATED", s.createdAt()).utc("LAST-MODIFIED", s.updatedAt());
        dateTime(out, "DTSTART", s.start(), s.zone());
        dateTime(out, "DTEND", s.end(), s.zone());
        out.text("SUMMARY", s.title());
        if (!s.agenda().isBlank()) {
            out.text("DESCRIPTION", s.agenda());
        }
        s.place().ifPresent(p -> out.text("LOCATION", p));
        s.joinLink().ifPresent(u -> out.raw("URL", u.toASCIIString()));
        out.text("CATEGORIES", s.kind().name());
        out.raw("STATUS", s.cancelled() ? "CANCELLED" : "CONFIRMED");
        out.raw("SEQUENCE", Integer.toString(s.sequence()));
        out.end("VEVENT");
    }

    /** Local time with TZID, or UTC where the local time would not name the instant (see the class doc). */
    private static void dateTime(ContentLines out, String name, Instant at, ZoneId zone) {
        if (zoned(zone)) {
            ZoneRules rules = zone.getRules();
            LocalDateTime local = LocalDateTime.ofInstant(at, zone);
            if (rules.getValidOffsets(local).get(0).equals(rules.getOffset(at))) {
                out.raw(name + ";TZID=" + ContentLines.paramValue(zone.getId()), ContentLines.local(local));
                return;
            }
        }
        out.utc(name, at);
    }
}
