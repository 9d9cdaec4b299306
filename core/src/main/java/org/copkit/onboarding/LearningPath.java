package org.copkit.onboarding;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.copkit.access.Audience;
import org.copkit.access.Visibility;
import org.copkit.community.CommunityId;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * An ordered set of steps a community curates for its newcomers: read items, attend kinds of
 * sessions, ask and answer questions. This is the stored form; readers get a {@link LearningPathView}.
 *
 * @param id generated id
 * @param community the community
 * @param content title, description and steps
 * @param audience who may read it
 * @param createdBy who created it
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param version optimistic version
 */
public record LearningPath(LearningPathId id, CommunityId community, LearningPathContent content, Audience audience,
        MemberId createdBy, Instant createdAt, Instant updatedAt, long version) {
    /** Validates. */
    public LearningPath {
        Checks.present("path.id", id);
        Checks.present("path.community", community);
        Checks.present("path.content", content);
        Checks.present("path.audience", audience);
        Checks.present("path.createdBy", createdBy);
        Checks.present("path.createdAt", createdAt);
        Checks.present("path.updatedAt", updatedAt);
        Checks.nonNegative("path.version", version);
    }

    /** @return the title */
    public String title() {
        return content.title();
    }

    /** @return the steps in order */
    public List<LearningStep> steps() {
        return content.steps();
    }

    /** @return who may read it: the audience within the community; its creator always */
    public Visibility visibility() {
        return new Visibility(Optional.of(community), Optional.empty(), audience, false, Set.of(createdBy));
    }
}
