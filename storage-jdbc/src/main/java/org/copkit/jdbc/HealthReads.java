package org.copkit.jdbc;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.copkit.community.CommunityId;
import org.copkit.community.MembershipState;
import org.copkit.community.PracticeId;
import org.copkit.conversation.ConversationId;
import org.copkit.conversation.ConversationKind;
import org.copkit.conversation.ConversationStatus;
import org.copkit.conversation.PostKind;
import org.copkit.knowledge.ItemStatus;
import org.copkit.member.MemberId;
import org.copkit.participation.Level;
import org.copkit.session.Placement;
import org.copkit.session.RsvpResponse;
import org.copkit.session.SessionId;
import org.copkit.session.SessionStatus;
import org.copkit.spi.HealthFacts;
import org.copkit.spi.HealthFacts.VisibilityGroup;
import org.copkit.value.ValueCycle;

/**
 * {@link org.copkit.spi.Transaction#healthFacts} in SQL: every figure is a COUNT, MIN or GROUP BY over
 * one community's range of an index of V4 (docs/decisions/0006-health-aggregates.md). Content is grouped
 * by the columns its visibility depends on (practice, audience JSON, status for items, whether the reader
 * is the author, owner or a host), so a community with a million items answers with a few dozen groups.
 * One statement per part, seven in all.
 */
final class HealthReads {
    private HealthReads() {}

    static HealthFacts facts(JdbcTransaction tx, CommunityId community, MemberId reader, Instant from, Instant to,
            Instant now) {
        HealthFacts.check(community, reader, from, to, now);
        Db db = tx.db();
        Schema s = db.schema;
        String c = community.value();
        String me = reader.value();
        String active = MembershipState.ACTIVE.name();

        // members: the active memberships and newcomers from one index range, the levels other than
        // PERIPHERAL from the levels' index joined to the active memberships
        List<long[]> counts = db.query("SELECT COUNT(*) AS n, COUNT(CASE WHEN joined_at >= ? AND joined_at < ?"
                + " THEN 1 END) AS newcomers FROM " + s.t("memberships") + " WHERE community_id = ? AND state = ?",
                r -> new long[] {r.longValue("n"), r.longValue("newcomers")}, from, to, c, active);
        long activeMembers = counts.get(0)[0];
        Map<Level, Integer> byLevel = new EnumMap<>(Level.class);
        db.query("SELECT l.participation_level AS lvl, COUNT(*) AS n FROM " + s.t("participation_levels") + " l JOIN "
                + s.t("memberships") + " m ON m.community_id = l.community_id AND m.member_id = l.member_id"
                + " WHERE l.community_id = ? AND l.participation_level <> ? AND m.state = ?"
                + " GROUP BY l.participation_level", r -> {
                    byLevel.put(r.enumValue("lvl", Level.class), r.intValue("n"));
                    return null;
                }, c, Level.PERIPHERAL.name(), active);
        byLevel.put(Level.PERIPHERAL, (int) (activeMembers - byLevel.values().stream().mapToLong(Integer::longValue)
                .sum()));
        HealthFacts.Members members = new HealthFacts.Members(byLevel, (int) counts.get(0)[1]);

        // questions asked in the period, with their first answer before the period's end
        String firstAnswer = "SELECT MIN(p.created_at) FROM " + s.t("posts") + " p WHERE p.conversation_id = q.id"
                + " AND p.kind = ? AND p.created_at < ?";
        List<HealthFacts.AskedQuestion> asked = db.query("SELECT q.id, q.created_at, q.practice_id, "
                + text(s, "q.audience") + " AS aud, CASE WHEN q.author_id = ? THEN 1 ELSE 0 END AS mine, ("
                + firstAnswer + ") AS first_answer FROM " + s.t("conversations") + " q WHERE q.community_id = ?"
                + " AND q.kind = ? AND q.created_at >= ? AND q.created_at < ? ORDER BY q.id",
                r -> new HealthFacts.AskedQuestion(ConversationId.of(r.text("id")), r.instant("created_at"),
                        r.optInstant("first_answer"), group(r, false)),
                me, PostKind.ANSWER.name(), to, c, ConversationKind.QUESTION.name(), from, to);
        // the backlog: not closed, asked before the period's end, no answer before it
        Map<VisibilityGroup, Integer> unanswered = groups(db, "SELECT q.practice_id, " + text(s, "q.audience")
                + " AS aud, CASE WHEN q.author_id = ? THEN 1 ELSE 0 END AS mine FROM " + s.t("conversations") + " q"
                + " WHERE q.community_id = ? AND q.kind = ? AND q.status NOT IN (?, ?) AND q.created_at < ?"
                + " AND NOT EXISTS (SELECT 1 FROM " + s.t("posts") + " p WHERE p.conversation_id = q.id"
                + " AND p.kind = ? AND p.created_at < ?)", false, me, c, ConversationKind.QUESTION.name(),
                ConversationStatus.CLOSED.name(), ConversationStatus.CLOSED_DUPLICATE.name(), to,
                PostKind.ANSWER.name(), to);

        // items, grouped by practice, audience, status (unpublished or not) and whether the reader owns them
        String items = "SELECT practice_id, " + text(s, "audience") + " AS aud, status,"
                + " CASE WHEN owner_id = ? THEN 1 ELSE 0 END AS mine FROM " + s.t("knowledge_items");
        Map<VisibilityGroup, Integer> published = groups(db, items
                + " WHERE community_id = ? AND published_at >= ? AND published_at < ?", true, me, c, from, to);
        Map<VisibilityGroup, Integer> stale = groups(db, items + " WHERE community_id = ? AND status = ?"
                + " UNION ALL " + items + " WHERE community_id = ? AND status = ? AND review_by < ?", true,
                me, c, ItemStatus.NEEDS_REVIEW.name(), me, c, ItemStatus.PUBLISHED.name(), now);

        // sessions held in the period, with their confirmed GOING answers and check-ins
        List<HealthFacts.HeldSession> sessions = db.query("SELECT x.id, x.title, x.start_at, x.practice_id, "
                + text(s, "x.audience") + " AS aud, (SELECT COUNT(*) FROM " + s.t("session_hosts") + " h"
                + " WHERE h.session_id = x.id AND h.member_id = ?) AS mine, (SELECT COUNT(*) FROM " + s.t("rsvps")
                + " r WHERE r.session_id = x.id AND r.response = ? AND r.placement = ?) AS going,"
                + " (SELECT COUNT(*) FROM " + s.t("attendances") + " a WHERE a.session_id = x.id) AS checked_in"
                + " FROM " + s.t("sessions") + " x WHERE x.community_id = ? AND x.start_at >= ? AND x.start_at < ?"
                + " AND x.start_at < ? AND x.status <> ? ORDER BY x.start_at, x.id",
                r -> new HealthFacts.HeldSession(SessionId.of(r.text("id")), r.text("title"), r.instant("start_at"),
                        group(r, false), r.intValue("going"), r.intValue("checked_in")),
                me, RsvpResponse.GOING.name(), Placement.CONFIRMED.name(), c, from, to, now,
                SessionStatus.CANCELLED.name());

        // value stories recorded in the period, by cycle
        Map<ValueCycle, Map<VisibilityGroup, Integer>> stories = new EnumMap<>(ValueCycle.class);
        db.query("SELECT value_cycle, aud, mine, COUNT(*) AS n FROM (SELECT value_cycle, " + text(s, "audience")
                + " AS aud, CASE WHEN author_id = ? THEN 1 ELSE 0 END AS mine FROM " + s.t("value_stories")
                + " WHERE community_id = ? AND created_at >= ? AND created_at < ?) g GROUP BY value_cycle, aud, mine",
                r -> {
                    VisibilityGroup g = new VisibilityGroup(java.util.Optional.empty(), Json.audience(r.text("aud")),
                            false, r.intValue("mine") > 0);
                    stories.computeIfAbsent(r.enumValue("value_cycle", ValueCycle.class), k -> new LinkedHashMap<>())
                            .merge(g, r.intValue("n"), Integer::sum);
                    return null;
                }, me, c, from, to);
        return new HealthFacts(members, new HealthFacts.Questions(asked, unanswered),
                new HealthFacts.Items(published, stale), sessions, stories);
    }

    /** The audience column as groupable text: H2 does not compare CLOBs. */
    private static String text(Schema s, String column) {
        return s.dialect() == Dialect.H2 ? "CAST(" + column + " AS VARCHAR)" : column;
    }

    /** The visibility group of the current row: practice_id, aud, mine and, for items, status. */
    private static VisibilityGroup group(Row r, boolean byStatus) throws java.sql.SQLException {
        boolean unpublished = byStatus && r.enumValue("status", ItemStatus.class).unpublished();
        return new VisibilityGroup(r.optText("practice_id").map(PracticeId::of), Json.audience(r.text("aud")),
                unpublished, r.intValue("mine") > 0);
    }

    /**
     * Counts per visibility group of the rows of {@code rows} (columns practice_id, aud, mine and, for
     * items, status); groups that SQL tells apart but that are one visibility group (statuses) are added.
     */
    private static Map<VisibilityGroup, Integer> groups(Db db, String rows, boolean byStatus, Object... args) {
        String keys = byStatus ? "practice_id, aud, status, mine" : "practice_id, aud, mine";
        Map<VisibilityGroup, Integer> out = new LinkedHashMap<>();
        db.query("SELECT " + keys + ", COUNT(*) AS n FROM (" + rows + ") g GROUP BY " + keys, r -> {
            out.merge(group(r, byStatus), r.intValue("n"), Integer::sum);
            return null;
        }, args);
        return out;
    }
}
