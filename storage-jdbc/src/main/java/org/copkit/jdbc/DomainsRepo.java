package org.copkit.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.domain.Domain;
import org.copkit.domain.DomainId;
import org.copkit.member.MemberId;
import org.copkit.spi.Repositories;

/** Table {@code domains}. */
final class DomainsRepo extends VersionedRepo<DomainId, Domain> implements Repositories.Domains {
    DomainsRepo(JdbcTransaction tx) {
        super(tx, ObjectType.DOMAIN, "domains", "id");
    }

    @Override
    DomainId key(Domain d) {
        return d.id();
    }

    @Override
    List<Object> keyValues(DomainId key) {
        return List.of(key.value());
    }

    @Override
    String refId(DomainId key) {
        return key.value();
    }

    @Override
    long version(Domain d) {
        return d.version();
    }

    @Override
    LinkedHashMap<String, Object> columns(Domain d) {
        LinkedHashMap<String, Object> c = new LinkedHashMap<>();
        c.put("name", d.name());
        c.put("description", d.description());
        c.put("created_by", d.createdBy().value());
        c.put("created_at", d.createdAt());
        return c;
    }

    @Override
    Db.Mapper<Domain> mapper() {
        return r -> new Domain(DomainId.of(r.text("id")), r.text("name"), r.text("description"),
                MemberId.of(r.text("created_by")), r.instant("created_at"), r.longValue("version"));
    }

    @Override
    public Page<Domain> list(PageRequest page) {
        return page(Where.all(), "id", d -> d.id().value(), page);
    }
}
