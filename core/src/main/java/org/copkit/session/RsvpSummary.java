package org.copkit.session;

import java.util.List;
import org.copkit.internal.Checks;

/**
 * The answers to a session as one reader may see them: hosts and coordinators see every answer,
 * other members only their own; everyone who may see the session sees the counts.
 *
 * @param rsvps the answers the reader may see, in arrival order
 * @param confirmedInPerson GOING members holding a seat on site
 * @param confirmedOnline GOING members holding a seat online
 * @param waitlisted GOING members waiting for a seat, in either mode
 * @param maybe members who answered MAYBE
 * @param declined members who answered DECLINED
 */
public record RsvpSummary(List<Rsvp> rsvps, int confirmedInPerson, int confirmedOnline, int waitlisted, int maybe,
        int declined) {
    /** Validates and copies. */
    public RsvpSummary {
        rsvps = Checks.list("summary.rsvps", rsvps, Integer.MAX_VALUE);
        Checks.nonNegative("summary.confirmedInPerson", confirmedInPerson);
        Checks.nonNegative("summary.confirmedOnline", confirmedOnline);
        Checks.nonNegative("summary.waitlisted", waitlisted);
        Checks.nonNegative("summary.maybe", maybe);
        Checks.nonNegative("summary.declined", declined);
    }
}
