-- CoPKit storage, version 3: learning paths (onboarding) and digest marks, plus the indexes of
-- Activities.listInvolving on the version-1 activities table. Same conventions as V1 and V2:
-- placeholders id_type and text_type, unqualified table names, nested values as JSON text, no foreign
-- keys, a version column on every mutable row.

-- Activities.listInvolving: one community's activities by a member, or naming the member as target,
-- newest first (the two index ranges are merged by sequence)
CREATE INDEX activities_by_community_actor ON activities (community_id, actor_id, seq);
CREATE INDEX activities_by_community_target ON activities (community_id, target_type, target_id, seq);

-- learning paths: title and description as columns; steps (in order) and audience as JSON;
-- listed per community by id
CREATE TABLE learning_paths (
    id           ${id_type} NOT NULL PRIMARY KEY,
    community_id ${id_type} NOT NULL,
    title        VARCHAR(2000) NOT NULL,
    description  ${text_type} NOT NULL,
    steps        ${text_type} NOT NULL,
    audience     ${text_type} NOT NULL,
    created_by   ${id_type} NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version      BIGINT NOT NULL
);
CREATE INDEX learning_paths_by_community ON learning_paths (community_id, id);

-- one digest mark per member: up to when their last digest was sent
CREATE TABLE digest_marks (
    member_id  ${id_type} NOT NULL PRIMARY KEY,
    frequency  VARCHAR(40) NOT NULL,
    sent_up_to TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version    BIGINT NOT NULL
);
