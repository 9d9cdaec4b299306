package org.copkit.spi;

import org.copkit.internal.Checks;
import org.copkit.member.MemberId;
import org.copkit.session.SessionId;

/**
 * The key of a member's {@link org.copkit.session.Rsvp} to, or {@link org.copkit.session.Attendance}
 * of, a session.
 *
 * @param session the session
 * @param member the member
 */
public record SessionMemberKey(SessionId session, MemberId member) {
    /** Validates. */
    public SessionMemberKey {
        Checks.present("key.session", session);
        Checks.present("key.member", member);
    }

    /** @return {@code sessionId/memberId}, the id used in refs and the change feed */
    @Override
    public String toString() {
        return session.value() + "/" + member.value();
    }
}
