-- Data written in the layout of migration V1 (as a V1 database holds it), read back after upgrading.
INSERT INTO organizations (id, name, description, registered_at, version)
    VALUES ('org-a', 'Gemeente Arnhem', 'Line one
two', TIMESTAMP WITH TIME ZONE '2024-03-31 01:30:00.000001+00:00', 1);
INSERT INTO members (id, organization_id, display_name, profile, registered_at, version)
    VALUES ('ann', 'org-a', 'Ann', '{"location":"Arnhem","timeZone":"Europe/Amsterdam","languages":["nl","en-GB"],"competences":[{"competency":"comp-1","level":"EXPERT"}],"ambitions":[],"findableAsExpert":true}',
            TIMESTAMP WITH TIME ZONE '2024-03-31 01:30:00+00:00', 2);
INSERT INTO knowledge_items (id, community_id, practice_id, kind, status, owner_id, title, body, content, audience,
        revision_no, approvals, review_by, published_at, superseded_by, provenance, created_at, updated_at, version)
    VALUES ('item-1', 'com-1', NULL, 'ARTICLE', 'PUBLISHED', 'ann', 'Checklist', 'Body ✓',
            '{"tags":["checklist"],"competencies":["comp-1"],"language":"nl"}', '{"level":"COMMUNITY","organizations":[]}',
            1, '[{"approver":"ann","role":"CORE","steward":true,"at":"2024-10-27T02:30:00.5Z"}]', NULL,
            TIMESTAMP WITH TIME ZONE '2024-10-27 02:30:00.5+00:00', NULL, '{"source":"AUTHORED"}',
            TIMESTAMP WITH TIME ZONE '2024-10-27 02:30:00+00:00', TIMESTAMP WITH TIME ZONE '2024-10-27 02:30:00+00:00', 3);
INSERT INTO changes (seq, object_type, object_id, version, changed_at)
    VALUES (1, 'ORGANIZATION', 'org-a', 1, TIMESTAMP WITH TIME ZONE '2024-03-31 01:30:00+00:00');
UPDATE change_head SET last_seq = 1 WHERE id = 1;
INSERT INTO knowledge_items (id, community_id, practice_id, kind, status, owner_id, title, body, content, audience,
        revision_no, approvals, review_by, published_at, superseded_by, provenance, created_at, updated_at, version)
    VALUES ('item-2', 'com-1', NULL, 'ARTICLE', 'PUBLISHED', 'ann', 'Due', 'Review me',
            '{"tags":[],"competencies":[],"language":"en"}', '{"level":"COMMUNITY","organizations":[]}',
            1, '[]', TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00+00:00',
            TIMESTAMP WITH TIME ZONE '2024-10-27 02:30:00+00:00', NULL, '{"source":"AUTHORED"}',
            TIMESTAMP WITH TIME ZONE '2024-10-27 02:30:00+00:00', TIMESTAMP WITH TIME ZONE '2024-10-27 02:30:00+00:00', 1);
INSERT INTO activities (actor_id, verb, object_type, object_id, target_type, target_id, community_id, occurred_at,
        visibility, details)
    VALUES ('ann', 'PUBLISHED', 'KNOWLEDGE_ITEM', 'item-1', NULL, NULL, 'com-1',
            TIMESTAMP WITH TIME ZONE '2024-10-27 02:30:00.5+00:00',
            '{"community":"com-1","audience":{"level":"COMMUNITY","organizations":[]},"unpublished":false,"editors":["ann"]}',
            '{}');
