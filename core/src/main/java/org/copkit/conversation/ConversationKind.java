package org.copkit.conversation;

/** What a {@link Conversation} is. */
public enum ConversationKind {
    /** A question that collects answers, one of which may be accepted. */
    QUESTION,
    /** A discussion with threaded replies; nothing is accepted. */
    DISCUSSION
}
