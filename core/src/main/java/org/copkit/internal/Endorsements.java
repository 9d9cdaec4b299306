package org.copkit.internal;

import java.util.List;
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
import org.copkit.access.AccessRequest;
import org.copkit.access.Action;
import org.copkit.access.Decision;
import org.copkit.activity.Verb;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
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
            // under the endorsee's lock: one current endorsement per endorser, endorsee and competency
            call.tx.lock(Ref.of(ObjectType.MEMBER, endorsee));
            Member target = Load.member(call.tx, endorsee);
            checkEndorse(call, target);
            if (endorsee.equals(call.actor.member())) {
                throw new InvalidInputException("endorsee " + endorsee + " is the actor: nobody endorses themself");
            }
            if (target.profile().competences().stream().map(Competence::competency).noneMatch(competency::equals)) {
                throw new InvalidInputException("competency " + competency + " is not among the declared competences of "
                        + endorsee);
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

    /**
     * Asks the access rules about the endorsee alone, then with each community in which the endorsee is
     * active (ordered by id), until one allows; throws the first denial otherwise.
     */
    private void checkEndorse(Call call, Member target) {
        AccessRequest base = AccessRequest.of(Action.ENDORSE_MEMBER).subject(target);
        Decision first = engine.accessRules.decide(call.actor, base);
        if (first.allowed()) {
            return;
        }
        List<CommunityId> shared = call.tx.memberships().listByMember(target.id()).stream()
                .filter(Membership::active).map(Membership::community).sorted(
                        java.util.Comparator.comparing(CommunityId::value)).toList();
        for (CommunityId id : shared) {
            Optional<Community> c = call.tx.communities().find(id);
            if (c.isPresent() && engine.accessRules.decide(call.actor, base.community(c.get())).allowed()) {
                return;
            }
        }
        throw new AccessDeniedException(first.reason());
    }

    @Override
    public Endorsement withdraw(EndorsementId id, long expectedVersion) {
        Checks.present("endorsement", id);
        return engine.write(actor, call -> {
            Endorsement current = load(call, id);
            call.check(AccessRequest.of(Action.WITHDRAW_ENDORSEMENT).subject(Load.member(call.tx, current.endorser())));
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
