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
    /** A session (meeting). */
    SESSION,
    /** A member's answer to a session (id: {@code sessionId/memberId}). */
    RSVP,
    /** A member's attendance of a session (id: {@code sessionId/memberId}). */
    ATTENDANCE
}
