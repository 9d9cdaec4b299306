package org.copkit.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.copkit.ConflictException;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.domain.CompetencyId;
import org.copkit.member.Endorsement;
import org.copkit.member.EndorsementId;
import org.copkit.member.MemberId;
import org.copkit.spi.Repositories;

/**
 * Table {@code endorsements}; the unique constraint {@code endorsements_once} keeps one endorsement
 * per endorsee, competency and endorser, also under concurrent inserts.
 */
final class EndorsementsRepo extends VersionedRepo<EndorsementId, Endorsement> implements Repositories.Endorsements {
    EndorsementsRepo(JdbcTransaction tx) {
        super(tx, ObjectType.ENDORSEMENT, "endorsements", "id");
    }

    @Override
    EndorsementId key(Endorsement e) {
        return e.id();
    }

    @Override
    List<Object> keyValues(EndorsementId key) {
        return List.of(key.value());
    }

    @Override
    String refId(EndorsementId key) {
        return key.value();
    }

    @Override
    long version(Endorsement e) {
        return e.version();
    }

    @Override
    LinkedHashMap<String, Object> columns(Endorsement e) {
        LinkedHashMap<String, Object> c = new LinkedHashMap<>();
        c.put("endorsee_id", e.endorsee().value());
        c.put("competency_id", e.competency().value());
        c.put("endorser_id", e.endorser().value());
        c.put("endorsed_at", e.endorsedAt());
        c.put("withdrawn_at", Db.timestamp(e.withdrawnAt()));
        return c;
    }

    @Override
    Db.Mapper<Endorsement> mapper() {
        return r -> new Endorsement(EndorsementId.of(r.text("id")), MemberId.of(r.text("endorsee_id")),
                CompetencyId.of(r.text("competency_id")), MemberId.of(r.text("endorser_id")), r.instant("endorsed_at"),
                r.optInstant("withdrawn_at"), r.longValue("version"));
    }

    @Override
    public Endorsement insert(Endorsement e) {
        tx.checkWritable();
        if (find(e.endorsee(), e.competency(), e.endorser()).isPresent()) {
            throw new ConflictException(e.endorser() + " already endorsed competency " + e.competency() + " of "
                    + e.endorsee());
        }
        return super.insert(e);
    }

    @Override
    public Optional<Endorsement> find(MemberId endorsee, CompetencyId competency, MemberId endorser) {
        return db.one("SELECT * FROM " + table + " WHERE endorsee_id = ? AND competency_id = ? AND endorser_id = ?",
                mapper(), endorsee.value(), competency.value(), endorser.value());
    }

    @Override
    public Page<Endorsement> listByEndorsee(MemberId endorsee, PageRequest page) {
        return page(Where.eq("endorsee_id", endorsee.value()), "id", e -> e.id().value(), page);
    }
}
