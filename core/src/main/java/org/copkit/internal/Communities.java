package org.copkit.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.copkit.AccessDeniedException;
import org.copkit.ConflictException;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.access.AccessRequest;
import org.copkit.access.Action;
import org.copkit.access.Audience;
import org.copkit.access.Decision;
import org.copkit.access.Visibility;
import org.copkit.activity.Verb;
import org.copkit.community.Community;
import org.copkit.community.CommunityDraft;
import org.copkit.community.CommunityId;
import org.copkit.community.CommunityService;
import org.copkit.community.Membership;
import org.copkit.community.MembershipRules.JoinDecision;
import org.copkit.community.MembershipState;
import org.copkit.community.Role;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;
import org.copkit.spi.MembershipKey;

final class Communities implements CommunityService {
    private final Engine engine;
    private final MemberId actor;

    Communities(Engine engine, MemberId actor) {
        this.engine = engine;
        this.actor = actor;
    }

    @Override
    public Community create(CommunityDraft draft) {
        Checks.present("community", draft);
        return engine.write(actor, call -> {
            call.check(AccessRequest.of(Action.CREATE_COMMUNITY));
            validate(call, draft);
            Community c = call.tx.communities().insert(new Community(CommunityId.of(call.newId()), draft.domain(),
                    draft.name(), draft.purpose(), draft.policy(), draft.organizations(), draft.defaultAudience(),
                    draft.stage(), call.actor.member(), call.now, 1));
            call.record(Verb.CREATED, Ref.of(ObjectType.COMMUNITY, c.id()), Optional.of(c.id()), Visibility.platform());
            if (!call.actor.system()) {
                Membership m = call.tx.memberships().insert(new Membership(c.id(), call.actor.member(),
                        Role.COORDINATOR, MembershipState.ACTIVE, call.now, Optional.of(call.now), Optional.empty(), 1));
                recordMembership(call, Verb.JOINED, m);
            }
            return c;
        });
    }

    private static void validate(Call call, CommunityDraft draft) {
        if (call.tx.domains().find(draft.domain()).isEmpty()) {
            throw new org.copkit.InvalidInputException(
                    "community.domain names domain " + draft.domain() + ", which does not exist");
        }
        for (OrganizationId o : draft.organizations()) {
            Load.requireOrganization(call.tx, "community.organizations", o);
        }
    }

    @Override
    public Community update(CommunityId id, long expectedVersion, CommunityDraft draft) {
        Checks.present("community", draft);
        return engine.write(actor, call -> {
            Community current = Load.community(call.tx, id);
            call.check(AccessRequest.of(Action.EDIT_COMMUNITY).community(current));
            validate(call, draft);
            Community c = call.tx.communities().update(new Community(id, draft.domain(), draft.name(), draft.purpose(),
                    draft.policy(), draft.organizations(), draft.defaultAudience(), draft.stage(), current.createdBy(),
                    current.createdAt(), expectedVersion + 1));
            call.record(Verb.UPDATED, Ref.of(ObjectType.COMMUNITY, id), Optional.of(id), Visibility.platform());
            return c;
        });
    }

    @Override
    public Community get(CommunityId id) {
        return engine.read(actor, call -> Load.community(call.tx, id));
    }

    @Override
    public Page<Community> list(PageRequest page) {
        return engine.read(actor, call -> call.tx.communities().list(page));
    }

    @Override
    public Membership join(CommunityId community) {
        return engine.write(actor, call -> {
            Community c = locked(call, community);
            Member me = Load.member(call.tx, call.actor.member());
            Optional<Membership> current = call.tx.memberships().find(key(community, me.id()));
            JoinDecision d = engine.membershipRules.join(c, me, current);
            if (!d.decision().allowed()) {
                throw new AccessDeniedException(d.decision().reason());
            }
            MembershipState state = d.state();
            Optional<java.time.Instant> joinedAt = state == MembershipState.ACTIVE ? Optional.of(call.now)
                    : current.flatMap(Membership::joinedAt);
            Membership m = store(call, current, new Membership(community, me.id(), Role.MEMBER, state, call.now,
                    joinedAt, current.flatMap(Membership::invitedBy), next(current)));
            recordMembership(call, state == MembershipState.ACTIVE ? Verb.JOINED : Verb.REQUESTED, m);
            return m;
        });
    }

    @Override
    public Membership approve(CommunityId community, MemberId member) {
        return decide(community, member, true, "");
    }

    @Override
    public Membership refuse(CommunityId community, MemberId member, String reason) {
        return decide(community, member, false, Checks.text("reason", reason, 1_000));
    }

    private Membership decide(CommunityId community, MemberId member, boolean approve, String reason) {
        return engine.write(actor, call -> {
            Community c = locked(call, community);
            call.check(AccessRequest.of(Action.MANAGE_MEMBERS).community(c).subject(Load.member(call.tx, member)));
            Membership current = call.tx.memberships().find(key(community, member))
                    .filter(m -> m.state() == MembershipState.PENDING)
                    .orElseThrow(() -> new ConflictException(member + " has no pending request to join '" + c.name()
                            + "'"));
            Membership m = call.tx.memberships().update(new Membership(community, member, current.role(),
                    approve ? MembershipState.ACTIVE : MembershipState.LEFT, call.now,
                    approve ? Optional.of(call.now) : current.joinedAt(), current.invitedBy(), current.version() + 1));
            recordMembership(call, approve ? Verb.APPROVED : Verb.REJECTED, m,
                    reason.isEmpty() ? Map.of() : Map.of("reason", reason));
            return m;
        });
    }

    @Override
    public Membership invite(CommunityId community, MemberId member) {
        return engine.write(actor, call -> {
            Community c = locked(call, community);
            Member invitee = Load.member(call.tx, member);
            call.check(AccessRequest.of(Action.MANAGE_MEMBERS).community(c).subject(invitee));
            Optional<Membership> current = call.tx.memberships().find(key(community, member));
            Decision d = engine.membershipRules.invite(c, invitee, current);
            if (!d.allowed()) {
                throw new AccessDeniedException(d.reason());
            }
            Membership m = store(call, current, new Membership(community, member,
                    current.map(Membership::role).orElse(Role.MEMBER), MembershipState.INVITED, call.now,
                    current.flatMap(Membership::joinedAt), Optional.of(call.actor.member()), next(current)));
            recordMembership(call, Verb.INVITED, m);
            return m;
        });
    }

    @Override
    public Membership decline(CommunityId community) {
        return engine.write(actor, call -> {
            Community c = locked(call, community);
            Membership current = call.tx.memberships().find(key(community, call.actor.member()))
                    .filter(m -> m.state() == MembershipState.INVITED)
                    .orElseThrow(() -> new ConflictException(call.actor.member() + " has no invitation to '"
                            + c.name() + "'"));
            Membership m = call.tx.memberships().update(withState(current, MembershipState.LEFT, call));
            recordMembership(call, Verb.DECLINED, m);
            return m;
        });
    }

    @Override
    public Membership leave(CommunityId community) {
        return engine.write(actor, call -> {
            Community c = locked(call, community);
            Membership current = call.tx.memberships().find(key(community, call.actor.member()))
                    .filter(m -> m.state() != MembershipState.LEFT)
                    .orElseThrow(() -> new ConflictException(call.actor.member() + " is not a member of '"
                            + c.name() + "'"));
            if (current.active() && current.role() == Role.COORDINATOR && coordinators(call, community) == 1) {
                throw new ConflictException(call.actor.member() + " is the last coordinator of '" + c.name()
                        + "' and cannot leave; make another member coordinator first");
            }
            Membership m = call.tx.memberships().update(withState(current, MembershipState.LEFT, call));
            recordMembership(call, Verb.LEFT, m);
            return m;
        });
    }

    @Override
    public Membership changeRole(CommunityId community, MemberId member, Role role) {
        Checks.present("role", role);
        return engine.write(actor, call -> {
            Community c = locked(call, community);
            call.check(AccessRequest.of(Action.MANAGE_MEMBERS).community(c).subject(Load.member(call.tx, member)));
            Membership current = call.tx.memberships().find(key(community, member)).filter(Membership::active)
                    .orElseThrow(() -> new ConflictException(member + " is not an active member of '" + c.name()
                            + "'"));
            if (current.role() == Role.COORDINATOR && role != Role.COORDINATOR && coordinators(call, community) == 1) {
                throw new ConflictException(member + " is the last coordinator of '" + c.name()
                        + "'; make another member coordinator first");
            }
            Membership m = call.tx.memberships().update(new Membership(community, member, role, current.state(),
                    current.since(), current.joinedAt(), current.invitedBy(), current.version() + 1));
            recordMembership(call, Verb.ROLE_CHANGED, m, Map.of("from", current.role().name(), "to", role.name()));
            return m;
        });
    }

    @Override
    public Optional<Membership> membership(CommunityId community, MemberId member) {
        return engine.read(actor, call -> {
            Load.community(call.tx, community);
            return call.tx.memberships().find(key(community, member)).filter(m -> canSee(call, m));
        });
    }

    private static boolean canSee(Call call, Membership m) {
        if (call.actor.system() || m.member().equals(call.actor.member())) {
            return true;
        }
        return m.active() ? call.actor.isActiveIn(m.community()) : call.actor.coordinates(m.community());
    }

    @Override
    public Page<Membership> memberships(CommunityId community, Set<MembershipState> states, PageRequest page) {
        Set<MembershipState> wanted = Checks.present("states", states).isEmpty() ? Set.of(MembershipState.ACTIVE)
                : EnumSet.copyOf(states);
        return engine.read(actor, call -> {
            Community c = Load.community(call.tx, community);
            boolean onlyActive = wanted.equals(Set.of(MembershipState.ACTIVE));
            boolean allowed = call.actor.system() || call.actor.coordinates(community)
                    || (onlyActive && call.actor.isActiveIn(community));
            if (!allowed) {
                throw new AccessDeniedException(onlyActive
                        ? "only active members of '" + c.name() + "' may list its members"
                        : "only coordinators of '" + c.name() + "' may list requests, invitations and former members");
            }
            return call.tx.memberships().listByCommunity(community, wanted, page);
        });
    }

    @Override
    public List<Membership> mine() {
        return engine.read(actor, call -> call.tx.memberships().listByMember(call.actor.member()));
    }

    /**
     * The community, read once its lock is held. Every change of a membership runs under its community's
     * lock: one membership per member and community, and the last active coordinator can neither leave
     * nor be demoted.
     */
    private static Community locked(Call call, CommunityId id) {
        call.lockCommunity(Checks.present("community", id));
        return Load.community(call.tx, id);
    }

    private static MembershipKey key(CommunityId c, MemberId m) {
        return new MembershipKey(c, m);
    }

    private static long next(Optional<Membership> current) {
        return current.map(m -> m.version() + 1).orElse(1L);
    }

    private static Membership store(Call call, Optional<Membership> current, Membership next) {
        return current.isPresent() ? call.tx.memberships().update(next) : call.tx.memberships().insert(next);
    }

    private static Membership withState(Membership m, MembershipState state, Call call) {
        return new Membership(m.community(), m.member(), m.role(), state, call.now, m.joinedAt(), m.invitedBy(),
                m.version() + 1);
    }

    private static long coordinators(Call call, CommunityId community) {
        return StoreReads.stream(p -> call.tx.memberships().listByCommunity(community,
                Set.of(MembershipState.ACTIVE), p)).filter(m -> m.role() == Role.COORDINATOR).count();
    }

    private static void recordMembership(Call call, Verb verb, Membership m) {
        recordMembership(call, verb, m, Map.of());
    }

    private static void recordMembership(Call call, Verb verb, Membership m, Map<String, String> details) {
        Visibility v = new Visibility(Optional.of(m.community()), Optional.empty(), Audience.community(), false,
                Set.of(m.member()));
        java.util.HashMap<String, String> d = new java.util.HashMap<>(details);
        d.put("state", m.state().name());
        d.put("role", m.role().name());
        call.record(verb, new Ref(ObjectType.MEMBERSHIP, key(m.community(), m.member()).toString()),
                Optional.of(Ref.of(ObjectType.MEMBER, m.member())), Optional.of(m.community()), v, d);
    }
}
