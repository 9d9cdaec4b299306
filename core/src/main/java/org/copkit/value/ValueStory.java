package org.copkit.value;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.copkit.access.Audience;
import org.copkit.access.Visibility;
import org.copkit.community.CommunityId;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * A story a member tells about the value a community created, in one of the Wenger-Trayner
 * {@link ValueCycle cycles}, linked to evidence.
 *
 * @param id generated id
 * @param community the community
 * @param author who recorded it
 * @param content cycle, title, markdown story, language and evidence references
 * @param audience who may read it
 * @param createdAt when it was recorded
 * @param updatedAt when it last changed
 * @param version optimistic version
 */
public record ValueStory(ValueStoryId id, CommunityId community, MemberId author, ValueStoryContent content,
        Audience audience, Instant createdAt, Instant updatedAt, long version) {
    /** Validates. */
    public ValueStory {
        Checks.present("story.id", id);
        Checks.present("story.community", community);
        Checks.present("story.author", author);
        Checks.present("story.content", content);
        Checks.present("story.audience", audience);
        Checks.present("story.createdAt", createdAt);
        Checks.present("story.updatedAt", updatedAt);
        Checks.nonNegative("story.version", version);
    }

    /** @return the story's cycle */
    public ValueCycle cycle() {
        return content.cycle();
    }

    /** @return the story's title */
    public String title() {
        return content.title();
    }

    /** @return who may read it: the audience within the community; the author always */
    public Visibility visibility() {
        return new Visibility(Optional.of(community), Optional.empty(), audience, false, Set.of(author));
    }
}
