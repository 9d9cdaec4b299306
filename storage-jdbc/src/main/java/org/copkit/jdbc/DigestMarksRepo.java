package org.copkit.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import org.copkit.ObjectType;
import org.copkit.digest.DigestMark;
import org.copkit.member.MemberId;
import org.copkit.spi.Repositories;
import org.copkit.subscription.NotificationFrequency;

/** Table {@code digest_marks} (the outbox columns since V5), keyed by member; change-feed entries under the member id. */
final class DigestMarksRepo extends VersionedRepo<MemberId, DigestMark> implements Repositories.DigestMarks {
    DigestMarksRepo(JdbcTransaction tx) {
        super(tx, ObjectType.DIGEST_MARK, "digest_marks", "member_id");
    }

    @Override
    MemberId key(DigestMark m) {
        return m.member();
    }

    @Override
    List<Object> keyValues(MemberId key) {
        return List.of(key.value());
    }

    @Override
    String refId(MemberId key) {
        return key.value();
    }

    @Override
    long version(DigestMark m) {
        return m.version();
    }

    @Override
    LinkedHashMap<String, Object> columns(DigestMark m) {
        LinkedHashMap<String, Object> c = new LinkedHashMap<>();
        c.put("frequency", m.frequency());
        c.put("sent_up_to", m.sentUpTo());
        c.put("pending_from", Db.timestamp(m.pendingFrom()));
        c.put("lease_until", Db.timestamp(m.leaseUntil()));
        return c;
    }

    @Override
    Db.Mapper<DigestMark> mapper() {
        return r -> new DigestMark(MemberId.of(r.text("member_id")),
                r.enumValue("frequency", NotificationFrequency.class), r.instant("sent_up_to"), r.optInstant("pending_from"),
                r.optInstant("lease_until"), r.longValue("version"));
    }
}
