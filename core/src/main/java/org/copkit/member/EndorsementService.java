package org.copkit.member;

import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.domain.CompetencyId;

/**
 * Endorsements of members' declared competencies, as one acting member. A member endorses another
 * member's competency when the two belong to the same organisation or are both active members of at
 * least one common community; never their own. Endorsements are part of the member directory:
 * visible to every member, like profiles. Thread-safe.
 *
 * <p>Concurrency: endorsing runs under the endorsee's lock: one current endorsement per
 * endorser, endorsee and competency.
 */
public interface EndorsementService {
    /**
     * Endorses a competency the endorsee declared in their profile; revives a withdrawn endorsement
     * of the same competency by the actor.
     *
     * @param endorsee the member endorsed
     * @param competency a competency among the endorsee's declared competences
     * @return the current endorsement
     * @throws org.copkit.NotFoundException when the endorsee is not registered
     * @throws org.copkit.InvalidInputException when the actor is the endorsee or the endorsee did not declare the competency
     * @throws org.copkit.AccessDeniedException for the system actor, or when the two share neither an
     *     organisation nor an active membership of a community
     * @throws org.copkit.ConflictException when the actor already endorses that competency of the endorsee
     */
    Endorsement endorse(MemberId endorsee, CompetencyId competency);

    /**
     * @param id an endorsement the actor gave
     * @param expectedVersion the version the caller last read
     * @return the withdrawn endorsement
     * @throws org.copkit.NotFoundException when unknown
     * @throws org.copkit.AccessDeniedException unless the actor is the endorser or the system
     * @throws org.copkit.ConflictException when already withdrawn or the version is stale
     */
    Endorsement withdraw(EndorsementId id, long expectedVersion);

    /**
     * @param id the endorsement
     * @return it, withdrawn or not
     * @throws org.copkit.NotFoundException when unknown
     */
    Endorsement get(EndorsementId id);

    /**
     * @param endorsee a registered member
     * @param page cursor from the previous page (an endorsement id)
     * @return the member's current (not withdrawn) endorsements, ordered by id
     * @throws org.copkit.NotFoundException when the member is not registered
     */
    Page<Endorsement> endorsementsOf(MemberId endorsee, PageRequest page);
}
