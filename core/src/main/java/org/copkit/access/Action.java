package org.copkit.access;

/** Every write operation that {@link AccessRules} decide on. */
public enum Action {
    /** Register an organisation. */
    REGISTER_ORGANIZATION,
    /** Change an organisation. */
    UPDATE_ORGANIZATION,
    /** Register a member. */
    REGISTER_MEMBER,
    /** Change a member's profile (subject: the member). */
    UPDATE_MEMBER,
    /** Create a domain. */
    CREATE_DOMAIN,
    /** Change a domain or its competency framework. */
    EDIT_DOMAIN,
    /** Create a community. */
    CREATE_COMMUNITY,
    /** Change a community's properties. */
    EDIT_COMMUNITY,
    /** Approve, refuse or invite members and change their roles. */
    MANAGE_MEMBERS,
    /** Create a practice in a community. */
    CREATE_PRACTICE,
    /** Change a practice. */
    EDIT_PRACTICE,
    /** Create a knowledge item in a community (and practice). */
    CREATE_ITEM,
    /** Edit an item's content or audience, or restore a revision. */
    EDIT_ITEM,
    /** Submit an item for review. */
    SUBMIT_ITEM,
    /** Approve or reject an item in review. */
    REVIEW_ITEM,
    /** Publish an item (the review rules decide separately whether it is ready). */
    PUBLISH_ITEM,
    /** Archive an item. */
    ARCHIVE_ITEM,
    /** Mark an item as superseded by a successor. */
    SUPERSEDE_ITEM,
    /**
     * Mark a change in a domain, flagging linked items for review (request: the domain, and possibly
     * one community on it).
     */
    MARK_DOMAIN_CHANGE,
    /** List all review tasks of a community (request: the community). */
    LIST_REVIEW_TASKS,
    /** Schedule a session in a community (audience: the session's). */
    SCHEDULE_SESSION,
    /** Change, cancel, check members in, record notes, capture outcomes or link questions (session: the one concerned). */
    MANAGE_SESSION,
    /** Answer a session (session: the one concerned). */
    RSVP_SESSION
}
