package org.copkit.internal;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.VTimeZone;

/**
 * Reads our iCalendar output with ical4j's parser and resolves date-times by RFC 5545's rules against the
 * VTIMEZONE in the file (ical4j expands each observance's DTSTART/RRULE/RDATE and picks the one with the
 * latest onset), so the check depends neither on our writer's code nor on any zone database.
 *
 * <p>Not ical4j's own {@code getDate()} of a DTSTART: in 4.2.2 it turns a VTIMEZONE into ZoneRules with
 * a builder that misreads observances without RRULE (a Europe/Moscow summer 2010 time comes out at +03
 * where the VTIMEZONE says +04).
 */
public final class ICalendarCheck {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private ICalendarCheck() {}

    public static Calendar parse(String ics) {
        try {
            return new CalendarBuilder().build(new StringReader(ics));
        } catch (Exception e) {
            throw new AssertionError("ical4j cannot parse:\n" + ics, e);
        }
    }

    /** The instant a DATE-TIME property of a component names, resolved with the calendar's VTIMEZONE. */
    public static Instant instant(Calendar cal, Component c, String property) {
        Property p = c.getProperty(property).orElseThrow(() -> new AssertionError("no " + property));
        String value = p.getValue();
        if (value.endsWith("Z")) {
            return LocalDateTime.parse(value.substring(0, value.length() - 1), LOCAL).toInstant(ZoneOffset.UTC);
        }
        String tzid = p.getParameter("TZID").orElseThrow(() -> new AssertionError(property + " has no TZID"))
                .getValue();
        VTimeZone vtz = cal.<VTimeZone>getComponents("VTIMEZONE").stream()
                .filter(z -> z.getTimeZoneId().getValue().equals(tzid)).findFirst()
                .orElseThrow(() -> new AssertionError("no VTIMEZONE " + tzid));
        return resolve(vtz, LocalDateTime.parse(value, LOCAL));
    }

    /**
     * The instant of a local time by the VTIMEZONE: the offset {@code o} such that the observance in
     * effect at {@code local - o} has TZOFFSETTO {@code o} (unique outside gaps and overlaps).
     */
    public static Instant resolve(VTimeZone vtz, LocalDateTime local) {
        ZoneOffset offset = ZoneOffset.UTC;
        for (int i = 0; i < 4; i++) {
            Observance o = vtz.getApplicableObservance(local.atOffset(offset));
            if (o == null) {
                throw new AssertionError("no observance for " + local + " in " + vtz);
            }
            ZoneOffset to = ZoneOffset.of(offsetId(o.getProperty("TZOFFSETTO").orElseThrow().getValue()));
            if (to.equals(offset)) {
                return local.toInstant(offset);
            }
            offset = to;
        }
        throw new AssertionError("no consistent offset for " + local + " in " + vtz);
    }

    private static String offsetId(String v) {
        // +HHMM or +HHMMSS to +HH:MM[:SS]
        return v.substring(0, 3) + ":" + v.substring(3, 5) + (v.length() > 5 ? ":" + v.substring(5) : "");
    }
}
