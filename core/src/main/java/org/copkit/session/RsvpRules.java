package org.copkit.session;

import java.util.List;

/**
 * Decides who of a session's GOING members holds a seat and who waits. Pure: no storage, no clock;
 * thread-safe. Replace through {@code CopKit.builder().rsvpRules(...)}.
 *
 * <p>CoPKit calls {@link #place} after every answer and every change of capacity or format, with all
 * answers of the session. The answer that just arrived (or changed) comes in as GOING and
 * {@link Placement#WAITLISTED} with the largest {@link Rsvp#arrival()}, so it queues behind everyone
 * already waiting. Members whose placement changes from WAITLISTED to CONFIRMED are told they were
 * promoted.
 */
@FunctionalInterface
public interface RsvpRules {
    /**
     * @param session the session, with its capacity and format
     * @param rsvps every answer to the session, each member once, in any order
     * @return the same answers (same members, responses, modes and arrivals) with the placements
     *     decided; MAYBE and DECLINED answers are returned unchanged
     */
    List<Rsvp> place(Session session, List<Rsvp> rsvps);

    /**
     * The default rules, per attendance mode: a member who already holds a seat keeps it (also when
     * the capacity was lowered below the number of seats taken); free seats go to the waiting members
     * in arrival order; the rest wait. MAYBE and DECLINED take no seat, so a member who changes from
     * GOING to either frees a seat for the earliest waiting member of that mode.
     *
     * @return the default rules
     */
    static RsvpRules defaults() {
        return DefaultRsvpRules.INSTANCE;
    }
}
