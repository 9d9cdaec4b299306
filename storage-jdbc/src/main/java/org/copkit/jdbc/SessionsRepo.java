package org.copkit.jdbc;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.copkit.InvalidInputException;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;
import org.copkit.session.Capacity;
import org.copkit.session.Session;
import org.copkit.session.SessionFormat;
import org.copkit.session.SessionId;
import org.copkit.session.SessionKind;
import org.copkit.session.SessionStatus;
import org.copkit.spi.Repositories;

/**
 * Table {@code sessions}: start and end as instants, seats as nullable integers, hosts, outcomes and
 * questions as JSON arrays, plus the lookup table {@code session_hosts} that serves "sessions by host".
 * Listings by start are keyset-paged on (start_at, id) with the cursor {@code start|id}.
 */
final class SessionsRepo extends VersionedRepo<SessionId, Session> implements Repositories.Sessions {
    private final String hosts;

    SessionsRepo(JdbcTransaction tx) {
        super(tx, ObjectType.SESSION, "sessions", "id");
        this.hosts = db.schema.t("session_hosts");
    }

    @Override
    SessionId key(Session s) {
        return s.id();
    }

    @Override
    List<Object> keyValues(SessionId key) {
        return List.of(key.value());
    }

    @Override
    String refId(SessionId key) {
        return key.value();
    }

    @Override
    long version(Session s) {
        return s.version();
    }

    @Override
    LinkedHashMap<String, Object> columns(Session s) {
        LinkedHashMap<String, Object> c = new LinkedHashMap<>();
        c.put("community_id", s.community().value());
        c.put("practice_id", Db.text(s.practice()));
        c.put("kind", s.kind());
        c.put("session_format", s.format());
        c.put("title", s.title());
        c.put("agenda", s.agenda());
        c.put("start_at", s.start());
        c.put("end_at", s.end());
        c.put("zone_id", s.zone().getId());
        c.put("place", Db.text(s.place()));
        c.put("join_link", Db.text(s.joinLink()));
        c.put("in_person_seats", Db.integer(s.capacity().inPersonSeats()));
        c.put("online_seats", Db.integer(s.capacity().onlineSeats()));
        c.put("hosts", Json.idSet(s.hosts()));
        c.put("audience", Json.audience(s.audience()));
        c.put("status", s.status());
        c.put("sequence_no", s.sequence());
        c.put("series", Db.text(s.series()));
        c.put("notes", s.notes());
        c.put("outcomes", Json.idSet(s.outcomes()));
        c.put("questions", Json.textSet(s.questions()));
        c.put("created_at", s.createdAt());
        c.put("updated_at", s.updatedAt());
        return c;
    }

    @Override
    void written(Session s, boolean inserted) {
        if (!inserted) {
            db.later("session_hosts", "DELETE FROM " + hosts + " WHERE session_id = ?", null, Db.ANY_ROWS,
                    s.id().value());
        }
        for (MemberId host : s.hosts()) {
            db.later("session_hosts", "INSERT INTO " + hosts + " (member_id, session_id) VALUES (?, ?)", null,
                    Db.ANY_ROWS, host.value(), s.id().value());
        }
    }

    @Override
    Db.Mapper<Session> mapper() {
        return r -> new Session(SessionId.of(r.text("id")), CommunityId.of(r.text("community_id")),
                r.optText("practice_id").map(PracticeId::of), r.enumValue("kind", SessionKind.class),
                r.enumValue("session_format", SessionFormat.class), r.text("title"), r.text("agenda"),
                r.instant("start_at"), r.instant("end_at"), ZoneId.of(r.text("zone_id")), r.optText("place"),
                r.optText("join_link").map(URI::create),
                new Capacity(r.optInt("in_person_seats"), r.optInt("online_seats")),
                Json.idSet(r.text("hosts"), MemberId::of), Json.audience(r.text("audience")),
                r.enumValue("status", SessionStatus.class), r.intValue("sequence_no"), r.optText("series"),
                r.text("notes"), Json.idSet(r.text("outcomes"), KnowledgeItemId::of), Json.textSet(r.text("questions")),
                r.instant("created_at"), r.instant("updated_at"), r.longValue("version"));
    }

    @Override
    public Page<Session> listByCommunity(CommunityId community, boolean descending, PageRequest page) {
        List<Object> args = new ArrayList<>(List.of(community.value()));
        String where = "community_id = ?";
        if (page.after().isPresent()) {
            String cursor = page.after().get();
            int bar = cursor.indexOf('|');
            Instant start;
            try {
                start = Instant.parse(cursor.substring(0, Math.max(bar, 0)));
            } catch (DateTimeParseException e) {
                String shown = cursor.length() <= 40 ? cursor : cursor.substring(0, 37) + "...";
                throw new InvalidInputException("after must be a session cursor returned by a previous page, was '"
                        + shown + "'");
            }
            String op = descending ? "<" : ">";
            where += " AND (start_at " + op + " ? OR (start_at = ? AND id " + op + " ?))";
            args.add(start);
            args.add(start);
            args.add(cursor.substring(bar + 1));
        }
        String dir = descending ? " DESC" : "";
        return Paging.page(db.query("SELECT * FROM " + table + " WHERE " + where + " ORDER BY start_at" + dir + ", id"
                + dir + " LIMIT " + (page.limit() + 1), mapper(), args.toArray()),
                s -> s.start() + "|" + s.id().value(), page);
    }

    @Override
    public List<Session> listByHost(MemberId host) {
        return db.query("SELECT s.* FROM " + hosts + " h JOIN " + table + " s ON s.id = h.session_id"
                + " WHERE h.member_id = ? ORDER BY s.start_at, s.id", mapper(), host.value());
    }

    @Override
    public Page<Session> list(PageRequest page) {
        return page(Where.all(), "id", s -> s.id().value(), page);
    }
}
