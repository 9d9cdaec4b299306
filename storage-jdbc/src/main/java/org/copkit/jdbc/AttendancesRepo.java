package org.copkit.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import org.copkit.ObjectType;
import org.copkit.member.MemberId;
import org.copkit.session.Attendance;
import org.copkit.session.SessionId;
import org.copkit.spi.Repositories;
import org.copkit.spi.SessionMemberKey;

/** Table {@code attendances}, keyed by session and member. */
final class AttendancesRepo extends VersionedRepo<SessionMemberKey, Attendance> implements Repositories.Attendances {
    AttendancesRepo(JdbcTransaction tx) {
        super(tx, ObjectType.ATTENDANCE, "attendances", "session_id", "member_id");
    }

    @Override
    SessionMemberKey key(Attendance a) {
        return new SessionMemberKey(a.session(), a.member());
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
    long version(Attendance a) {
        return a.version();
    }

    @Override
    LinkedHashMap<String, Object> columns(Attendance a) {
        LinkedHashMap<String, Object> c = new LinkedHashMap<>();
        c.put("checked_in_at", a.checkedInAt());
        c.put("checked_in_by", a.checkedInBy().value());
        return c;
    }

    @Override
    Db.Mapper<Attendance> mapper() {
        return r -> new Attendance(SessionId.of(r.text("session_id")), MemberId.of(r.text("member_id")),
                r.instant("checked_in_at"), MemberId.of(r.text("checked_in_by")), r.longValue("version"));
    }

    @Override
    public List<Attendance> listBySession(SessionId session) {
        return db.query("SELECT * FROM " + table + " WHERE session_id = ? ORDER BY checked_in_at, member_id", mapper(),
                session.value());
    }
}
