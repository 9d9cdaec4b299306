-- CoPKit storage, version 4: indexes of the health report's aggregates (Transaction.healthFacts,
-- docs/decisions/0006-health-aggregates.md). No new tables or columns: every figure is a COUNT, MIN or
-- GROUP BY over one community's index range, grouped by the columns visibility depends on. Same
-- conventions as V1 to V3 (placeholders id_type and text_type, unqualified table names).

-- newcomers: active memberships by join time (the count of active memberships reads the same range)
CREATE INDEX memberships_by_joined ON memberships (community_id, state, joined_at);

-- members by level: the stored levels other than PERIPHERAL, joined to their active memberships
CREATE INDEX participation_levels_by_level ON participation_levels (community_id, participation_level, member_id);

-- questions asked in a period
CREATE INDEX conversations_by_created ON conversations (community_id, kind, created_at);

-- a question's first answer before an instant: MIN(created_at) of its ANSWER posts
CREATE INDEX posts_by_kind_created ON posts (conversation_id, kind, created_at);

-- items published in a period
CREATE INDEX items_by_published ON knowledge_items (community_id, published_at);

-- stale items: PUBLISHED with a review-by date before now (NEEDS_REVIEW reads items_by_status)
CREATE INDEX items_by_review_by ON knowledge_items (community_id, status, review_by);

-- value stories recorded in a period
CREATE INDEX value_stories_by_created ON value_stories (community_id, created_at);
