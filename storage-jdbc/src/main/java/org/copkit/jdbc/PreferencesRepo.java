package org.copkit.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import org.copkit.ObjectType;
import org.copkit.member.MemberId;
import org.copkit.spi.Repositories;
import org.copkit.subscription.NotificationFrequency;
import org.copkit.subscription.NotificationPreference;

/** Table {@code notification_preferences}, keyed by member. */
final class PreferencesRepo extends VersionedRepo<MemberId, NotificationPreference>
        implements Repositories.NotificationPreferences {
    PreferencesRepo(JdbcTransaction tx) {
        super(tx, ObjectType.NOTIFICATION_PREFERENCE, "notification_preferences", "member_id");
    }

    @Override
    MemberId key(NotificationPreference p) {
        return p.member();
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
    long version(NotificationPreference p) {
        return p.version();
    }

    @Override
    LinkedHashMap<String, Object> columns(NotificationPreference p) {
        LinkedHashMap<String, Object> c = new LinkedHashMap<>();
        c.put("frequency", p.frequency());
        c.put("updated_at", p.updatedAt());
        return c;
    }

    @Override
    Db.Mapper<NotificationPreference> mapper() {
        return r -> new NotificationPreference(MemberId.of(r.text("member_id")),
                r.enumValue("frequency", NotificationFrequency.class), r.instant("updated_at"), r.longValue("version"));
    }
}
