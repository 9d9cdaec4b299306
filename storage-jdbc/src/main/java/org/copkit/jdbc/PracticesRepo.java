package org.copkit.jdbc;

import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import org.copkit.ObjectType;
import org.copkit.community.CommunityId;
import org.copkit.community.Practice;
import org.copkit.community.PracticeId;
import org.copkit.member.MemberId;
import org.copkit.spi.Repositories;

/**
 * Table {@code practices}, stewards as a JSON array, plus the lookup table {@code practice_stewards}
 * that serves "practices stewarded by".
 */
final class PracticesRepo extends VersionedRepo<PracticeId, Practice> implements Repositories.Practices {
    private final String stewards;

    PracticesRepo(JdbcTransaction tx) {
        super(tx, ObjectType.PRACTICE, "practices", "id");
        this.stewards = db.schema.t("practice_stewards");
    }

    @Override
    PracticeId key(Practice p) {
        return p.id();
    }

    @Override
    List<Object> keyValues(PracticeId key) {
        return List.of(key.value());
    }

    @Override
    String refId(PracticeId key) {
        return key.value();
    }

    @Override
    long version(Practice p) {
        return p.version();
    }

    @Override
    LinkedHashMap<String, Object> columns(Practice p) {
        LinkedHashMap<String, Object> c = new LinkedHashMap<>();
        c.put("community_id", p.community().value());
        c.put("name", p.name());
        c.put("description", p.description());
        c.put("stewards", Json.idSet(p.stewards()));
        c.put("review_interval", Db.text(p.reviewInterval()));
        c.put("required_approvals", p.requiredApprovals());
        c.put("created_at", p.createdAt());
        return c;
    }

    @Override
    void written(Practice p, boolean inserted) {
        if (!inserted) {
            db.later("practice_stewards", "DELETE FROM " + stewards + " WHERE practice_id = ?", null, Db.ANY_ROWS,
                    p.id().value());
        }
        for (MemberId steward : p.stewards()) {
            db.later("practice_stewards", "INSERT INTO " + stewards + " (member_id, practice_id) VALUES (?, ?)", null,
                    Db.ANY_ROWS, steward.value(), p.id().value());
        }
    }

    @Override
    Db.Mapper<Practice> mapper() {
        return r -> new Practice(PracticeId.of(r.text("id")), CommunityId.of(r.text("community_id")), r.text("name"),
                r.text("description"), Json.idSet(r.text("stewards"), MemberId::of),
                r.optText("review_interval").map(Period::parse), r.intValue("required_approvals"),
                r.instant("created_at"), r.longValue("version"));
    }

    @Override
    public List<Practice> listByCommunity(CommunityId community) {
        return db.query("SELECT * FROM " + table + " WHERE community_id = ? ORDER BY id", mapper(), community.value());
    }

    @Override
    public List<Practice> listStewardedBy(MemberId member) {
        return db.query("SELECT p.* FROM " + stewards + " s JOIN " + table + " p ON p.id = s.practice_id"
                + " WHERE s.member_id = ? ORDER BY p.id", mapper(), member.value());
    }
}
