package org.copkit.value;

import java.util.Optional;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;

/**
 * Value-creation stories, as one acting member. Active members of a community record stories; the
 * author and the community's coordinators edit them. Reads return only stories the actor may see
 * (their audience, as for knowledge items); an invisible story is reported as not found, and
 * knowledge-item evidence the reader may not see is left out of what they get. Evidence that names a
 * knowledge item must name one that exists and that the writer may see; references of other types
 * (sessions, questions, ...) are accepted as given, as long as they are well-formed. Thread-safe.
 */
public interface ValueStoryService {
    /**
     * @param draft community, content and optional audience
     * @return the new story, version 1
     * @throws org.copkit.NotFoundException when the community does not exist
     * @throws org.copkit.AccessDeniedException unless an active member of the community, or when an
     *     organisation-level audience leaves out the author's organisation
     * @throws org.copkit.InvalidInputException when evidence names a knowledge item that does not
     *     exist or is invisible to the author, or the audience names an unknown organisation
     */
    ValueStory record(ValueStoryDraft draft);

    /**
     * Replaces content and audience. Knowledge-item evidence of the current story that the editor
     * cannot see is kept.
     *
     * @param id the story
     * @param expectedVersion the version the caller last read
     * @param content the new content
     * @param audience the new audience
     * @return the updated story
     * @throws org.copkit.NotFoundException when unknown or invisible
     * @throws org.copkit.AccessDeniedException unless the author, a coordinator of the community or the system
     * @throws org.copkit.ConflictException when the version is stale
     */
    ValueStory edit(ValueStoryId id, long expectedVersion, ValueStoryContent content, Audience audience);

    /**
     * @param id the story
     * @return the story, with only the knowledge-item evidence the actor may see
     * @throws org.copkit.NotFoundException when unknown or not visible to the actor
     */
    ValueStory get(ValueStoryId id);

    /**
     * @param community the community
     * @param cycle only this cycle, when present
     * @param page cursor from the previous page
     * @return visible stories of the community, ordered by id (creation)
     * @throws org.copkit.NotFoundException when the community does not exist
     */
    Page<ValueStory> list(CommunityId community, Optional<ValueCycle> cycle, PageRequest page);
}
