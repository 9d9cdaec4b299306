package org.copkit.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Created;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.TzId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.copkit.session.Session;

/**
 * Writes sessions as an RFC 5545 calendar with ical4j: one VEVENT per session with a UID stable per
 * session ({@code <sessionId>@copkit}), DTSTART/DTEND with the session's TZID and a matching VTIMEZONE
 * (named exactly like the session's zone, even where the zone database treats it as an alias), the
 * session's SEQUENCE, and STATUS:CANCELLED for cancelled sessions. Zones unknown to ical4j (fixed
 * offsets) are written in UTC. Time-zone definitions come from the data bundled with ical4j; it never
 * fetches updates unless the host enables that through ical4j's own configuration.
 */
final class SessionCalendar {
    private static final String PRODID = "-//CoPKit//Sessions//EN";
    private static final TimeZoneRegistry REGISTRY = TimeZoneRegistryFactory.getInstance().createRegistry();
    private static final Map<String, Optional<VTimeZone>> ZONES = new ConcurrentHashMap<>();

    private SessionCalendar() {}

    /**
     * @param sessions the sessions to include, in the order given
     * @param stamp when the calendar is produced (DTSTAMP)
     * @return the calendar text, lines ending in CRLF
     */
    static String write(List<Session> sessions, Instant stamp) {
        Calendar cal = new Calendar();
        cal.add(new ProdId(PRODID));
        cal.add(ImmutableVersion.VERSION_2_0);
        cal.add(ImmutableCalScale.GREGORIAN);
        cal.add(new Method(Method.VALUE_PUBLISH));
        Set<String> zonesAdded = new LinkedHashSet<>();
        for (Session s : sessions) {
            Optional<VTimeZone> vtz = vtimezone(s.zone());
            if (vtz.isPresent() && zonesAdded.add(s.zone().getId())) {
                cal.add(vtz.get().copy());
            }
            cal.add(event(s, vtz.isPresent(), stamp));
        }
        return cal.toString();
    }

    private static VEvent event(Session s, boolean zoned, Instant stamp) {
        VEvent e = new VEvent(false);
        e.add(new Uid(s.id().value() + "@copkit"));
        e.add(new DtStamp(stamp));
        e.add(new Created(s.createdAt()));
        e.add(new LastModified(s.updatedAt()));
        if (zoned) {
            e.add(new DtStart<>(s.start().atZone(s.zone())));
            e.add(new DtEnd<>(s.end().atZone(s.zone())));
        } else {
            e.add(new DtStart<>(s.start().atOffset(ZoneOffset.UTC).toInstant()));
            e.add(new DtEnd<>(s.end().atOffset(ZoneOffset.UTC).toInstant()));
        }
        e.add(new Summary(s.title()));
        if (!s.agenda().isBlank()) {
            e.add(new Description(s.agenda()));
        }
        s.place().ifPresent(p -> e.add(new Location(p)));
        s.joinLink().ifPresent(u -> e.add(new Url(u)));
        e.add(new Categories(s.kind().name()));
        e.add(new Status(s.cancelled() ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
        e.add(new Sequence(s.sequence()));
        return e;
    }

    /** The VTIMEZONE of a zone, its TZID set to the zone's own id; empty for zones ical4j does not know. */
    private static Optional<VTimeZone> vtimezone(ZoneId zone) {
        if (zone instanceof ZoneOffset) {
            return Optional.empty();
        }
        return ZONES.computeIfAbsent(zone.getId(), id -> {
            TimeZone tz;
            synchronized (REGISTRY) {
                tz = REGISTRY.getTimeZone(id);
            }
            if (tz == null) {
                return Optional.empty();
            }
            VTimeZone copy = tz.getVTimeZone().copy();
            copy.removeAll("TZURL", "X-LIC-LOCATION");
            copy.replace(new TzId(id));
            return Optional.of(copy);
        });
    }
}
