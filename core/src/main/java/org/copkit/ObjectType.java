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
    /** A member's derived participation level in a community (id: {@code communityId/memberId}). */
    PARTICIPATION_LEVEL,
    /** An endorsement of a member's competency by another member. */
    ENDORSEMENT,
    /** A value-creation story of a community. */
    VALUE_STORY,
    /** A review task for a knowledge item. */
    REVIEW_TASK,
    /** A tag, as a subscription target (id: the lower-case tag). */
    TAG,
    /** A conversation (question or discussion). */
    CONVERSATION,
    /** A member's subscription to a target. */
    SUBSCRIPTION,
    /** A member's notification preference (id: the member id). */
    NOTIFICATION_PREFERENCE,
    /** A session (meeting). */
    SESSION,
    /** A member's answer to a session (id: {@code sessionId/memberId}). */
    RSVP,
    /** A member's attendance of a session (id: {@code sessionId/memberId}). */
    ATTENDANCE,
    /** An answer, reply or comment in a conversation. */
    POST,
    /** A question, as a search document (id: the conversation id; status: its {@code ConversationStatus}). */
    QUESTION,
    /** A discussion, as a search document (id: the conversation id; status: its {@code ConversationStatus}). */
    DISCUSSION,
    /** A learning path of a community. */
    LEARNING_PATH,
    /** When a member's last digest was sent (id: the member id). */
    DIGEST_MARK
}
