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
    RSVP_SESSION,
    /** Ask a question in a community (the audience is in the request). */
    ASK_QUESTION,
    /** Start a discussion in a community (the audience is in the request). */
    START_DISCUSSION,
    /** Answer a question (conversation in the request). */
    ANSWER_QUESTION,
    /** Reply in a discussion (conversation in the request, parent reply as post). */
    REPLY,
    /** Comment on a question or an answer (conversation in the request, answer as post). */
    COMMENT,
    /** Vote on a conversation or a post (post in the request when voting on a post). */
    VOTE,
    /** Accept an answer (conversation and answer post in the request). */
    ACCEPT_ANSWER,
    /** Edit a conversation's content. */
    EDIT_CONVERSATION,
    /** Edit a post's body (post in the request). */
    EDIT_POST,
    /** Close a discussion. */
    CLOSE_DISCUSSION,
    /** Close a question as a duplicate of another. */
    CLOSE_AS_DUPLICATE,
    /** Merge a duplicate question's answers into the original. */
    MERGE_CONVERSATIONS,
    /** Promote a question (or, with the post, one answer) into a knowledge item. */
    PROMOTE_CONVERSATION,
    /** Create a learning path in a community (the audience is in the request). */
    CREATE_LEARNING_PATH,
    /** Change a learning path's content or audience (community and new audience in the request). */
    EDIT_LEARNING_PATH,
    /** Build and send the digests that are due (the host's scheduler; the system actor by default). */
    SEND_DIGESTS,
    /**
     * Endorse a member's competency (subject: the endorsee; community: absent, or one community in which
     * the endorsee is active, asked one by one until one allows).
     */
    ENDORSE_MEMBER,
    /** Withdraw an endorsement (subject: the endorser who gave it). */
    WITHDRAW_ENDORSEMENT,
    /** Record a value story in a community (audience: the story's). */
    RECORD_VALUE_STORY,
    /** Edit a value story (community: the story's; subject: its author; audience: the new one). */
    EDIT_VALUE_STORY,
    /** List a community's members by participation level (request: the community). */
    LIST_PARTICIPATION,
    /** Recompute a community's participation levels (request: the community). */
    RECOMPUTE_PARTICIPATION,
    /** Read a community's health report (request: the community). */
    VIEW_HEALTH,
    /**
     * Import an item directly as PUBLISHED, without review (request: community, practice, audience); asked
     * in addition to {@link #CREATE_ITEM}.
     */
    PUBLISH_IMPORTED_ITEM
}
