package org.copkit.domain;

import org.copkit.Id;
import org.copkit.internal.Checks;

/**
 * Identifies a {@link Competency} within its domain's framework; chosen by the caller or generated.
 *
 * @param value 1 to 128 characters, no white space or control characters
 */
public record CompetencyId(String value) implements Id, Comparable<CompetencyId> {
    /** Validates the value. */
    public CompetencyId {
        Checks.id("CompetencyId", value);
    }

    /**
     * @param value the identifier text
     * @return the typed id
     * @throws org.copkit.InvalidInputException when the value is not a valid id
     */
    public static CompetencyId of(String value) {
        return new CompetencyId(value);
    }

    @Override
    public int compareTo(CompetencyId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
