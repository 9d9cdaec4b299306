package org.copkit.access;

import java.util.Set;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;

/**
 * Everything about a reader that visibility depends on. Computed by CoPKit for the acting member at
 * the start of each call and handed to search backends, which must apply exactly
 * {@link #canSee(Visibility)} inside their queries.
 *
 * @param member the reader
 * @param organization the reader's organisation
 * @param communities communities in which the reader is an active member
 * @param reviewerOf communities in which the reader is core member or coordinator
 * @param stewardOf practices the reader stewards
 * @param system true for the host's system actor, which sees everything
 */
public record ViewerScope(MemberId member, OrganizationId organization, Set<CommunityId> communities,
        Set<CommunityId> reviewerOf, Set<PracticeId> stewardOf, boolean system) {
    /** Validates and copies. */
    public ViewerScope {
        Checks.present("scope.member", member);
        Checks.present("scope.organization", organization);
        communities = Set.copyOf(communities);
        reviewerOf = Set.copyOf(reviewerOf);
        stewardOf = Set.copyOf(stewardOf);
    }

    /**
     * The one visibility rule of CoPKit.
     * <ol>
     * <li>The system actor sees everything.</li>
     * <li>Editors (authors) always see their own objects.</li>
     * <li>Otherwise the audience must admit the reader: PLATFORM admits every member, COMMUNITY the
     * active members of the object's community, ORGANIZATION and PARTNERS the members of the named
     * organisations.</li>
     * <li>Unpublished objects are in addition only visible to reviewers: core members and coordinators
     * of the object's community and stewards of its practice.</li>
     * </ol>
     *
     * @param v the object's visibility
     * @return whether this reader may see it
     */
    public boolean canSee(Visibility v) {
        if (system || v.editors().contains(member)) {
            return true;
        }
        if (!admittedBy(v)) {
            return false;
        }
        if (!v.unpublished()) {
            return true;
        }
        return v.community().map(reviewerOf::contains).orElse(false)
                || v.practice().map(stewardOf::contains).orElse(false);
    }

    private boolean admittedBy(Visibility v) {
        return switch (v.audience().level()) {
            case PLATFORM -> true;
            case COMMUNITY -> v.community().map(communities::contains).orElse(false);
            case ORGANIZATION, PARTNERS -> v.audience().organizations().contains(organization);
        };
    }
}
