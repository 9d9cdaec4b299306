package org.copkit.spi;

import java.util.Optional;
import java.util.Set;
import org.copkit.access.Audience;
import org.copkit.access.Visibility;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationId;
import org.copkit.conversation.ConversationKind;
import org.copkit.conversation.ConversationStatus;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * What a digest needs of a conversation's current state: who may see it, its kind, status and title,
 * without its body ({@link Repositories.Conversations#findHeads}). Built by backends only; {@link #of}
 * makes one from a stored conversation.
 *
 * @param id the conversation
 * @param community its community
 * @param practice its practice, if any
 * @param kind question or discussion
 * @param status its status
 * @param author who started it
 * @param title its current title
 * @param audience who may read it
 */
public record ConversationHead(ConversationId id, CommunityId community, Optional<PracticeId> practice,
        ConversationKind kind, ConversationStatus status, MemberId author, String title, Audience audience) {
    /** Validates. */
    public ConversationHead {
        Checks.present("head.id", id);
        Checks.present("head.community", community);
        Checks.present("head.practice", practice);
        Checks.present("head.kind", kind);
        Checks.present("head.status", status);
        Checks.present("head.author", author);
        Checks.present("head.title", title);
        Checks.present("head.audience", audience);
    }

    /**
     * @param c a stored conversation
     * @return its head
     */
    public static ConversationHead of(Conversation c) {
        return new ConversationHead(c.id(), c.community(), c.practice(), c.kind(), c.status(), c.author(), c.title(),
                c.audience());
    }

    /** @return the facts that decide who may read it, as {@link Conversation#visibility()} gives them */
    public Visibility visibility() {
        return new Visibility(Optional.of(community), practice, audience, false, Set.of(author));
    }
}
