package org.copkit.conversation;

import java.util.List;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.search.SearchHit;

/**
 * Questions and discussions, as one acting member. Obtain it from {@code kit.as(member).conversations()}.
 *
 * <p>Changes that address a conversation or post by version take the version the caller last read; a
 * stale version gets {@link org.copkit.ConflictException} and nothing is written. Reads return only
 * what the actor may see: posts share their conversation's visibility, and an invisible conversation
 * or post is reported exactly as a missing one ({@link org.copkit.NotFoundException}). Denied calls
 * get {@link org.copkit.AccessDeniedException}; malformed input {@link org.copkit.InvalidInputException}.
 * Null is never a valid argument. Thread-safe.
 *
 * <p>Concurrency: every change of a conversation, its posts and their votes runs under the
 * conversation's lock (a merge and a close-as-duplicate lock both conversations): every vote counts
 * once, one answer is accepted, no answer lands on a question closed as a duplicate meanwhile, and no
 * two questions become duplicates of each other.
 */
public interface ConversationService {
    /**
     * Asks a question: OPEN, revision 1, score 0.
     *
     * @param draft community, practice, content, audience
     * @return the question
     * @throws org.copkit.AccessDeniedException unless an active member of the community (and, for
     *     organisation-level audiences, unless the audience includes the actor's organisation)
     * @throws org.copkit.InvalidInputException when the practice is not in the community or a competency is unknown
     */
    Conversation ask(ConversationDraft draft);

    /**
     * Starts a discussion: OPEN, revision 1, score 0. Same rules as {@link #ask}.
     *
     * @param draft community, practice, content, audience
     * @return the discussion
     */
    Conversation startDiscussion(ConversationDraft draft);

    /**
     * Answers a question that is not closed as a duplicate.
     *
     * @param question the question
     * @param body markdown, 1 to {@value Post#MAX_BODY} characters
     * @return the ANSWER
     * @throws org.copkit.ConflictException when the conversation is a discussion or closed
     */
    Post answer(ConversationId question, String body);

    /**
     * Replies in an OPEN discussion, at top level or to another reply.
     *
     * @param discussion the discussion
     * @param parent the reply responded to, if any (must be a reply in the same discussion)
     * @param body markdown, 1 to {@value Post#MAX_BODY} characters
     * @return the REPLY
     * @throws org.copkit.ConflictException when the conversation is a question or closed
     */
    Post reply(ConversationId discussion, java.util.Optional<PostId> parent, String body);

    /**
     * Comments on a question (no parent) or on one of its answers.
     *
     * @param question the question
     * @param answer the answer commented on, if any (must be an answer of the question)
     * @param body markdown, 1 to {@value Post#MAX_BODY} characters
     * @return the COMMENT
     * @throws org.copkit.ConflictException when the conversation is a discussion or closed as a duplicate
     */
    Post comment(ConversationId question, java.util.Optional<PostId> answer, String body);

    /**
     * Casts, changes or (with {@link VoteValue#NONE}) withdraws the actor's vote on a conversation; the
     * score follows. Nobody votes on their own conversation.
     *
     * @return the conversation with its new score
     */
    Conversation vote(ConversationId conversation, VoteValue value);

    /**
     * Casts, changes or withdraws the actor's vote on a post; the score follows. Nobody votes on their
     * own post.
     *
     * @return the post with its new score
     */
    Post vote(PostId post, VoteValue value);

    /**
     * Accepts an answer, by the asker or a coordinator: the question becomes ANSWERED. Accepting
     * another answer replaces the earlier one.
     *
     * @param answer an answer of a question that is OPEN or ANSWERED
     * @param expectedVersion the question's version
     * @return the question
     * @throws org.copkit.ConflictException when the post is not an answer, already accepted, or the
     *     question is closed as a duplicate
     */
    Conversation accept(PostId answer, long expectedVersion);

    /**
     * Replaces a conversation's content, by its author or a coordinator, keeping the old one as a revision.
     *
     * @param note the change note, at most 1,000 characters
     * @return the conversation with the new revision
     */
    Conversation edit(ConversationId id, long expectedVersion, ItemContent content, String note);

    /**
     * Replaces a post's body, by its author or a coordinator, keeping the old one as a revision.
     *
     * @param note the change note, at most 1,000 characters
     * @return the post with the new revision
     */
    Post editPost(PostId id, long expectedVersion, String body, String note);

    /**
     * Closes an OPEN discussion, by its author or a coordinator.
     *
     * @param reason why, at most 1,000 characters (may be empty)
     * @return the CLOSED discussion
     */
    Conversation close(ConversationId discussion, long expectedVersion, String reason);

    /**
     * Closes a question as a duplicate of another visible question in the same community, by a
     * coordinator. Its posts stay where they are (see {@link #merge}).
     *
     * @return the CLOSED_DUPLICATE question
     * @throws org.copkit.InvalidInputException when the original is itself, not a visible question of
     *     the same community, or itself closed as a duplicate
     * @throws org.copkit.ConflictException when the question is already closed as a duplicate
     */
    Conversation closeAsDuplicate(ConversationId question, long expectedVersion, ConversationId original);

    /**
     * Moves the answers of a duplicate (with the comments on them) into the original, by a coordinator,
     * and closes the duplicate (if it was not yet) pointing to the original. The original keeps its own
     * accepted answer; the duplicate's is cleared. Records MERGED on the original and CLOSED on the
     * duplicate. Answers never become visible to more readers than before: the original's audience must
     * equal the duplicate's or be narrower.
     *
     * @param expectedVersion the duplicate's version
     * @return the original with its new version
     * @throws org.copkit.ConflictException when the duplicate was closed as a duplicate of another
     *     question, or the original's audience is wider
     */
    Conversation merge(ConversationId duplicate, long expectedVersion, ConversationId into);

    /**
     * Promotes an ANSWERED question into a DRAFT knowledge item, by the asker or a coordinator, through
     * the same rules as {@link org.copkit.knowledge.KnowledgeService#create}: title, tags, competencies
     * and language of the question, body of the question followed by the accepted answer, same
     * community, practice and audience, provenance {@code QUESTION} with the question's id. Sets
     * {@link Conversation#promotedTo()}.
     *
     * @param kind the kind of knowledge item
     * @return the new item
     * @throws org.copkit.ConflictException when not ANSWERED or already promoted
     */
    KnowledgeItem promote(ConversationId question, long expectedVersion, ItemKind kind);

    /**
     * Promotes one answer into a DRAFT knowledge item, by the asker, the answer's author or a
     * coordinator: title, tags, competencies and language of the question, body of the answer,
     * provenance {@code ANSWER} with the answer's id. Sets the question's {@link Conversation#promotedTo()}.
     *
     * @param expectedVersion the question's version
     * @return the new item
     * @throws org.copkit.ConflictException when the post is not an answer or the question was already promoted
     */
    KnowledgeItem promoteAnswer(PostId answer, long expectedVersion, ItemKind kind);

    /** @return the conversation @throws org.copkit.NotFoundException when unknown or invisible */
    Conversation get(ConversationId id);

    /** @return the post @throws org.copkit.NotFoundException when unknown or its conversation is invisible */
    Post getPost(PostId id);

    /**
     * @return visible conversations of the community matching the query, ordered by id (creation)
     * @throws org.copkit.NotFoundException when the community does not exist
     */
    Page<Conversation> list(ConversationQuery query, PageRequest page);

    /**
     * The whole thread of a conversation: top-level posts in creation order (for a question the
     * accepted answer first), each followed depth-first by the posts responding to it, in creation order.
     *
     * @return every post of the conversation in threaded order
     */
    List<Post> posts(ConversationId id);

    /** @return the conversation's revisions, oldest first */
    Page<ConversationRevision> revisions(ConversationId id, PageRequest page);

    /** @return the post's revisions, oldest first */
    Page<PostRevision> postRevisions(PostId id, PageRequest page);

    /**
     * "Already answered?": the ANSWERED questions and current (PUBLISHED or NEEDS_REVIEW) knowledge
     * items most similar to a draft question that the actor may read, best first, through
     * {@link org.copkit.spi.SearchIndex#similar}. Hits of questions carry type
     * {@link org.copkit.ObjectType#QUESTION} and the conversation id.
     *
     * @param title the draft's title, at most {@value ItemContent#MAX_TITLE} characters
     * @param body the draft's body (may be empty); title and body together at most 20,000 characters
     * @param limit how many at most, 1 to 50
     * @return the hits
     */
    List<SearchHit> alreadyAnswered(String title, String body, int limit);

    /**
     * The sessions in which the conversation was raised (linked with
     * {@link org.copkit.session.SessionService#linkQuestion}), that the actor may see, most recently
     * linked first.
     *
     * @param id the conversation
     * @return the sessions
     * @throws org.copkit.NotFoundException when the conversation is unknown or not visible
     */
    List<org.copkit.session.Session> sessions(ConversationId id);
}
