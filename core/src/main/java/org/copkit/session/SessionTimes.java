package org.copkit.session;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.copkit.internal.Checks;

/**
 * A session's start and end as a viewer sees them: the same instants, in the viewer's zone. The
 * offset of each is the one in force at that instant, so a session that starts before and ends after
 * a daylight-saving change shows each with its own offset.
 *
 * @param start the start in the viewer's zone
 * @param end the end in the viewer's zone
 */
public record SessionTimes(ZonedDateTime start, ZonedDateTime end) {
    /** Validates. */
    public SessionTimes {
        Checks.present("times.start", start);
        Checks.present("times.end", end);
    }

    /**
     * @param session a session
     * @param viewer the viewer's zone (for members: {@code MemberProfile.timeZone()})
     * @return its times in the viewer's zone
     */
    public static SessionTimes of(Session session, ZoneId viewer) {
        Checks.present("session", session);
        Checks.present("viewer", viewer);
        return new SessionTimes(session.start().atZone(viewer), session.end().atZone(viewer));
    }

    /**
     * @param session a session
     * @return its times in the zone it is planned in
     */
    public static SessionTimes planned(Session session) {
        return of(session, session.zone());
    }
}
