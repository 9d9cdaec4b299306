package org.copkit.jdbc;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.domain.Competency;
import org.copkit.domain.CompetencyId;
import org.copkit.domain.DomainId;
import org.copkit.spi.Repositories;

/** Table {@code competencies}: labels as a JSON object of language tag to label. */
final class CompetenciesRepo extends VersionedRepo<CompetencyId, Competency> implements Repositories.Competencies {
    CompetenciesRepo(JdbcTransaction tx) {
        super(tx, ObjectType.COMPETENCY, "competencies", "id");
    }

    @Override
    CompetencyId key(Competency c) {
        return c.id();
    }

    @Override
    List<Object> keyValues(CompetencyId key) {
        return List.of(key.value());
    }

    @Override
    String refId(CompetencyId key) {
        return key.value();
    }

    @Override
    long version(Competency c) {
        return c.version();
    }

    @Override
    LinkedHashMap<String, Object> columns(Competency c) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("domain_id", c.domain().value());
        m.put("parent_id", Db.text(c.parent()));
        m.put("labels", Json.labels(c.labels()));
        m.put("external_uri", Db.text(c.externalUri()));
        return m;
    }

    @Override
    Db.Mapper<Competency> mapper() {
        return r -> new Competency(CompetencyId.of(r.text("id")), DomainId.of(r.text("domain_id")),
                r.optText("parent_id").map(CompetencyId::of), Json.labels(r.text("labels")),
                r.optText("external_uri").map(URI::create), r.longValue("version"));
    }

    @Override
    public Page<Competency> listByDomain(DomainId domain, PageRequest page) {
        return page(Where.eq("domain_id", domain.value()), "id", c -> c.id().value(), page);
    }
}
