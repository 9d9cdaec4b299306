package org.copkit.session;

import java.util.Set;

/** Where participants take part in a {@link Session}. */
public enum SessionFormat {
    /** Everyone on site; a place is required. */
    IN_PERSON(Set.of(AttendanceMode.IN_PERSON)),
    /** Everyone online; a join link is required. */
    ONLINE(Set.of(AttendanceMode.ONLINE)),
    /** On site and online; both a place and a join link are required. */
    HYBRID(Set.of(AttendanceMode.IN_PERSON, AttendanceMode.ONLINE));

    private final Set<AttendanceMode> modes;

    SessionFormat(Set<AttendanceMode> modes) {
        this.modes = modes;
    }

    /** @return the ways a participant may attend a session of this format, never empty */
    public Set<AttendanceMode> modes() {
        return modes;
    }

    /** @return whether the format needs a place (IN_PERSON, HYBRID) */
    public boolean needsPlace() {
        return modes.contains(AttendanceMode.IN_PERSON);
    }

    /** @return whether the format needs a join link (ONLINE, HYBRID) */
    public boolean needsJoinLink() {
        return modes.contains(AttendanceMode.ONLINE);
    }
}
