-- CoPKit storage, version 2: community life on top of version 1 (participation levels, endorsements,
-- value stories, review tasks, subscriptions, notification preferences, sessions, answers and
-- attendance, conversations, posts, their revisions and votes), plus the indexes of two new queries on
-- version-1 tables. Same conventions as V1: placeholders id_type and text_type, unqualified table
-- names, nested values as JSON text, no foreign keys, a version column on every mutable row.

-- KnowledgeItems.listDueForReview: PUBLISHED items with review_by before an instant, ordered by id
CREATE INDEX items_due_for_review ON knowledge_items (status, review_by, id);

-- Activities.listSince: one community's activities at or after an instant, oldest first
CREATE INDEX activities_by_community_time ON activities (community_id, occurred_at, seq);

-- derived participation levels, keyed like memberships; listed per community by member id (primary key)
CREATE TABLE participation_levels (
    community_id        ${id_type} NOT NULL,
    member_id           ${id_type} NOT NULL,
    participation_level VARCHAR(40) NOT NULL,
    since               TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version             BIGINT NOT NULL,
    PRIMARY KEY (community_id, member_id)
);

-- at most one endorsement per endorsee, competency and endorser (withdrawn ones are updated, not re-inserted)
CREATE TABLE endorsements (
    id            ${id_type} NOT NULL PRIMARY KEY,
    endorsee_id   ${id_type} NOT NULL,
    competency_id ${id_type} NOT NULL,
    endorser_id   ${id_type} NOT NULL,
    endorsed_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    withdrawn_at  TIMESTAMP(6) WITH TIME ZONE,
    version       BIGINT NOT NULL,
    CONSTRAINT endorsements_once UNIQUE (endorsee_id, competency_id, endorser_id)
);
CREATE INDEX endorsements_by_endorsee ON endorsements (endorsee_id, id);

-- value stories: title and story as text; language and evidence (ordered references) as JSON
CREATE TABLE value_stories (
    id           ${id_type} NOT NULL PRIMARY KEY,
    community_id ${id_type} NOT NULL,
    author_id    ${id_type} NOT NULL,
    value_cycle  VARCHAR(40) NOT NULL,
    title        VARCHAR(2000) NOT NULL,
    story        ${text_type} NOT NULL,
    content      ${text_type} NOT NULL,
    audience     ${text_type} NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version      BIGINT NOT NULL
);
CREATE INDEX value_stories_by_community ON value_stories (community_id, id);

-- review tasks: assignees as a JSON array, plus the lookup table review_task_assignees for "by assignee"
CREATE TABLE review_tasks (
    id           ${id_type} NOT NULL PRIMARY KEY,
    item_id      ${id_type} NOT NULL,
    community_id ${id_type} NOT NULL,
    assignees    ${text_type} NOT NULL,
    reason       VARCHAR(40) NOT NULL,
    note         ${text_type} NOT NULL,
    status       VARCHAR(40) NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    closed_at    TIMESTAMP(6) WITH TIME ZONE,
    version      BIGINT NOT NULL
);
CREATE INDEX review_tasks_by_item ON review_tasks (item_id, id);
CREATE INDEX review_tasks_by_community ON review_tasks (community_id, id);
CREATE INDEX review_tasks_by_status ON review_tasks (community_id, status, id);

CREATE TABLE review_task_assignees (
    member_id ${id_type} NOT NULL,
    task_id   ${id_type} NOT NULL,
    PRIMARY KEY (member_id, task_id)
);
CREATE INDEX review_task_assignees_by_task ON review_task_assignees (task_id);

-- subscriptions: at most one per member and target
CREATE TABLE subscriptions (
    id          ${id_type} NOT NULL PRIMARY KEY,
    member_id   ${id_type} NOT NULL,
    target_type VARCHAR(100) NOT NULL,
    target_id   ${id_type} NOT NULL,
    active      BOOLEAN NOT NULL,
    since       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version     BIGINT NOT NULL,
    CONSTRAINT subscriptions_once UNIQUE (member_id, target_type, target_id)
);
CREATE INDEX subscriptions_by_member ON subscriptions (member_id, active, id);
CREATE INDEX subscriptions_by_target ON subscriptions (target_type, target_id, active, member_id);

CREATE TABLE notification_preferences (
    member_id  ${id_type} NOT NULL PRIMARY KEY,
    frequency  VARCHAR(40) NOT NULL,
    updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version    BIGINT NOT NULL
);

-- sessions: hosts, outcomes and questions as JSON arrays, plus the lookup table session_hosts for "by host";
-- seats are NULL when unlimited
CREATE TABLE sessions (
    id              ${id_type} NOT NULL PRIMARY KEY,
    community_id    ${id_type} NOT NULL,
    practice_id     ${id_type},
    kind            VARCHAR(40) NOT NULL,
    session_format  VARCHAR(40) NOT NULL,
    title           VARCHAR(2000) NOT NULL,
    agenda          ${text_type} NOT NULL,
    start_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    end_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    zone_id         VARCHAR(100) NOT NULL,
    place           VARCHAR(2000),
    join_link       VARCHAR(4000),
    in_person_seats INTEGER,
    online_seats    INTEGER,
    hosts           ${text_type} NOT NULL,
    audience        ${text_type} NOT NULL,
    status          VARCHAR(40) NOT NULL,
    sequence_no     INTEGER NOT NULL,
    series          ${id_type},
    notes           ${text_type} NOT NULL,
    outcomes        ${text_type} NOT NULL,
    questions       ${text_type} NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version         BIGINT NOT NULL
);
CREATE INDEX sessions_by_community_start ON sessions (community_id, start_at, id);

CREATE TABLE session_hosts (
    member_id  ${id_type} NOT NULL,
    session_id ${id_type} NOT NULL,
    PRIMARY KEY (member_id, session_id)
);
CREATE INDEX session_hosts_by_session ON session_hosts (session_id);

-- answers to sessions, one per session and member; placement is NULL unless GOING
CREATE TABLE rsvps (
    session_id      ${id_type} NOT NULL,
    member_id       ${id_type} NOT NULL,
    response        VARCHAR(40) NOT NULL,
    attendance_mode VARCHAR(40) NOT NULL,
    placement       VARCHAR(40),
    responded_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    arrival         BIGINT NOT NULL,
    version         BIGINT NOT NULL,
    PRIMARY KEY (session_id, member_id)
);
CREATE INDEX rsvps_by_arrival ON rsvps (session_id, arrival, member_id);
CREATE INDEX rsvps_by_member ON rsvps (member_id, session_id);

-- attendance, one per session and member
CREATE TABLE attendances (
    session_id    ${id_type} NOT NULL,
    member_id     ${id_type} NOT NULL,
    checked_in_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    checked_in_by ${id_type} NOT NULL,
    version       BIGINT NOT NULL,
    PRIMARY KEY (session_id, member_id)
);
CREATE INDEX attendances_by_check_in ON attendances (session_id, checked_in_at, member_id);

-- questions and discussions: title and body as text, the rest of the content and the audience as JSON
CREATE TABLE conversations (
    id              ${id_type} NOT NULL PRIMARY KEY,
    community_id    ${id_type} NOT NULL,
    practice_id     ${id_type},
    kind            VARCHAR(40) NOT NULL,
    status          VARCHAR(40) NOT NULL,
    author_id       ${id_type} NOT NULL,
    title           VARCHAR(2000) NOT NULL,
    body            ${text_type} NOT NULL,
    content         ${text_type} NOT NULL,
    audience        ${text_type} NOT NULL,
    revision_no     INTEGER NOT NULL,
    accepted_answer ${id_type},
    duplicate_of    ${id_type},
    promoted_to     ${id_type},
    score           INTEGER NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version         BIGINT NOT NULL
);
CREATE INDEX conversations_by_community ON conversations (community_id, id);
CREATE INDEX conversations_by_kind ON conversations (community_id, kind, status, id);
CREATE INDEX conversations_by_status ON conversations (community_id, status, id);

-- answers, replies and comments
CREATE TABLE posts (
    id              ${id_type} NOT NULL PRIMARY KEY,
    conversation_id ${id_type} NOT NULL,
    kind            VARCHAR(40) NOT NULL,
    parent_id       ${id_type},
    author_id       ${id_type} NOT NULL,
    body            ${text_type} NOT NULL,
    revision_no     INTEGER NOT NULL,
    score           INTEGER NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version         BIGINT NOT NULL
);
CREATE INDEX posts_by_conversation ON posts (conversation_id, id);

-- append-only revisions, listed by number (primary key)
CREATE TABLE conversation_revisions (
    conversation_id ${id_type} NOT NULL,
    revision_no     INTEGER NOT NULL,
    title           VARCHAR(2000) NOT NULL,
    body            ${text_type} NOT NULL,
    content         ${text_type} NOT NULL,
    author_id       ${id_type} NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    note            ${text_type} NOT NULL,
    PRIMARY KEY (conversation_id, revision_no)
);

CREATE TABLE post_revisions (
    post_id     ${id_type} NOT NULL,
    revision_no INTEGER NOT NULL,
    body        ${text_type} NOT NULL,
    author_id   ${id_type} NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    note        ${text_type} NOT NULL,
    PRIMARY KEY (post_id, revision_no)
);

-- votes: one per target and voter, listed per target by voter id (primary key); not in the change feed
CREATE TABLE votes (
    target_type VARCHAR(100) NOT NULL,
    target_id   ${id_type} NOT NULL,
    voter_id    ${id_type} NOT NULL,
    vote_value  VARCHAR(40) NOT NULL,
    voted_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (target_type, target_id, voter_id)
);
