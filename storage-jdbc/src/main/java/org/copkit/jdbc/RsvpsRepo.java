package org.copkit.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import org.copkit.ObjectType;
import org.copkit.member.MemberId;
import org.copkit.session.AttendanceMode;
import org.copkit.session.Placement;
import org.copkit.session.Rsvp;
import org.copkit.session.RsvpResponse;
import org.copkit.session.SessionId;
import org.copkit.spi.Repositories;
import org.copkit.spi.SessionMemberKey;

/** Table {@code rsvps}, keyed by session and member; placement is NULL unless the answer is GOING. */
final class RsvpsRepo extends VersionedRepo<SessionMemberKey, Rsvp> implements Repositories.Rsvps {
    RsvpsRepo(JdbcTransaction tx) {
        super(tx, ObjectType.RSVP, "rsvps", "session_id", "member_id");
    }

    @Override
    SessionMemberKey key(Rsvp r) {
        return new SessionMemberKey(r.session(), r.member());
    }

    @Override
    List<Object> keyValues(SessionMemberKey key) {
        return List.of(key.session().value(), key.member().value());
    }

    @Override
    String refId(SessionMemberKey key) {
        return key.toString();
    }

    @Override
    long version(Rsvp r) {
        return r.version();
    }

    @Override
    LinkedHashMap<String, Object> columns(Rsvp r) {
        LinkedHashMap<String, Object> c = new LinkedHashMap<>();
        c.put("response", r.response());
        c.put("attendance_mode", r.mode());
        c.put("placement", Db.text(r.placement().map(Enum::name)));
        c.put("responded_at", r.respondedAt());
        c.put("arrival", r.arrival());
        return c;
    }

    @Override
    Db.Mapper<Rsvp> mapper() {
        return r -> new Rsvp(SessionId.of(r.text("session_id")), MemberId.of(r.text("member_id")),
                r.enumValue("response", RsvpResponse.class), r.enumValue("attendance_mode", AttendanceMode.class),
                r.optEnum("placement", Placement.class), r.instant("responded_at"), r.longValue("arrival"),
                r.longValue("version"));
    }

    @Override
    public List<Rsvp> listBySession(SessionId session) {
        return db.query("SELECT * FROM " + table + " WHERE session_id = ? ORDER BY arrival, member_id", mapper(),
                session.value());
    }

    @Override
    public List<Rsvp> listByMember(MemberId member) {
        return db.query("SELECT * FROM " + table + " WHERE member_id = ? ORDER BY session_id", mapper(),
                member.value());
    }
}
