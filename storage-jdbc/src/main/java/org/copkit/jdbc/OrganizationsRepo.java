package org.copkit.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.member.Organization;
import org.copkit.member.OrganizationId;
import org.copkit.spi.Repositories;

/** Table {@code organizations}. */
final class OrganizationsRepo extends VersionedRepo<OrganizationId, Organization> implements Repositories.Organizations {
    OrganizationsRepo(JdbcTransaction tx) {
        super(tx, ObjectType.ORGANIZATION, "organizations", "id");
    }

    @Override
    OrganizationId key(Organization o) {
        return o.id();
    }

    @Override
    List<Object> keyValues(OrganizationId key) {
        return List.of(key.value());
    }

    @Override
    String refId(OrganizationId key) {
        return key.value();
    }

    @Override
    long version(Organization o) {
        return o.version();
    }

    @Override
    LinkedHashMap<String, Object> columns(Organization o) {
        LinkedHashMap<String, Object> c = new LinkedHashMap<>();
        c.put("name", o.name());
        c.put("description", o.description());
        c.put("registered_at", o.registeredAt());
        return c;
    }

    @Override
    Db.Mapper<Organization> mapper() {
        return r -> new Organization(OrganizationId.of(r.text("id")), r.text("name"), r.text("description"),
                r.instant("registered_at"), r.longValue("version"));
    }

    @Override
    public Page<Organization> list(PageRequest page) {
        return page(Where.all(), "id", o -> o.id().value(), page);
    }
}
