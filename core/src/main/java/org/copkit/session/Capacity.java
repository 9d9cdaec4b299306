package org.copkit.session;

import java.util.OptionalInt;
import org.copkit.internal.Checks;

/**
 * How many participants a session seats, per attendance mode. An empty count means unlimited.
 *
 * @param inPersonSeats seats on site, 0 to 100,000, or empty for unlimited
 * @param onlineSeats seats online, 0 to 100,000, or empty for unlimited
 */
public record Capacity(OptionalInt inPersonSeats, OptionalInt onlineSeats) {
    /** Validates. */
    public Capacity {
        Checks.present("capacity.inPersonSeats", inPersonSeats);
        Checks.present("capacity.onlineSeats", onlineSeats);
        inPersonSeats.ifPresent(n -> Checks.range("capacity.inPersonSeats", n, 0, 100_000));
        onlineSeats.ifPresent(n -> Checks.range("capacity.onlineSeats", n, 0, 100_000));
    }

    /** @return no limit in either mode */
    public static Capacity unlimited() {
        return new Capacity(OptionalInt.empty(), OptionalInt.empty());
    }

    /**
     * @param inPersonSeats seats on site
     * @param onlineSeats seats online
     * @return a capacity limited in both modes
     */
    public static Capacity of(int inPersonSeats, int onlineSeats) {
        return new Capacity(OptionalInt.of(inPersonSeats), OptionalInt.of(onlineSeats));
    }

    /** @return a copy with the given number of seats on site */
    public Capacity withInPersonSeats(int seats) {
        return new Capacity(OptionalInt.of(seats), onlineSeats);
    }

    /** @return a copy with the given number of seats online */
    public Capacity withOnlineSeats(int seats) {
        return new Capacity(inPersonSeats, OptionalInt.of(seats));
    }

    /**
     * @param mode an attendance mode
     * @return the seats of that mode, empty for unlimited
     */
    public OptionalInt seats(AttendanceMode mode) {
        Checks.present("mode", mode);
        return mode == AttendanceMode.IN_PERSON ? inPersonSeats : onlineSeats;
    }
}
