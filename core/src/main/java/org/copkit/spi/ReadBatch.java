package org.copkit.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.copkit.Ref;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.member.MemberId;
import org.copkit.subscription.Subscription;

/**
 * Reads a service call knows it needs before it starts, asked of a backend together
 * ({@link Transaction#readBatch}) so that a database can answer them in one round trip instead of one
 * each: the acting member with its roles, communities by id, and the active subscriptions to targets
 * (the followers a call's notifications go to). Each part is optional; an empty batch reads nothing.
 * Immutable.
 *
 * <pre>{@code
 * ReadBatch.Result r = tx.readBatch(ReadBatch.member(actor).withCommunity(community)
 *         .withFollowersOf(List.of(Ref.of(ObjectType.COMMUNITY, community))));
 * }</pre>
 *
 * @param member the member to read with its roles (as {@link Transaction#memberAndRoles}); empty: none
 * @param communities the communities to read by id (as {@code communities().find}), without duplicates
 * @param followed the targets whose active subscriptions to read (as {@code subscriptions().listByTargets}),
 *     without duplicates, in the order given
 */
public record ReadBatch(Optional<MemberId> member, List<CommunityId> communities, List<Ref> followed) {
    /** Checks for nulls; copies the lists and drops duplicates (the first occurrence keeps its place). */
    public ReadBatch {
        Objects.requireNonNull(member, "member");
        communities = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(communities, "communities")));
        followed = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(followed, "followed")));
    }

    /** @return a batch that reads nothing */
    public static ReadBatch none() {
        return new ReadBatch(Optional.empty(), List.of(), List.of());
    }

    /**
     * @param member the member to read with its roles, not null
     * @return a batch that reads the member and its roles
     */
    public static ReadBatch member(MemberId member) {
        return new ReadBatch(Optional.of(Objects.requireNonNull(member, "member")), List.of(), List.of());
    }

    /**
     * @param community a community to read as well, not null
     * @return a copy that also reads the community
     */
    public ReadBatch withCommunity(CommunityId community) {
        List<CommunityId> all = new ArrayList<>(communities);
        all.add(Objects.requireNonNull(community, "community"));
        return new ReadBatch(member, all, followed);
    }

    /**
     * @param targets targets whose active subscriptions to read as well, not null
     * @return a copy that also reads the subscriptions to these targets
     */
    public ReadBatch withFollowersOf(Collection<Ref> targets) {
        List<Ref> all = new ArrayList<>(followed);
        all.addAll(Objects.requireNonNull(targets, "targets"));
        return new ReadBatch(member, communities, all);
    }

    /**
     * What a {@link ReadBatch} read, as of the transaction it ran in.
     *
     * @param member the member and its roles; empty when none was asked for or the member is not registered
     * @param communities the communities asked for that exist, by id (an absent key: no such community)
     * @param subscriptions the active subscriptions to the batch's {@link ReadBatch#followed() targets}, as
     *     {@code subscriptions().listByTargets} returns them: grouped by target in the order of the batch,
     *     each group ordered by member id
     */
    public record Result(Optional<MemberAndRoles> member, Map<CommunityId, Community> communities,
            List<Subscription> subscriptions) {
        /** Checks for nulls and copies the collections. */
        public Result {
            Objects.requireNonNull(member, "member");
            communities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(
                    Objects.requireNonNull(communities, "communities")));
            subscriptions = List.copyOf(Objects.requireNonNull(subscriptions, "subscriptions"));
        }
    }
}
