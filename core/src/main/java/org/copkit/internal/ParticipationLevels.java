package org.copkit.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.copkit.NotFoundException;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.access.AccessRequest;
import org.copkit.access.Action;
import org.copkit.access.Audience;
import org.copkit.access.Visibility;
import org.copkit.activity.Verb;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.MembershipState;
import org.copkit.member.MemberId;
import org.copkit.participation.Level;
import org.copkit.participation.ParticipationLevel;
import org.copkit.participation.ParticipationService;
import org.copkit.spi.MembershipKey;

final class ParticipationLevels implements ParticipationService {
    private final Engine engine;
    private final MemberId actor;

    ParticipationLevels(Engine engine, MemberId actor) {
        this.engine = engine;
        this.actor = actor;
    }

    @Override
    public ParticipationLevel level(CommunityId community, MemberId member) {
        Checks.present("member", member);
        return engine.read(actor, call -> {
            Load.community(call.tx, community);
            boolean allowed = call.actor.system() || member.equals(call.actor.member())
                    || call.actor.isActiveIn(community);
            Optional<Membership> m = call.tx.memberships().find(new MembershipKey(community, member))
                    .filter(Membership::active);
            if (!allowed || m.isEmpty()) {
                throw new NotFoundException(member + " is not an active member of community " + community);
            }
            return current(call, m.get());
        });
    }

    @Override
    public Page<ParticipationLevel> members(CommunityId community, Level level, PageRequest page) {
        Checks.present("level", level);
        Checks.present("page", page);
        return engine.read(actor, call -> {
            Community c = Load.community(call.tx, community);
            call.check(AccessRequest.of(Action.LIST_PARTICIPATION).community(c));
            Page<Membership> found = Paging.filtered(page, p -> call.tx.memberships().listByCommunity(community,
                    Set.of(MembershipState.ACTIVE), p), m -> current(call, m).level() == level,
                    m -> m.member().value());
            return new Page<>(found.items().stream().map(m -> current(call, m)).toList(), found.next());
        });
    }

    @Override
    public List<ParticipationLevel> recompute(CommunityId community) {
        return engine.write(actor, call -> {
            Community c = Load.community(call.tx, community);
            call.check(AccessRequest.of(Action.RECOMPUTE_PARTICIPATION).community(c));
            return recompute(call, c);
        });
    }

    /** The stored level of an active membership, or PERIPHERAL since joining when none is stored. */
    private static ParticipationLevel current(Call call, Membership m) {
        return call.tx.participationLevels().find(new MembershipKey(m.community(), m.member()))
                .orElseGet(() -> new ParticipationLevel(m.community(), m.member(), Level.PERIPHERAL,
                        m.joinedAt().orElse(m.since()), 0));
    }

    /**
     * Recomputes every active member's level in the community inside the call's transaction; for the
     * service and for maintenance runs, which check access themselves.
     *
     * @return the changed levels, ordered by member id
     */
    static List<ParticipationLevel> recompute(Call call, Community c) {
        // under the community's lock: two recomputations at once store each level change once
        call.tx.lock(Ref.of(ObjectType.COMMUNITY, c.id()));
        java.time.Instant from = call.engine.participationRules.windowStart(call.now);
        Map<MemberId, Map<Verb, Long>> counts = new HashMap<>();
        StoreReads.stream(p -> call.tx.activities().listSince(c.id(), from, p)).filter(a -> !a.at().isAfter(call.now))
                .forEach(a -> counts.computeIfAbsent(a.actor(), k -> new EnumMap<>(Verb.class))
                        .merge(a.verb(), 1L, Long::sum));
        List<ParticipationLevel> changed = new ArrayList<>();
        for (Membership m : StoreReads.all(p -> call.tx.memberships().listByCommunity(c.id(),
                Set.of(MembershipState.ACTIVE), p))) {
            Level level = call.engine.participationRules.level(counts.getOrDefault(m.member(), Map.of()));
            MembershipKey key = new MembershipKey(c.id(), m.member());
            Optional<ParticipationLevel> stored = call.tx.participationLevels().find(key);
            Level before = stored.map(ParticipationLevel::level).orElse(Level.PERIPHERAL);
            if (level == before) {
                continue;
            }
            ParticipationLevel next = new ParticipationLevel(c.id(), m.member(), level, call.now,
                    stored.map(s -> s.version() + 1).orElse(1L));
            changed.add(stored.isPresent() ? call.tx.participationLevels().update(next)
                    : call.tx.participationLevels().insert(next));
            call.record(Verb.LEVEL_CHANGED, new Ref(ObjectType.PARTICIPATION_LEVEL, key.toString()),
                    Optional.of(Ref.of(ObjectType.MEMBER, m.member())), Optional.of(c.id()),
                    new Visibility(Optional.of(c.id()), Optional.empty(), Audience.community(), false,
                            Set.of(m.member())),
                    Map.of("from", before.name(), "to", level.name()));
        }
        return changed;
    }
}
