package org.copkit.internal;

import java.util.Map;
import java.util.Optional;
import org.copkit.AccessDeniedException;
import org.copkit.ConflictException;
import org.copkit.InvalidInputException;
import org.copkit.NotFoundException;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.access.Visibility;
import org.copkit.activity.Verb;
import org.copkit.community.Membership;
import org.copkit.domain.CompetencyId;
import org.copkit.member.Competence;
import org.copkit.member.Endorsement;
import org.copkit.member.EndorsementId;
import org.copkit.member.EndorsementService;
import org.copkit.member.Member;
import org.copkit.member.MemberId;

final class Endorsements implements EndorsementService {
    private final Engine engine;
    private final MemberId actor;

    Endorsements(Engine engine, MemberId actor) {
        this.engine = engine;
        this.actor = actor;
    }

    @Override
    public Endorsement endorse(MemberId endorsee, CompetencyId competency) {
        Checks.present("endorsee", endorsee);
        Checks.present("competency", competency);
        return engine.write(actor, call -> {
            if (call.actor.system()) {
                throw new AccessDeniedException("the system actor cannot endorse; endorse as a member");
            }
            Member target = Load.member(call.tx, endorsee);
            if (endorsee.equals(call.actor.member())) {
                throw new InvalidInputException("endorsee " + endorsee + " is the actor: nobody endorses themself");
            }
            if (target.profile().competences().stream().map(Competence::competency).noneMatch(competency::equals)) {
                throw new InvalidInputException("competency " + competency + " is not among the declared competences of "
                        + endorsee);
            }
            if (!related(call, target)) {
                throw new AccessDeniedException(call.actor.member() + " may endorse only members of the same "
                        + "organisation or of a community in which both are active; " + endorsee + " is neither");
            }
            Optional<Endorsement> existing = call.tx.endorsements().find(endorsee, competency, call.actor.member());
            if (existing.isPresent() && existing.get().current()) {
                throw new ConflictException(call.actor.member() + " already endorses competency " + competency + " of "
                        + endorsee);
            }
            Endorsement e = existing.isPresent()
                    ? call.tx.endorsements().update(new Endorsement(existing.get().id(), endorsee, competency,
                            call.actor.member(), call.now, Optional.empty(), existing.get().version() + 1))
                    : call.tx.endorsements().insert(new Endorsement(EndorsementId.of(call.newId()), endorsee,
                            competency, call.actor.member(), call.now, Optional.empty(), 1));
            record(call, Verb.ENDORSED, e);
            return e;
        });
    }

    /** Same organisation, or both active in at least one community. */
    private static boolean related(Call call, Member target) {
        if (target.organization().equals(call.actor.organization())) {
            return true;
        }
        return call.tx.memberships().listByMember(target.id()).stream().filter(Membership::active)
                .anyMatch(m -> call.actor.isActiveIn(m.community()));
    }

    @Override
    public Endorsement withdraw(EndorsementId id, long expectedVersion) {
        Checks.present("endorsement", id);
        return engine.write(actor, call -> {
            Endorsement current = load(call, id);
            if (!call.actor.system() && !current.endorser().equals(call.actor.member())) {
                throw new AccessDeniedException("only the endorser " + current.endorser()
                        + " may withdraw endorsement " + id);
            }
            if (!current.current()) {
                throw new ConflictException("endorsement " + id + " is already withdrawn");
            }
            if (current.version() != expectedVersion) {
                throw new ConflictException("endorsement " + id + " was changed concurrently: it is at version "
                        + current.version() + ", the change expected " + expectedVersion);
            }
            Endorsement e = call.tx.endorsements().update(new Endorsement(id, current.endorsee(),
                    current.competency(), current.endorser(), current.endorsedAt(), Optional.of(call.now),
                    expectedVersion + 1));
            record(call, Verb.WITHDRAWN, e);
            return e;
        });
    }

    @Override
    public Endorsement get(EndorsementId id) {
        return engine.read(actor, call -> load(call, id));
    }

    @Override
    public Page<Endorsement> endorsementsOf(MemberId endorsee, PageRequest page) {
        Checks.present("page", page);
        return engine.read(actor, call -> {
            Load.member(call.tx, endorsee);
            return Paging.filtered(page, p -> call.tx.endorsements().listByEndorsee(endorsee, p), Endorsement::current,
                    e -> e.id().value());
        });
    }

    private static Endorsement load(Call call, EndorsementId id) {
        return call.tx.endorsements().find(Checks.present("endorsement", id))
                .orElseThrow(() -> new NotFoundException("endorsement " + id + " does not exist"));
    }

    private static void record(Call call, Verb verb, Endorsement e) {
        call.record(verb, Ref.of(ObjectType.ENDORSEMENT, e.id()), Optional.of(Ref.of(ObjectType.MEMBER, e.endorsee())),
                Optional.empty(), Visibility.platform(), Map.of("competency", e.competency().value()));
    }
}
