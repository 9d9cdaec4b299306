package org.copkit.conversation;

/** What a {@link Post} is. */
public enum PostKind {
    /** An answer to a question; has no parent. */
    ANSWER,
    /** A reply in a discussion; its parent, if any, is another reply. */
    REPLY,
    /** A short comment on a question (no parent) or on an answer (the parent). */
    COMMENT
}
