package org.copkit.member;

import java.time.Instant;
import org.copkit.internal.Checks;

/**
 * An employer or partner organisation. Members belong to exactly one; communities may span several.
 *
 * @param id the host-chosen id
 * @param name display name, 1 to 200 characters
 * @param description free text, at most 4,000 characters, may be empty
 * @param registeredAt when it was registered
 * @param version optimistic version, 1 after registration
 */
public record Organization(OrganizationId id, String name, String description, Instant registeredAt, long version) {
    /** Longest name accepted. */
    public static final int MAX_NAME = 200;
    /** Longest description accepted. */
    public static final int MAX_DESCRIPTION = 4_000;

    /** Validates and normalises. */
    public Organization {
        Checks.present("organization.id", id);
        name = Checks.line("organization.name", name, MAX_NAME);
        description = Checks.text("organization.description", description, MAX_DESCRIPTION);
        Checks.present("organization.registeredAt", registeredAt);
        Checks.nonNegative("organization.version", version);
    }
}
