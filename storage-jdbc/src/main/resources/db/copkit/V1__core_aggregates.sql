-- CoPKit storage, version 1: the aggregates of core's first storage SPI.
-- One history for H2 and PostgreSQL. Where the SQL must differ, a placeholder is set by JdbcStorage:
--   id_type    H2: VARCHAR(300)      PostgreSQL: VARCHAR(300) COLLATE "C"  (binary order of ids, as String.compareTo)
--   text_type  H2: CLOB              PostgreSQL: TEXT                      (long text and JSON documents)
-- Flyway runs this with the CoPKit schema as the default schema, so table names are unqualified.
-- Nested values (profiles, labels, audiences, approvals, visibility, details) are JSON text.

CREATE TABLE organizations (
    id            ${id_type} NOT NULL PRIMARY KEY,
    name          VARCHAR(1000) NOT NULL,
    description   ${text_type} NOT NULL,
    registered_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version       BIGINT NOT NULL
);

CREATE TABLE members (
    id              ${id_type} NOT NULL PRIMARY KEY,
    organization_id ${id_type} NOT NULL,
    display_name    VARCHAR(1000) NOT NULL,
    profile         ${text_type} NOT NULL,
    registered_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version         BIGINT NOT NULL
);
CREATE INDEX members_by_organization ON members (organization_id, id);

CREATE TABLE domains (
    id          ${id_type} NOT NULL PRIMARY KEY,
    name        VARCHAR(1000) NOT NULL,
    description ${text_type} NOT NULL,
    created_by  ${id_type} NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version     BIGINT NOT NULL
);

CREATE TABLE competencies (
    id           ${id_type} NOT NULL PRIMARY KEY,
    domain_id    ${id_type} NOT NULL,
    parent_id    ${id_type},
    labels       ${text_type} NOT NULL,
    external_uri VARCHAR(4000),
    version      BIGINT NOT NULL
);
CREATE INDEX competencies_by_domain ON competencies (domain_id, id);

CREATE TABLE communities (
    id               ${id_type} NOT NULL PRIMARY KEY,
    domain_id        ${id_type} NOT NULL,
    name             VARCHAR(1000) NOT NULL,
    purpose          ${text_type} NOT NULL,
    policy           VARCHAR(40) NOT NULL,
    organizations    ${text_type} NOT NULL,
    default_audience VARCHAR(40) NOT NULL,
    stage            VARCHAR(40) NOT NULL,
    created_by       ${id_type} NOT NULL,
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version          BIGINT NOT NULL
);

CREATE TABLE memberships (
    community_id ${id_type} NOT NULL,
    member_id    ${id_type} NOT NULL,
    member_role  VARCHAR(40) NOT NULL,
    state        VARCHAR(40) NOT NULL,
    since        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    joined_at    TIMESTAMP(6) WITH TIME ZONE,
    invited_by   ${id_type},
    version      BIGINT NOT NULL,
    PRIMARY KEY (community_id, member_id)
);
CREATE INDEX memberships_by_member ON memberships (member_id, community_id);
CREATE INDEX memberships_by_state ON memberships (community_id, state, member_id);

CREATE TABLE practices (
    id                 ${id_type} NOT NULL PRIMARY KEY,
    community_id       ${id_type} NOT NULL,
    name               VARCHAR(1000) NOT NULL,
    description        ${text_type} NOT NULL,
    stewards           ${text_type} NOT NULL,
    review_interval    VARCHAR(100),
    required_approvals INTEGER NOT NULL,
    created_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version            BIGINT NOT NULL
);
CREATE INDEX practices_by_community ON practices (community_id, id);

-- lookup table for "practices stewarded by": the stewards column above stays the source for reading
CREATE TABLE practice_stewards (
    member_id   ${id_type} NOT NULL,
    practice_id ${id_type} NOT NULL,
    PRIMARY KEY (member_id, practice_id)
);
CREATE INDEX practice_stewards_by_practice ON practice_stewards (practice_id);

CREATE TABLE knowledge_items (
    id            ${id_type} NOT NULL PRIMARY KEY,
    community_id  ${id_type} NOT NULL,
    practice_id   ${id_type},
    kind          VARCHAR(40) NOT NULL,
    status        VARCHAR(40) NOT NULL,
    owner_id      ${id_type} NOT NULL,
    title         VARCHAR(2000) NOT NULL,
    body          ${text_type} NOT NULL,
    content       ${text_type} NOT NULL,
    audience      ${text_type} NOT NULL,
    revision_no   INTEGER NOT NULL,
    approvals     ${text_type} NOT NULL,
    review_by     TIMESTAMP(6) WITH TIME ZONE,
    published_at  TIMESTAMP(6) WITH TIME ZONE,
    superseded_by ${id_type},
    provenance    ${text_type} NOT NULL,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version       BIGINT NOT NULL
);
CREATE INDEX items_by_community ON knowledge_items (community_id, id);
CREATE INDEX items_by_practice ON knowledge_items (community_id, practice_id, id);
CREATE INDEX items_by_status ON knowledge_items (community_id, status, id);

CREATE TABLE revisions (
    item_id     ${id_type} NOT NULL,
    revision_no INTEGER NOT NULL,
    title       VARCHAR(2000) NOT NULL,
    body        ${text_type} NOT NULL,
    content     ${text_type} NOT NULL,
    author_id   ${id_type} NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    note        ${text_type} NOT NULL,
    PRIMARY KEY (item_id, revision_no)
);

-- no foreign keys: activities may name the system actor and objects that do not exist (yet)
CREATE TABLE activities (
    seq          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    actor_id     ${id_type} NOT NULL,
    verb         VARCHAR(100) NOT NULL,
    object_type  VARCHAR(100) NOT NULL,
    object_id    ${id_type} NOT NULL,
    target_type  VARCHAR(100),
    target_id    ${id_type},
    community_id ${id_type},
    occurred_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    visibility   ${text_type} NOT NULL,
    details      ${text_type} NOT NULL
);
CREATE INDEX activities_by_community ON activities (community_id, seq);
CREATE INDEX activities_by_actor ON activities (actor_id, seq);
CREATE INDEX activities_by_object ON activities (object_type, object_id, seq);

-- the change feed: rows are written at commit time with sequences taken from change_head,
-- whose single row stays locked until the writing transaction commits (sequence order = commit order)
CREATE TABLE changes (
    seq         BIGINT NOT NULL PRIMARY KEY,
    object_type VARCHAR(100) NOT NULL,
    object_id   ${id_type} NOT NULL,
    version     BIGINT NOT NULL,
    changed_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE TABLE change_head (
    id       INTEGER NOT NULL PRIMARY KEY,
    last_seq BIGINT NOT NULL,
    CHECK (id = 1)
);
INSERT INTO change_head (id, last_seq) VALUES (1, 0);
