package org.copkit.member;

import org.copkit.Page;
import org.copkit.PageRequest;

/**
 * Organisations, as one acting member. Only the host's system actor registers and changes them;
 * every member may read them. Thread-safe.
 */
public interface OrganizationService {
    /**
     * @param id the host-chosen id
     * @param name display name, 1 to 200 characters
     * @param description at most 4,000 characters
     * @return the registered organisation
     * @throws org.copkit.ConflictException when the id is taken
     * @throws org.copkit.AccessDeniedException unless acting as the system
     * @throws org.copkit.InvalidInputException for a bad name or description
     */
    Organization register(OrganizationId id, String name, String description);

    /**
     * @param id the organisation
     * @param expectedVersion the version the caller last read
     * @param name new name
     * @param description new description
     * @return the updated organisation
     * @throws org.copkit.ConflictException when the version is stale
     */
    Organization update(OrganizationId id, long expectedVersion, String name, String description);

    /**
     * @param id the organisation
     * @return it
     * @throws org.copkit.NotFoundException when unknown
     */
    Organization get(OrganizationId id);

    /** @return organisations ordered by id */
    Page<Organization> list(PageRequest page);
}
