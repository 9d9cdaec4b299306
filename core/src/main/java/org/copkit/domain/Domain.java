package org.copkit.domain;

import java.time.Instant;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * A shared knowledge area with its competency framework (the {@link Competency} records that name
 * this domain). Several communities may share one domain.
 *
 * @param id generated id
 * @param name 1 to 200 characters
 * @param description at most 4,000 characters, may be empty
 * @param createdBy who created it
 * @param createdAt when
 * @param version optimistic version
 */
public record Domain(DomainId id, String name, String description, MemberId createdBy, Instant createdAt,
        long version) {
    /** Validates and normalises. */
    public Domain {
        Checks.present("domain.id", id);
        name = Checks.line("domain.name", name, 200);
        description = Checks.text("domain.description", description, 4_000);
        Checks.present("domain.createdBy", createdBy);
        Checks.present("domain.createdAt", createdAt);
        Checks.nonNegative("domain.version", version);
    }
}
