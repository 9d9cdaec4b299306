package org.copkit.domain;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.copkit.Page;
import org.copkit.PageRequest;

/**
 * Domains and their competency frameworks, as one acting member. Any member creates a domain; its
 * creator (and the system) edits it. Everyone reads them. Thread-safe.
 */
public interface DomainService {
    /**
     * @param name 1 to 200 characters
     * @param description at most 4,000 characters
     * @return the new domain
     */
    Domain create(String name, String description);

    /**
     * @return the updated domain
     * @throws org.copkit.ConflictException when the version is stale
     */
    Domain update(DomainId id, long expectedVersion, String name, String description);

    /**
     * @return the domain
     * @throws org.copkit.NotFoundException when unknown
     */
    Domain get(DomainId id);

    /** @return domains ordered by id */
    Page<Domain> list(PageRequest page);

    /**
     * Adds a competency to a domain's framework.
     *
     * @param domain the domain
     * @param draft the competency; its parent must be in the same domain
     * @return the stored competency
     * @throws org.copkit.ConflictException when the chosen id is taken
     * @throws org.copkit.InvalidInputException when the parent is unknown or in another domain
     */
    Competency addCompetency(DomainId domain, CompetencyDraft draft);

    /**
     * Changes a competency's labels and external URI.
     *
     * @return the updated competency
     * @throws org.copkit.ConflictException when the version is stale
     */
    Competency updateCompetency(CompetencyId id, long expectedVersion, Map<Locale, String> labels,
            Optional<URI> externalUri);

    /**
     * @return the competency
     * @throws org.copkit.NotFoundException when unknown
     */
    Competency competency(CompetencyId id);

    /** @return a domain's competencies ordered by id */
    Page<Competency> competencies(DomainId domain, PageRequest page);
}
