package org.copkit.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.community.CommunityId;
import org.copkit.member.MemberId;
import org.copkit.participation.Level;
import org.copkit.participation.ParticipationLevel;
import org.copkit.spi.MembershipKey;
import org.copkit.spi.Repositories;

/** Table {@code participation_levels}, keyed by community and member like memberships. */
final class ParticipationLevelsRepo extends VersionedRepo<MembershipKey, ParticipationLevel>
        implements Repositories.ParticipationLevels {
    ParticipationLevelsRepo(JdbcTransaction tx) {
        super(tx, ObjectType.PARTICIPATION_LEVEL, "participation_levels", "community_id", "member_id");
    }

    @Override
    MembershipKey key(ParticipationLevel l) {
        return new MembershipKey(l.community(), l.member());
    }

    @Override
    List<Object> keyValues(MembershipKey key) {
        return List.of(key.community().value(), key.member().value());
    }

    @Override
    String refId(MembershipKey key) {
        return key.toString();
    }

    @Override
    long version(ParticipationLevel l) {
        return l.version();
    }

    @Override
    LinkedHashMap<String, Object> columns(ParticipationLevel l) {
        LinkedHashMap<String, Object> c = new LinkedHashMap<>();
        c.put("participation_level", l.level());
        c.put("since", l.since());
        return c;
    }

    @Override
    Db.Mapper<ParticipationLevel> mapper() {
        return r -> new ParticipationLevel(CommunityId.of(r.text("community_id")), MemberId.of(r.text("member_id")),
                r.enumValue("participation_level", Level.class), r.instant("since"), r.longValue("version"));
    }

    @Override
    public Page<ParticipationLevel> listByCommunity(CommunityId community, PageRequest page) {
        return page(Where.eq("community_id", community.value()), "member_id", l -> l.member().value(), page);
    }
}
