package org.copkit.session;

import java.time.Instant;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * That a member attended a session, as recorded by a host.
 *
 * @param session the session
 * @param member who attended
 * @param checkedInAt when the host checked the member in
 * @param checkedInBy the host (or coordinator) who did
 * @param version optimistic version, 1 once stored
 */
public record Attendance(SessionId session, MemberId member, Instant checkedInAt, MemberId checkedInBy,
        long version) {
    /** Validates. */
    public Attendance {
        Checks.present("attendance.session", session);
        Checks.present("attendance.member", member);
        Checks.present("attendance.checkedInAt", checkedInAt);
        Checks.present("attendance.checkedInBy", checkedInBy);
        Checks.nonNegative("attendance.version", version);
    }
}
