package org.copkit.access;

import java.util.Optional;
import java.util.Set;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * The facts that decide who may read one object: its community and practice, its audience, and
 * whether it is unpublished (then only its editors and, within the audience, the community's reviewers
 * may read it). Every read path (get, list, feed, search, facets, suggestions, export) decides with
 * {@link ViewerScope#canSee(Visibility)}; search backends translate the same rule into their query
 * language and are tested against it.
 *
 * @param community the community the object belongs to, if any
 * @param practice the practice inside that community, if any
 * @param audience who may read it once published
 * @param unpublished true for drafts and items in review
 * @param editors members who may always read it (authors)
 */
public record Visibility(Optional<CommunityId> community, Optional<PracticeId> practice, Audience audience,
        boolean unpublished, Set<MemberId> editors) {
    /** Validates and copies. */
    public Visibility {
        Checks.present("visibility.community", community);
        Checks.present("visibility.practice", practice);
        Checks.present("visibility.audience", audience);
        editors = Checks.set("visibility.editors", editors, 1_000);
        if (audience.level() == AudienceLevel.COMMUNITY && community.isEmpty()) {
            throw new org.copkit.InvalidInputException("visibility.community is required for audience COMMUNITY");
        }
    }

    /** @return visibility of platform-wide public objects outside any community (members, organisations) */
    public static Visibility platform() {
        return new Visibility(Optional.empty(), Optional.empty(), Audience.platform(), false, Set.of());
    }
}
