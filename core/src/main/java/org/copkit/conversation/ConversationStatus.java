package org.copkit.conversation;

/**
 * Life cycle of a conversation.
 *
 * <pre>
 * question:   OPEN -- accept --&gt; ANSWERED      OPEN / ANSWERED -- close as duplicate / merge --&gt; CLOSED_DUPLICATE
 * discussion: OPEN -- close --&gt; CLOSED
 * </pre>
 *
 * The status name is also the status of the conversation's search document; {@code ANSWERED}
 * questions count as current knowledge for "already answered?".
 */
public enum ConversationStatus {
    /** Asked or started, taking answers or replies. */
    OPEN,
    /** A question with an accepted answer. */
    ANSWERED,
    /** A question closed as a duplicate of another ({@link Conversation#duplicateOf()}). */
    CLOSED_DUPLICATE,
    /** A discussion that was closed. */
    CLOSED;

    /**
     * @param kind the conversation kind
     * @return whether a conversation of that kind may have this status
     */
    public boolean allowedFor(ConversationKind kind) {
        return switch (this) {
            case OPEN -> true;
            case ANSWERED, CLOSED_DUPLICATE -> kind == ConversationKind.QUESTION;
            case CLOSED -> kind == ConversationKind.DISCUSSION;
        };
    }
}
