package org.copkit;

/** The kinds of object CoPKit stores; used in {@link Ref}, activities and the change feed. */
public enum ObjectType {
    /** An organisation. */
    ORGANIZATION,
    /** A member. */
    MEMBER,
    /** A domain. */
    DOMAIN,
    /** A competency in a domain's framework. */
    COMPETENCY,
    /** A community. */
    COMMUNITY,
    /** A membership (id: {@code communityId/memberId}). */
    MEMBERSHIP,
    /** A practice. */
    PRACTICE,
    /** A knowledge item. */
    KNOWLEDGE_ITEM,
    /** A question or discussion, in storage, the change feed and activities. */
    CONVERSATION,
    /** An answer, reply or comment in a conversation. */
    POST,
    /** A question, as a search document (id: the conversation id; status: its {@code ConversationStatus}). */
    QUESTION,
    /** A discussion, as a search document (id: the conversation id; status: its {@code ConversationStatus}). */
    DISCUSSION
}
