package org.copkit.onboarding;

import java.util.Optional;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;
import org.copkit.internal.Checks;

/**
 * What it takes to create a learning path.
 *
 * @param community the community it belongs to
 * @param content title, description and steps
 * @param audience who may read it; empty: the community's default audience, as for knowledge items
 */
public record LearningPathDraft(CommunityId community, LearningPathContent content, Optional<Audience> audience) {
    /** Validates. */
    public LearningPathDraft {
        Checks.present("draft.community", community);
        Checks.present("draft.content", content);
        Checks.present("draft.audience", audience);
    }

    /**
     * @param community the community
     * @param content the content
     * @return a draft with the community's default audience
     */
    public static LearningPathDraft of(CommunityId community, LearningPathContent content) {
        return new LearningPathDraft(community, content, Optional.empty());
    }

    /** @return a copy with an explicit audience */
    public LearningPathDraft withAudience(Audience audience) {
        return new LearningPathDraft(community, content, Optional.of(Checks.present("draft.audience", audience)));
    }
}
