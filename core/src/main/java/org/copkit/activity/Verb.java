package org.copkit.activity;

/** What happened, in an {@link Activity}. */
public enum Verb {
    /** An organisation or member was registered. */
    REGISTERED,
    /** An object's properties were changed. */
    UPDATED,
    /** An object was created. */
    CREATED,
    /** A member joined a community. */
    JOINED,
    /** A member asked to join a community. */
    REQUESTED,
    /** A join request or a knowledge item was approved. */
    APPROVED,
    /** A join request or a knowledge item was rejected. */
    REJECTED,
    /** A member was invited. */
    INVITED,
    /** An invitation was declined. */
    DECLINED,
    /** A member left a community. */
    LEFT,
    /** A member's role changed. */
    ROLE_CHANGED,
    /** An item was edited (a new revision). */
    EDITED,
    /** An item was submitted for review. */
    SUBMITTED,
    /** An item was published. */
    PUBLISHED,
    /** An item was archived. */
    ARCHIVED,
    /** An item was superseded by a successor. */
    SUPERSEDED,
    /** An earlier revision was restored. */
    RESTORED,
    /** A member reported reading an object (the host reports views; see participation levels). */
    VIEWED,
    /** A member's derived participation level in a community changed. */
    LEVEL_CHANGED,
    /** A member endorsed another member's competency. */
    ENDORSED,
    /** An endorsement was withdrawn. */
    WITHDRAWN,
    /** A published item was flagged as needing review (review date passed or its domain changed). */
    FLAGGED,
    /** An item's content was confirmed in a review; it is published again with a new review date. */
    CONFIRMED,
    /** A change in a domain was marked (for example new subsidy rules). */
    DOMAIN_CHANGED,
    /** A member followed a target. */
    FOLLOWED,
    /** A member stopped following a target. */
    UNFOLLOWED,
    /** A session was scheduled. */
    SCHEDULED,
    /** A session was cancelled. */
    CANCELLED,
    /** A member answered a session (details: response, mode, placement). */
    RSVPED,
    /** A member who answered GOING was put on a session's waitlist. */
    WAITLISTED,
    /** A waiting member got a seat (target: the member). */
    PROMOTED_FROM_WAITLIST,
    /** A member's attendance was recorded (target: the member; details: the session kind). */
    CHECKED_IN,
    /** A knowledge item was captured from a session (target: the item). */
    CAPTURED,
    /** A question (conversation) was linked to a session (details: the conversation id). */
    LINKED,
    /** A question was asked (actor: the asker; object: the CONVERSATION). */
    ASKED,
    /** A discussion was started (actor: the author; object: the CONVERSATION). */
    STARTED,
    /**
     * A question was answered (actor: the answer's author; object: the answer POST; target: the
     * CONVERSATION).
     */
    ANSWERED,
    /** A reply was written in a discussion (actor: its author; object: the POST; target: the CONVERSATION). */
    REPLIED,
    /** A comment was written (actor: its author; object: the POST; target: the CONVERSATION). */
    COMMENTED,
    /**
     * A vote was cast, changed or withdrawn (actor: the voter; object: the voted CONVERSATION or POST;
     * target: the CONVERSATION of a voted post; details {@code value} UP/DOWN/NONE and {@code author} of
     * the voted object).
     */
    VOTED,
    /**
     * An answer was accepted (actor: the asker or coordinator; object: the answer POST; target: the
     * CONVERSATION; details {@code author}: the answer's author, who gets the credit).
     */
    ACCEPTED,
    /**
     * A conversation was closed: a discussion, or a question as a duplicate (object: the CONVERSATION;
     * target: the original for duplicates).
     */
    CLOSED,
    /**
     * A duplicate's answers were merged into the original (object: the original CONVERSATION; target:
     * the duplicate; details {@code moved}: the number of posts moved).
     */
    MERGED,
    /**
     * A question or answer was promoted into a knowledge item (object: the CONVERSATION or answer
     * POST; target: the new KNOWLEDGE_ITEM).
     */
    PROMOTED,
    /** A digest was sent to a member (object: the DIGEST_MARK; details {@code frequency}, {@code entries}). */
    DIGEST_SENT
}
