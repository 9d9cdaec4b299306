package org.copkit.internal;

import java.util.List;
import java.util.Optional;
import org.copkit.InvalidInputException;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.access.AccessRequest;
import org.copkit.access.Action;
import org.copkit.access.Visibility;
import org.copkit.activity.Verb;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.community.Practice;
import org.copkit.community.PracticeDraft;
import org.copkit.community.PracticeId;
import org.copkit.community.PracticeService;
import org.copkit.member.MemberId;
import org.copkit.spi.MembershipKey;

final class Practices implements PracticeService {
    private final Engine engine;
    private final MemberId actor;

    Practices(Engine engine, MemberId actor) {
        this.engine = engine;
        this.actor = actor;
    }

    @Override
    public Practice create(CommunityId community, PracticeDraft draft) {
        Checks.present("practice", draft);
        return engine.write(actor, call -> {
            Community c = Load.community(call.tx, community);
            call.check(AccessRequest.of(Action.CREATE_PRACTICE).community(c));
            requireActiveStewards(call, c, draft);
            Practice p = call.tx.practices().insert(new Practice(PracticeId.of(call.newId()), community, draft.name(),
                    draft.description(), draft.stewards(), draft.reviewInterval(), draft.requiredApprovals(), call.now,
                    1));
            call.record(Verb.CREATED, Ref.of(ObjectType.PRACTICE, p.id()), Optional.of(community),
                    Visibility.platform());
            return p;
        });
    }

    @Override
    public Practice update(PracticeId id, long expectedVersion, PracticeDraft draft) {
        Checks.present("practice", draft);
        return engine.write(actor, call -> {
            Practice current = Load.practice(call.tx, id);
            Community c = Load.community(call.tx, current.community());
            call.check(AccessRequest.of(Action.EDIT_PRACTICE).community(c).practice(Optional.of(current)));
            requireActiveStewards(call, c, draft);
            Practice p = call.tx.practices().update(new Practice(id, current.community(), draft.name(),
                    draft.description(), draft.stewards(), draft.reviewInterval(), draft.requiredApprovals(),
                    current.createdAt(), expectedVersion + 1));
            call.record(Verb.UPDATED, Ref.of(ObjectType.PRACTICE, id), Optional.of(c.id()), Visibility.platform());
            return p;
        });
    }

    private static void requireActiveStewards(Call call, Community c, PracticeDraft draft) {
        for (MemberId steward : draft.stewards()) {
            boolean active = call.tx.memberships().find(new MembershipKey(c.id(), steward))
                    .map(m -> m.active()).orElse(false);
            if (!active) {
                throw new InvalidInputException("practice.stewards names " + steward
                        + ", who is not an active member of '" + c.name() + "'");
            }
        }
    }

    @Override
    public Practice get(PracticeId id) {
        return engine.read(actor, call -> Load.practice(call.tx, id));
    }

    @Override
    public List<Practice> list(CommunityId community) {
        return engine.read(actor, call -> {
            Load.community(call.tx, community);
            return call.tx.practices().listByCommunity(community);
        });
    }
}
