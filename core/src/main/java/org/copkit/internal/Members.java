package org.copkit.internal;

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
import org.copkit.member.Competence;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.MemberService;
import org.copkit.member.OrganizationId;
import org.copkit.spi.Transaction;

final class Members implements MemberService {
    private final Engine engine;
    private final MemberId actor;

    Members(Engine engine, MemberId actor) {
        this.engine = engine;
        this.actor = actor;
    }

    @Override
    public Member register(MemberId id, MemberProfile profile) {
        Checks.present("member.id", id);
        Checks.present("member.profile", profile);
        if (id.value().startsWith("copkit:")) {
            throw new InvalidInputException("member ids starting with 'copkit:' are reserved: " + id);
        }
        return engine.write(actor, call -> {
            call.check(AccessRequest.of(Action.REGISTER_MEMBER));
            validate(call.tx, profile);
            Member m = call.tx.members().insert(new Member(id, profile, call.now, 1));
            call.record(Verb.REGISTERED, Ref.of(ObjectType.MEMBER, id), Optional.empty(), Visibility.platform());
            return m;
        });
    }

    @Override
    public Member updateProfile(MemberId id, long expectedVersion, MemberProfile profile) {
        Checks.present("member.profile", profile);
        return engine.write(actor, call -> {
            Member current = Load.member(call.tx, id);
            call.check(AccessRequest.of(Action.UPDATE_MEMBER).subject(current));
            validate(call.tx, profile);
            Member m = call.tx.members().update(new Member(id, profile, current.registeredAt(), expectedVersion + 1));
            call.record(Verb.UPDATED, Ref.of(ObjectType.MEMBER, id), Optional.empty(), Visibility.platform());
            return m;
        });
    }

    private static void validate(Transaction tx, MemberProfile profile) {
        Load.requireOrganization(tx, "member.organization", profile.organization());
        Load.requireCompetencies(tx, "member.competences",
                profile.competences().stream().map(Competence::competency).toList());
        Load.requireCompetencies(tx, "member.ambitions", profile.ambitions());
    }

    @Override
    public Member get(MemberId id) {
        return engine.read(actor, call -> Load.member(call.tx, id));
    }

    @Override
    public Page<Member> list(PageRequest page) {
        return engine.read(actor, call -> call.tx.members().list(page));
    }

    @Override
    public Page<Member> listByOrganization(OrganizationId organization, PageRequest page) {
        return engine.read(actor, call -> call.tx.members().listByOrganization(organization, page));
    }
}
