package org.copkit.member;

import org.copkit.Id;
import org.copkit.internal.Checks;

/**
 * Identifies a {@link Member}: the host application's own user id, so hosts need no mapping table.
 *
 * @param value 1 to 128 characters, no white space or control characters
 */
public record MemberId(String value) implements Id, Comparable<MemberId> {
    /**
     * The host application itself, acting through {@code CopKit.system()}: it may do and see everything.
     * Ids starting with {@code copkit:} are reserved and cannot be registered as members.
     */
    public static final MemberId SYSTEM = new MemberId("copkit:system");

    /** Validates the value. */
    public MemberId {
        Checks.id("MemberId", value);
    }

    /**
     * @param value the identifier text
     * @return the typed id
     * @throws org.copkit.InvalidInputException when the value is not a valid id
     */
    public static MemberId of(String value) {
        return new MemberId(value);
    }

    @Override
    public int compareTo(MemberId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
