package org.copkit.internal;

import java.util.Optional;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.access.AccessRequest;
import org.copkit.access.Action;
import org.copkit.access.Visibility;
import org.copkit.activity.Verb;
import org.copkit.member.Organization;
import org.copkit.member.OrganizationId;
import org.copkit.member.OrganizationService;

final class Organizations implements OrganizationService {
    private final Engine engine;
    private final org.copkit.member.MemberId actor;

    Organizations(Engine engine, org.copkit.member.MemberId actor) {
        this.engine = engine;
        this.actor = actor;
    }

    @Override
    public Organization register(OrganizationId id, String name, String description) {
        Checks.present("organization.id", id);
        if (id.value().startsWith("copkit:")) {
            throw new org.copkit.InvalidInputException("organization ids starting with 'copkit:' are reserved: " + id);
        }
        return engine.write(actor, call -> {
            call.check(AccessRequest.of(Action.REGISTER_ORGANIZATION));
            Organization o = call.tx.organizations().insert(new Organization(id, name, description, call.now, 1));
            call.record(Verb.REGISTERED, Ref.of(ObjectType.ORGANIZATION, id), Optional.empty(), Visibility.platform());
            return o;
        });
    }

    @Override
    public Organization update(OrganizationId id, long expectedVersion, String name, String description) {
        return engine.write(actor, call -> {
            Organization current = Load.organization(call.tx, id);
            call.check(AccessRequest.of(Action.UPDATE_ORGANIZATION));
            Organization o = call.tx.organizations().update(
                    new Organization(id, name, description, current.registeredAt(), expectedVersion + 1));
            call.record(Verb.UPDATED, Ref.of(ObjectType.ORGANIZATION, id), Optional.empty(), Visibility.platform());
            return o;
        });
    }

    @Override
    public Organization get(OrganizationId id) {
        return engine.read(actor, call -> Load.organization(call.tx, id));
    }

    @Override
    public Page<Organization> list(PageRequest page) {
        return engine.read(actor, call -> call.tx.organizations().list(page));
    }
}
