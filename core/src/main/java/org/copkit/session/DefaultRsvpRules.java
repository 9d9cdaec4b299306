package org.copkit.session;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** The rules documented on {@link RsvpRules#defaults()}. */
final class DefaultRsvpRules implements RsvpRules {
    static final DefaultRsvpRules INSTANCE = new DefaultRsvpRules();

    private DefaultRsvpRules() {}

    @Override
    public List<Rsvp> place(Session session, List<Rsvp> rsvps) {
        Map<AttendanceMode, Integer> taken = new EnumMap<>(AttendanceMode.class);
        for (Rsvp r : rsvps) {
            if (r.confirmed()) {
                taken.merge(r.mode(), 1, Integer::sum);
            }
        }
        Map<Rsvp, Rsvp> placed = new java.util.HashMap<>();
        rsvps.stream().filter(Rsvp::waitlisted).sorted(Comparator.comparingLong(Rsvp::arrival)).forEach(r -> {
            OptionalInt seats = session.capacity().seats(r.mode());
            int used = taken.getOrDefault(r.mode(), 0);
            if (seats.isEmpty() || used < seats.getAsInt()) {
                taken.put(r.mode(), used + 1);
                placed.put(r, r.withPlacement(Placement.CONFIRMED));
            }
        });
        return rsvps.stream().map(r -> placed.getOrDefault(r, r)).toList();
    }

    @Override
    public String toString() {
        return "RsvpRules.defaults()";
    }
}
