package org.copkit.conversation;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.copkit.InvalidInputException;
import org.copkit.access.Audience;
import org.copkit.access.Visibility;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.internal.Checks;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;

/**
 * A question or a discussion in a community, with its current content. Earlier content is kept as
 * {@link ConversationRevision}s; answers, replies and comments are {@link Post}s, which share this
 * conversation's visibility.
 *
 * @param id generated id
 * @param community the community it belongs to
 * @param practice the practice inside the community, if any
 * @param kind question or discussion
 * @param content current title, body, tags, competencies and language
 * @param audience who may read it and its posts
 * @param author who asked or started it
 * @param status life-cycle status; must be allowed for the kind
 * @param revision the number of the revision that holds {@link #content()}
 * @param acceptedAnswer the accepted answer: present exactly when an ANSWERED question, and possibly
 *     for a question closed as duplicate that had one
 * @param duplicateOf the original, present exactly when CLOSED_DUPLICATE
 * @param promotedTo the knowledge item promoted from this question or one of its answers, if any
 * @param score the sum of the members' votes (+1 / -1)
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param version optimistic version
 */
public record Conversation(ConversationId id, CommunityId community, Optional<PracticeId> practice,
        ConversationKind kind, ItemContent content, Audience audience, MemberId author, ConversationStatus status,
        int revision, Optional<PostId> acceptedAnswer, Optional<ConversationId> duplicateOf,
        Optional<KnowledgeItemId> promotedTo, int score, Instant createdAt, Instant updatedAt, long version) {
    /** Validates. */
    public Conversation {
        Checks.present("conversation.id", id);
        Checks.present("conversation.community", community);
        Checks.present("conversation.practice", practice);
        Checks.present("conversation.kind", kind);
        Checks.present("conversation.content", content);
        Checks.present("conversation.audience", audience);
        Checks.present("conversation.author", author);
        Checks.present("conversation.status", status);
        Checks.range("conversation.revision", revision, 1, Integer.MAX_VALUE);
        Checks.present("conversation.acceptedAnswer", acceptedAnswer);
        Checks.present("conversation.duplicateOf", duplicateOf);
        Checks.present("conversation.promotedTo", promotedTo);
        Checks.present("conversation.createdAt", createdAt);
        Checks.present("conversation.updatedAt", updatedAt);
        Checks.nonNegative("conversation.version", version);
        if (!status.allowedFor(kind)) {
            throw new InvalidInputException("conversation.status " + status + " is not allowed for a " + kind);
        }
        if (status == ConversationStatus.ANSWERED && acceptedAnswer.isEmpty()) {
            throw new InvalidInputException("conversation.acceptedAnswer is required for status ANSWERED");
        }
        if ((status == ConversationStatus.OPEN || status == ConversationStatus.CLOSED) && acceptedAnswer.isPresent()) {
            throw new InvalidInputException("conversation.acceptedAnswer must be empty for status " + status);
        }
        if ((status == ConversationStatus.CLOSED_DUPLICATE) != duplicateOf.isPresent()) {
            throw new InvalidInputException("conversation.duplicateOf must be present exactly for status "
                    + "CLOSED_DUPLICATE, but status is " + status + " and duplicateOf is " + duplicateOf);
        }
        if (duplicateOf.map(id::equals).orElse(false)) {
            throw new InvalidInputException("conversation.duplicateOf cannot name the conversation itself: " + id);
        }
    }

    /** @return the facts that decide who may read this conversation and its posts */
    public Visibility visibility() {
        return new Visibility(Optional.of(community), practice, audience, false, Set.of(author));
    }

    /** @return the title of the current content */
    public String title() {
        return content.title();
    }

    /** @return whether this is a question */
    public boolean question() {
        return kind == ConversationKind.QUESTION;
    }
}
