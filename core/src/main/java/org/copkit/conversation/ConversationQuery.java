package org.copkit.conversation;

import java.util.Set;
import org.copkit.community.CommunityId;
import org.copkit.internal.Checks;

/**
 * Which conversations of a community to list.
 *
 * @param community the community
 * @param kinds only these kinds (empty: both)
 * @param statuses only these statuses (empty: all)
 */
public record ConversationQuery(CommunityId community, Set<ConversationKind> kinds,
        Set<ConversationStatus> statuses) {
    /** Validates and copies. */
    public ConversationQuery {
        Checks.present("query.community", community);
        kinds = Checks.set("query.kinds", kinds, ConversationKind.values().length);
        statuses = Checks.set("query.statuses", statuses, ConversationStatus.values().length);
    }

    /** @return every visible conversation of the community */
    public static ConversationQuery in(CommunityId community) {
        return new ConversationQuery(community, Set.of(), Set.of());
    }

    /** @return a copy limited to the given kinds */
    public ConversationQuery withKinds(ConversationKind... kinds) {
        return new ConversationQuery(community, Set.of(kinds), statuses);
    }

    /** @return a copy limited to the given statuses */
    public ConversationQuery withStatuses(ConversationStatus... statuses) {
        return new ConversationQuery(community, kinds, Set.of(statuses));
    }
}
