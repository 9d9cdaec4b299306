-- Data written in the layout of migration V2 (on top of v1-data.sql), read back after upgrading to V3.
INSERT INTO activities (actor_id, verb, object_type, object_id, target_type, target_id, community_id, occurred_at,
        visibility, details)
    VALUES ('bob', 'CHECKED_IN', 'SESSION', 'ses-1', 'MEMBER', 'ann', 'com-1',
            TIMESTAMP WITH TIME ZONE '2024-10-28 10:00:00+00:00',
            '{"community":"com-1","audience":{"level":"COMMUNITY","organizations":[]},"unpublished":false,"editors":["ann"]}',
            '{"kind":"WORKSHOP"}');
INSERT INTO activities (actor_id, verb, object_type, object_id, target_type, target_id, community_id, occurred_at,
        visibility, details)
    VALUES ('bob', 'VIEWED', 'KNOWLEDGE_ITEM', 'item-1', NULL, NULL, 'com-1',
            TIMESTAMP WITH TIME ZONE '2024-10-28 11:00:00+00:00',
            '{"community":"com-1","audience":{"level":"COMMUNITY","organizations":[]},"unpublished":false,"editors":[]}',
            '{}');
INSERT INTO notification_preferences (member_id, frequency, updated_at, version)
    VALUES ('ann', 'WEEKLY', TIMESTAMP WITH TIME ZONE '2024-10-28 12:00:00+00:00', 1);
INSERT INTO changes (seq, object_type, object_id, version, changed_at)
    VALUES (2, 'NOTIFICATION_PREFERENCE', 'ann', 1, TIMESTAMP WITH TIME ZONE '2024-10-28 12:00:00+00:00');
UPDATE change_head SET last_seq = 2 WHERE id = 1;
