package org.copkit.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a VTIMEZONE from the JDK's own rules of a zone ({@link ZoneId#getRules()}), so that it agrees
 * with the rules the session times were computed with. It covers the instants from {@code from} on:
 *
 * <ul>
 *   <li>one STANDARD or DAYLIGHT sub-component per transition, from the one in effect at {@code from}
 *       up to the first transition after {@code to} (DTSTART in the local time before it, TZOFFSETFROM,
 *       TZOFFSETTO); before a zone's first transition (or for a zone without any) one sub-component
 *       with DTSTART 16010101T000000 and the offset then in effect;
 *   <li>when the span reaches the years the zone's recurring rules govern
 *       ({@link ZoneRules#getTransitionRules()}), one sub-component per rule with an open RRULE
 *       instead, starting at the rule's first transition after the zone's last explicit one. A rule
 *       an RRULE cannot express exactly falls back to one sub-component per transition.
 * </ul>
 *
 * A sub-component is DAYLIGHT when the JDK says the offset after the transition is daylight saving.
 */
final class VTimeZones {
    private static final String FIRST_ONSET = "16010101T000000";

    private VTimeZones() {}

    /**
     * @param out where to write
     * @param tzid the TZID to write (the zone's own id)
     * @param rules the zone's rules
     * @param from the earliest instant the calendar refers to in this zone
     * @param to the latest instant the calendar refers to in this zone
     */
    static void write(ContentLines out, String tzid, ZoneRules rules, Instant from, Instant to) {
        out.begin("VTIMEZONE").raw("TZID", tzid);
        List<ZoneOffsetTransition> explicit = rules.getTransitions();
        Instant lastExplicit = explicit.isEmpty() ? null : explicit.get(explicit.size() - 1).getInstant();
        Optional<List<String>> rrules = lastExplicit == null ? Optional.empty() : rrules(rules, lastExplicit);
        ZoneOffsetTransition stop = rules.nextTransition(to);
        ZoneOffsetTransition t = rules.previousTransition(from.plusSeconds(1));
        if (t == null) {
            ZoneOffset offset = rules.getOffset(from);
            out.begin(kind(rules, from)).raw("DTSTART", FIRST_ONSET).raw("TZOFFSETFROM", ContentLines.offset(offset))
                    .raw("TZOFFSETTO", ContentLines.offset(offset)).end(kind(rules, from));
            t = rules.nextTransition(from);
        }
        while (t != null) {
            if (rrules.isPresent() && t.getInstant().isAfter(lastExplicit)) {
                break;
            }
            String kind = kind(rules, t.getInstant());
            out.begin(kind).raw("DTSTART", ContentLines.local(t.getDateTimeBefore()))
                    .raw("TZOFFSETFROM", ContentLines.offset(t.getOffsetBefore()))
                    .raw("TZOFFSETTO", ContentLines.offset(t.getOffsetAfter())).end(kind);
            if (stop != null && !t.getInstant().isBefore(stop.getInstant())) {
                break;
            }
            t = rules.nextTransition(t.getInstant());
        }
        rrules.ifPresent(lines -> lines.forEach(l -> line(out, l)));
        out.end("VTIMEZONE");
    }

    private static void line(ContentLines out, String line) {
        int colon = line.indexOf(':');
        out.raw(line.substring(0, colon), line.substring(colon + 1));
    }

    private static String kind(ZoneRules rules, Instant at) {
        return rules.isDaylightSavings(at) ? "DAYLIGHT" : "STANDARD";
    }

    /**
     * The sub-components for the zone's recurring rules, as content lines, each with an RRULE, or empty
     * when the zone has none or one of them is not expressible as an RRULE.
     */
    private static Optional<List<String>> rrules(ZoneRules rules, Instant lastExplicit) {
        List<ZoneOffsetTransitionRule> recurring = rules.getTransitionRules();
        if (recurring.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        for (ZoneOffsetTransitionRule r : recurring) {
            int year = LocalDateTime.ofInstant(lastExplicit, ZoneOffset.UTC).getYear() - 1;
            ZoneOffsetTransition first = r.createTransition(year);
            while (!first.getInstant().isAfter(lastExplicit)) {
                first = r.createTransition(++year);
            }
            Optional<String> rrule = rrule(r, year, first);
            if (rrule.isEmpty()) {
                return Optional.empty();
            }
            String kind = r.getOffsetAfter().equals(r.getStandardOffset()) ? "STANDARD" : "DAYLIGHT";
            lines.add("BEGIN:" + kind);
            lines.add("DTSTART:" + ContentLines.local(first.getDateTimeBefore()));
            lines.add("RRULE:" + rrule.get());
            lines.add("TZOFFSETFROM:" + ContentLines.offset(r.getOffsetBefore()));
            lines.add("TZOFFSETTO:" + ContentLines.offset(r.getOffsetAfter()));
            lines.add("END:" + kind);
        }
        return Optional.of(lines);
    }

    /**
     * The RRULE that yields the rule's transitions in local time before the transition (the time line
     * DTSTART and RRULE of a sub-component are in), or empty if it cannot be said exactly.
     */
    static Optional<String> rrule(ZoneOffsetTransitionRule r, int year, ZoneOffsetTransition first) {
        // the rule's date, and how many days the local time before the transition is off from it
        // (a time given in UTC or standard time, or 24:00, can fall on the day before or after)
        long shift = ChronoUnit.DAYS.between(ruleDate(r, year), first.getDateTimeBefore().toLocalDate());
        if (Math.abs(shift) > 1) {
            return Optional.empty();
        }
        int s = (int) shift;
        int dom = r.getDayOfMonthIndicator();
        String base = "FREQ=YEARLY;BYMONTH=" + r.getMonth().getValue();
        DayOfWeek dow = r.getDayOfWeek();
        int days = r.getMonth().minLength(); // every year's month has at least these days
        if (dow == null) {
            int day = dom + s; // positive: day of month; negative: from the end (-1 the last day)
            return (day >= 1 && day <= days) || (day <= -1 && day >= -days)
                    ? Optional.of(base + ";BYMONTHDAY=" + day) : Optional.empty();
        }
        String byDay = dow.plus(s).name().substring(0, 2).toUpperCase(Locale.ROOT);
        int lo = dom > 0 ? dom + s : dom - 6 + s; // the 7 days the weekday is looked for in
        int hi = lo + 6;
        boolean inMonth = dom > 0 ? lo >= 1 && hi <= days : lo >= -days && hi <= -1;
        if (!inMonth) {
            return Optional.empty();
        }
        if (s == 0 && dom > 0 && (dom - 1) % 7 == 0) {
            return Optional.of(base + ";BYDAY=" + ((dom - 1) / 7 + 1) + byDay);
        }
        boolean lastWeek = dom > 0 ? hi == days && r.getMonth().maxLength() == days : hi == -1;
        if (lastWeek) {
            return Optional.of(base + ";BYDAY=-1" + byDay);
        }
        StringBuilder list = new StringBuilder();
        for (int d = lo; d <= hi; d++) {
            list.append(d == lo ? "" : ",").append(d);
        }
        return Optional.of(base + ";BYDAY=" + byDay + ";BYMONTHDAY=" + list);
    }

    /** The date a rule names for a year, as {@link ZoneOffsetTransitionRule#createTransition} finds it. */
    private static LocalDate ruleDate(ZoneOffsetTransitionRule r, int year) {
        int dom = r.getDayOfMonthIndicator();
        LocalDate date;
        if (dom < 0) {
            date = LocalDate.of(year, r.getMonth(), r.getMonth().length(LocalDate.of(year, 1, 1).isLeapYear()) + 1
                    + dom);
            if (r.getDayOfWeek() != null) {
                date = date.with(TemporalAdjusters.previousOrSame(r.getDayOfWeek()));
            }
        } else {
            date = LocalDate.of(year, r.getMonth(), dom);
            if (r.getDayOfWeek() != null) {
                date = date.with(TemporalAdjusters.nextOrSame(r.getDayOfWeek()));
            }
        }
        return date;
    }
}
