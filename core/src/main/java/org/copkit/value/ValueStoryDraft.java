package org.copkit.value;

import java.util.Optional;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;
import org.copkit.internal.Checks;

/**
 * What a member records as a new value-creation story.
 *
 * @param community the community whose value it tells
 * @param content cycle, title, story, language and evidence
 * @param audience who may read it; when empty, the community's default audience for new content
 */
public record ValueStoryDraft(CommunityId community, ValueStoryContent content, Optional<Audience> audience) {
    /** Validates. */
    public ValueStoryDraft {
        Checks.present("story.community", community);
        Checks.present("story.content", content);
        Checks.present("story.audience", audience);
    }

    /** @return a draft with the community's default audience */
    public static ValueStoryDraft of(CommunityId community, ValueStoryContent content) {
        return new ValueStoryDraft(community, content, Optional.empty());
    }

    /** @return a copy with the given audience */
    public ValueStoryDraft withAudience(Audience audience) {
        return new ValueStoryDraft(community, content, Optional.of(audience));
    }
}
