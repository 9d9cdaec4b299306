package org.copkit;

import org.copkit.internal.Checks;

/**
 * A reference to any stored object: its type and id.
 *
 * @param type what kind of object
 * @param id its id as text (for memberships {@code communityId/memberId})
 */
public record Ref(ObjectType type, String id) {
    /** Validates. */
    public Ref {
        Checks.present("ref.type", type);
        Checks.present("ref.id", id);
        if (id.isEmpty() || id.length() > 2 * Checks.MAX_ID + 1) {
            throw new InvalidInputException("ref.id must be 1 to " + (2 * Checks.MAX_ID + 1) + " characters: '"
                    + Checks.abbreviate(id) + "'");
        }
    }

    /**
     * @param type the object type
     * @param id the typed id
     * @return the reference
     */
    public static Ref of(ObjectType type, Id id) {
        return new Ref(type, id.value());
    }

    @Override
    public String toString() {
        return type + ":" + id;
    }
}
