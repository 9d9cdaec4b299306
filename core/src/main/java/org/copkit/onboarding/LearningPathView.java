package org.copkit.onboarding;

import java.time.Instant;
import java.util.List;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * A learning path as one reader sees it: its steps with unavailable ones masked (see {@link StepView}).
 *
 * @param id the path
 * @param community its community
 * @param title its title
 * @param description its markdown description
 * @param audience who may read it
 * @param createdBy who created it
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param version the version to pass to an update
 * @param steps the steps in order, as the reader sees them
 */
public record LearningPathView(LearningPathId id, CommunityId community, String title, String description,
        Audience audience, MemberId createdBy, Instant createdAt, Instant updatedAt, long version,
        List<StepView> steps) {
    /** Validates and copies. */
    public LearningPathView {
        Checks.present("path.id", id);
        Checks.present("path.community", community);
        Checks.present("path.title", title);
        Checks.present("path.description", description);
        Checks.present("path.audience", audience);
        Checks.present("path.createdBy", createdBy);
        Checks.present("path.createdAt", createdAt);
        Checks.present("path.updatedAt", updatedAt);
        steps = List.copyOf(Checks.present("path.steps", steps));
    }
}
