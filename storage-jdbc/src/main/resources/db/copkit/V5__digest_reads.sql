-- CoPKit storage, version 5: what digests read. Same conventions as V1 to V3: placeholders id_type and
-- text_type, unqualified table names, no foreign keys.

-- Activities.listHeads: one community's activities with some verbs in a time range (one member's digest
-- reads its communities' publications, changes, questions and acceptances of the period, not the whole log)
CREATE INDEX activities_by_community_verb_time ON activities (community_id, verb, occurred_at);

-- the digest outbox on the digest marks: while pending_from and lease_until are set, the digest of
-- [pending_from, sent_up_to) is marked as sent but not yet confirmed as delivered; a run on any node
-- delivers it again once lease_until has passed (rows of version 3 are delivered: both stay null)
ALTER TABLE digest_marks ADD COLUMN pending_from TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE digest_marks ADD COLUMN lease_until TIMESTAMP(6) WITH TIME ZONE;
