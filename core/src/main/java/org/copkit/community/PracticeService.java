package org.copkit.community;

import java.util.List;

/**
 * Practices inside communities, as one acting member. Coordinators create them; coordinators and
 * stewards change them; everyone reads them. Thread-safe.
 */
public interface PracticeService {
    /**
     * @param community the community
     * @param draft the practice; stewards must be active members
     * @return the new practice
     */
    Practice create(CommunityId community, PracticeDraft draft);

    /**
     * @return the updated practice
     * @throws org.copkit.ConflictException when the version is stale
     */
    Practice update(PracticeId id, long expectedVersion, PracticeDraft draft);

    /**
     * @return the practice
     * @throws org.copkit.NotFoundException when unknown
     */
    Practice get(PracticeId id);

    /** @return a community's practices ordered by id */
    List<Practice> list(CommunityId community);
}
