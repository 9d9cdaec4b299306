package org.copkit.knowledge;

import java.util.Optional;
import java.util.Set;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.internal.Checks;

/**
 * Which items of a community to list or count.
 *
 * @param community the community
 * @param practice only this practice, when present
 * @param statuses only these statuses (empty: all the reader may see)
 */
public record ItemQuery(CommunityId community, Optional<PracticeId> practice, Set<ItemStatus> statuses) {
    /** Validates. */
    public ItemQuery {
        Checks.present("query.community", community);
        Checks.present("query.practice", practice);
        statuses = Set.copyOf(statuses);
    }

    /** @return every visible item of the community */
    public static ItemQuery in(CommunityId community) {
        return new ItemQuery(community, Optional.empty(), Set.of());
    }

    /** @return a copy limited to one practice */
    public ItemQuery inPractice(PracticeId practice) {
        return new ItemQuery(community, Optional.of(practice), statuses);
    }

    /** @return a copy limited to the given statuses */
    public ItemQuery withStatus(ItemStatus... statuses) {
        return new ItemQuery(community, practice, Set.of(statuses));
    }
}
