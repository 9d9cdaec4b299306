package org.copkit.member;

import org.copkit.Id;
import org.copkit.internal.Checks;

/**
 * Identifies an {@link Organization}; chosen by the host application (for example {@code gemeente-arnhem}).
 *
 * @param value 1 to 128 characters, no white space or control characters
 */
public record OrganizationId(String value) implements Id, Comparable<OrganizationId> {
    /** Validates the value. */
    public OrganizationId {
        Checks.id("OrganizationId", value);
    }

    /**
     * @param value the identifier text
     * @return the typed id
     * @throws org.copkit.InvalidInputException when the value is not a valid id
     */
    public static OrganizationId of(String value) {
        return new OrganizationId(value);
    }

    @Override
    public int compareTo(OrganizationId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
