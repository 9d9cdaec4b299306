package org.copkit.conversation;

import java.time.Instant;
import java.util.Optional;
import org.copkit.InvalidInputException;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * An answer, reply or comment in a {@link Conversation}. A post has no visibility of its own: whoever
 * may read the conversation reads its posts. Earlier bodies are kept as {@link PostRevision}s.
 *
 * @param id generated id
 * @param conversation the conversation it belongs to (changes only when a duplicate is merged)
 * @param kind answer, reply or comment
 * @param parent the post it responds to: for a reply another reply (or none), for a comment the
 *     answer it is on (none: on the question); answers have none
 * @param author who wrote it
 * @param body markdown, 1 to {@value #MAX_BODY} characters
 * @param revision the number of the revision that holds {@link #body()}
 * @param score the sum of the members' votes (+1 / -1)
 * @param createdAt when it was written
 * @param updatedAt when it last changed
 * @param version optimistic version
 */
public record Post(PostId id, ConversationId conversation, PostKind kind, Optional<PostId> parent, MemberId author,
        String body, int revision, int score, Instant createdAt, Instant updatedAt, long version) {
    /** Longest body accepted. */
    public static final int MAX_BODY = 200_000;

    /** Validates. */
    public Post {
        Checks.present("post.id", id);
        Checks.present("post.conversation", conversation);
        Checks.present("post.kind", kind);
        Checks.present("post.parent", parent);
        Checks.present("post.author", author);
        body = Checks.nonBlankText("post.body", body, MAX_BODY);
        Checks.range("post.revision", revision, 1, Integer.MAX_VALUE);
        Checks.present("post.createdAt", createdAt);
        Checks.present("post.updatedAt", updatedAt);
        Checks.nonNegative("post.version", version);
        if (kind == PostKind.ANSWER && parent.isPresent()) {
            throw new InvalidInputException("post.parent must be empty for an ANSWER");
        }
        if (parent.map(id::equals).orElse(false)) {
            throw new InvalidInputException("post.parent cannot name the post itself: " + id);
        }
    }
}
