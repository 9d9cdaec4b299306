package org.copkit.conversation;

import java.util.Optional;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.internal.Checks;
import org.copkit.knowledge.ItemContent;

/**
 * What a member supplies to ask a question or start a discussion.
 *
 * @param community where it belongs; the author must be an active member
 * @param practice the practice inside that community, if any
 * @param content title, markdown body, tags, competencies and language
 * @param audience who may read it; empty takes the community's default (with the author's
 *     organisation for the organisation levels), as for knowledge items
 */
public record ConversationDraft(CommunityId community, Optional<PracticeId> practice, ItemContent content,
        Optional<Audience> audience) {
    /** Validates. */
    public ConversationDraft {
        Checks.present("draft.community", community);
        Checks.present("draft.practice", practice);
        Checks.present("draft.content", content);
        Checks.present("draft.audience", audience);
    }

    /**
     * @param community where it belongs
     * @param content the content
     * @return a draft with the community's default audience and no practice
     */
    public static ConversationDraft of(CommunityId community, ItemContent content) {
        return new ConversationDraft(community, Optional.empty(), content, Optional.empty());
    }

    /** @return a copy in the given practice */
    public ConversationDraft inPractice(PracticeId practice) {
        return new ConversationDraft(community, Optional.of(practice), content, audience);
    }

    /** @return a copy with the given audience */
    public ConversationDraft withAudience(Audience audience) {
        return new ConversationDraft(community, practice, content, Optional.of(audience));
    }
}
