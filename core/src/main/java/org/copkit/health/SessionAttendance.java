package org.copkit.health;

import java.time.Instant;
import org.copkit.internal.Checks;
import org.copkit.session.SessionId;

/**
 * Attendance of one session held in a health report's period.
 *
 * @param session the session
 * @param title its title
 * @param start when it started
 * @param going how many members answered GOING and hold a seat (the waitlist not included)
 * @param checkedIn how many members were checked in
 */
public record SessionAttendance(SessionId session, String title, Instant start, int going, int checkedIn) {
    /** Validates. */
    public SessionAttendance {
        Checks.present("attendance.session", session);
        Checks.present("attendance.title", title);
        Checks.present("attendance.start", start);
        Checks.range("attendance.going", going, 0, Integer.MAX_VALUE);
        Checks.range("attendance.checkedIn", checkedIn, 0, Integer.MAX_VALUE);
    }
}
