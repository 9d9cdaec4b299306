package org.copkit.spi;

import java.util.Optional;
import java.util.Set;
import org.copkit.access.Audience;
import org.copkit.access.Visibility;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.internal.Checks;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;

/**
 * What a digest needs of a knowledge item's current state: who may see it, its status and title, without
 * its body, approvals and provenance ({@link Repositories.KnowledgeItems#findHeads}).
 *
 * @param id the item
 * @param community its community
 * @param practice its practice, if any
 * @param status its status
 * @param owner its owner
 * @param title its current title
 * @param audience who may read it once published
 */
public record ItemHead(KnowledgeItemId id, CommunityId community, Optional<PracticeId> practice, ItemStatus status,
        MemberId owner, String title, Audience audience) {
    /** Validates. */
    public ItemHead {
        Checks.present("head.id", id);
        Checks.present("head.community", community);
        Checks.present("head.practice", practice);
        Checks.present("head.status", status);
        Checks.present("head.owner", owner);
        Checks.present("head.title", title);
        Checks.present("head.audience", audience);
    }

    /**
     * @param i a stored item
     * @return its head
     */
    public static ItemHead of(KnowledgeItem i) {
        return new ItemHead(i.id(), i.community(), i.practice(), i.status(), i.owner(), i.title(), i.audience());
    }

    /** @return the facts that decide who may read the item, as {@link KnowledgeItem#visibility()} gives them */
    public Visibility visibility() {
        return new Visibility(Optional.of(community), practice, audience, status.unpublished(), Set.of(owner));
    }
}
