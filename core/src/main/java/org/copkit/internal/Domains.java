package org.copkit.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.copkit.InvalidInputException;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.access.AccessRequest;
import org.copkit.access.Action;
import org.copkit.access.Visibility;
import org.copkit.activity.Verb;
import org.copkit.domain.Competency;
import org.copkit.domain.CompetencyDraft;
import org.copkit.domain.CompetencyId;
import org.copkit.domain.Domain;
import org.copkit.domain.DomainId;
import org.copkit.domain.DomainService;
import org.copkit.member.MemberId;

final class Domains implements DomainService {
    private final Engine engine;
    private final MemberId actor;

    Domains(Engine engine, MemberId actor) {
        this.engine = engine;
        this.actor = actor;
    }

    @Override
    public Domain create(String name, String description) {
        return engine.write(actor, call -> {
            call.check(AccessRequest.of(Action.CREATE_DOMAIN));
            Domain d = call.tx.domains().insert(
                    new Domain(DomainId.of(call.newId()), name, description, call.actor.member(), call.now, 1));
            call.record(Verb.CREATED, Ref.of(ObjectType.DOMAIN, d.id()), Optional.empty(), Visibility.platform());
            return d;
        });
    }

    @Override
    public Domain update(DomainId id, long expectedVersion, String name, String description) {
        return engine.write(actor, call -> {
            Domain current = Load.domain(call.tx, id);
            call.check(AccessRequest.of(Action.EDIT_DOMAIN).domain(current));
            Domain d = call.tx.domains().update(new Domain(id, name, description, current.createdBy(),
                    current.createdAt(), expectedVersion + 1));
            call.record(Verb.UPDATED, Ref.of(ObjectType.DOMAIN, id), Optional.empty(), Visibility.platform());
            return d;
        });
    }

    @Override
    public Domain get(DomainId id) {
        return engine.read(actor, call -> Load.domain(call.tx, id));
    }

    @Override
    public Page<Domain> list(PageRequest page) {
        return engine.read(actor, call -> call.tx.domains().list(page));
    }

    @Override
    public Competency addCompetency(DomainId domain, CompetencyDraft draft) {
        Checks.present("competency", draft);
        return engine.write(actor, call -> {
            Domain d = Load.domain(call.tx, domain);
            call.check(AccessRequest.of(Action.EDIT_DOMAIN).domain(d));
            draft.parent().ifPresent(p -> {
                Competency parent = call.tx.competencies().find(p).orElseThrow(() -> new InvalidInputException(
                        "competency.parent names competency " + p + ", which does not exist"));
                if (!parent.domain().equals(domain)) {
                    throw new InvalidInputException("competency.parent " + p + " belongs to domain "
                            + parent.domain() + ", not to " + domain);
                }
            });
            CompetencyId id = draft.id().orElseGet(() -> CompetencyId.of(call.newId()));
            Competency c = call.tx.competencies().insert(
                    new Competency(id, domain, draft.parent(), draft.labels(), draft.externalUri(), 1));
            call.record(Verb.CREATED, Ref.of(ObjectType.COMPETENCY, id), Optional.of(Ref.of(ObjectType.DOMAIN, domain)),
                    Optional.empty(), Visibility.platform(), Map.of());
            return c;
        });
    }

    @Override
    public Competency updateCompetency(CompetencyId id, long expectedVersion, Map<Locale, String> labels,
            Optional<URI> externalUri) {
        return engine.write(actor, call -> {
            Competency current = Load.competency(call.tx, id);
            call.check(AccessRequest.of(Action.EDIT_DOMAIN).domain(Load.domain(call.tx, current.domain())));
            Competency c = call.tx.competencies().update(new Competency(id, current.domain(), current.parent(), labels,
                    externalUri, expectedVersion + 1));
            call.record(Verb.UPDATED, Ref.of(ObjectType.COMPETENCY, id), Optional.empty(), Visibility.platform());
            return c;
        });
    }

    @Override
    public Competency competency(CompetencyId id) {
        return engine.read(actor, call -> Load.competency(call.tx, id));
    }

    @Override
    public Page<Competency> competencies(DomainId domain, PageRequest page) {
        return engine.read(actor, call -> {
            Load.domain(call.tx, domain);
            return call.tx.competencies().listByDomain(domain, page);
        });
    }
}
