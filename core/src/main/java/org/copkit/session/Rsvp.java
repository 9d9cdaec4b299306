package org.copkit.session;

import java.time.Instant;
import java.util.Optional;
import org.copkit.InvalidInputException;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * One member's answer to one session.
 *
 * @param session the session
 * @param member who answered
 * @param response going, maybe or declined
 * @param mode how the member attends (for single-format sessions the format's only mode)
 * @param placement for GOING: whether the member has a seat or waits; empty for MAYBE and DECLINED
 * @param respondedAt when the member last gave this response and mode
 * @param arrival the arrival order in the session: a number larger than that of every earlier answer
 *     to the same session, so the waitlist is served first come, first served even when answers share
 *     an instant
 * @param version optimistic version
 */
public record Rsvp(SessionId session, MemberId member, RsvpResponse response, AttendanceMode mode,
        Optional<Placement> placement, Instant respondedAt, long arrival, long version) {
    /** Validates. */
    public Rsvp {
        Checks.present("rsvp.session", session);
        Checks.present("rsvp.member", member);
        Checks.present("rsvp.response", response);
        Checks.present("rsvp.mode", mode);
        Checks.present("rsvp.placement", placement);
        if ((response == RsvpResponse.GOING) != placement.isPresent()) {
            throw new InvalidInputException("rsvp.placement must be present exactly for GOING but was " + placement
                    + " for " + response);
        }
        Checks.present("rsvp.respondedAt", respondedAt);
        Checks.nonNegative("rsvp.arrival", arrival);
        Checks.nonNegative("rsvp.version", version);
    }

    /** @return whether the member holds a seat */
    public boolean confirmed() {
        return placement.filter(p -> p == Placement.CONFIRMED).isPresent();
    }

    /** @return whether the member waits for a seat */
    public boolean waitlisted() {
        return placement.filter(p -> p == Placement.WAITLISTED).isPresent();
    }

    /** @return a copy with the given placement (GOING only) */
    public Rsvp withPlacement(Placement placement) {
        return new Rsvp(session, member, response, mode, Optional.of(placement), respondedAt, arrival, version);
    }

    /** @return a copy with the given version */
    public Rsvp withVersion(long version) {
        return new Rsvp(session, member, response, mode, placement, respondedAt, arrival, version);
    }
}
