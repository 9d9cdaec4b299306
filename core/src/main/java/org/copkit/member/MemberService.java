package org.copkit.member;

import org.copkit.Page;
import org.copkit.PageRequest;

/**
 * Members, as one acting member. The host's system actor registers members (keyed by the host's own
 * user id); members change their own profile. Every member may read the directory. Thread-safe.
 */
public interface MemberService {
    /**
     * @param id the host's user id; ids starting with {@code copkit:} are reserved
     * @param profile the profile; its organisation must be registered
     * @return the registered member
     * @throws org.copkit.ConflictException when the id is taken
     * @throws org.copkit.InvalidInputException for a reserved id or an unknown organisation or competency
     * @throws org.copkit.AccessDeniedException unless acting as the system
     */
    Member register(MemberId id, MemberProfile profile);

    /**
     * @param id the member
     * @param expectedVersion the version the caller last read
     * @param profile the new profile
     * @return the updated member
     * @throws org.copkit.ConflictException when the version is stale
     * @throws org.copkit.AccessDeniedException unless acting as that member or the system
     */
    Member updateProfile(MemberId id, long expectedVersion, MemberProfile profile);

    /**
     * @param id the member
     * @return the member
     * @throws org.copkit.NotFoundException when unknown
     */
    Member get(MemberId id);

    /** @return members ordered by id */
    Page<Member> list(PageRequest page);

    /** @return members of one organisation ordered by id */
    Page<Member> listByOrganization(OrganizationId organization, PageRequest page);
}
