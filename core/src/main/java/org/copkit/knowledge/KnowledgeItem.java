package org.copkit.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.copkit.access.Audience;
import org.copkit.access.Visibility;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * A piece of a community's repertoire, with its current content. Earlier content is kept as
 * {@link Revision}s.
 *
 * @param id generated id
 * @param community the community it belongs to
 * @param practice the practice inside the community, if any
 * @param kind what kind of knowledge
 * @param content current title, body, tags, competencies and language
 * @param audience who may read it once published
 * @param status life-cycle status
 * @param owner the author who created it
 * @param revision the number of the revision that holds {@link #content()}
 * @param approvals approvals collected in the current review round
 * @param reviewBy when a published item should be reviewed again
 * @param publishedAt when it was first published
 * @param supersededBy the successor, for SUPERSEDED items
 * @param provenance where it came from
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param version optimistic version
 */
public record KnowledgeItem(KnowledgeItemId id, CommunityId community, Optional<PracticeId> practice, ItemKind kind,
        ItemContent content, Audience audience, ItemStatus status, MemberId owner, int revision,
        List<Approval> approvals, Optional<Instant> reviewBy, Optional<Instant> publishedAt,
        Optional<KnowledgeItemId> supersededBy, Provenance provenance, Instant createdAt, Instant updatedAt,
        long version) {
    /** Validates and copies. */
    public KnowledgeItem {
        Checks.present("item.id", id);
        Checks.present("item.community", community);
        Checks.present("item.practice", practice);
        Checks.present("item.kind", kind);
        Checks.present("item.content", content);
        Checks.present("item.audience", audience);
        Checks.present("item.status", status);
        Checks.present("item.owner", owner);
        Checks.range("item.revision", revision, 1, Integer.MAX_VALUE);
        approvals = Checks.list("item.approvals", approvals, 100);
        Checks.present("item.reviewBy", reviewBy);
        Checks.present("item.publishedAt", publishedAt);
        Checks.present("item.supersededBy", supersededBy);
        Checks.present("item.provenance", provenance);
        Checks.present("item.createdAt", createdAt);
        Checks.present("item.updatedAt", updatedAt);
        Checks.nonNegative("item.version", version);
    }

    /** @return the facts that decide who may read this item */
    public Visibility visibility() {
        return new Visibility(Optional.of(community), practice, audience, status.unpublished(), Set.of(owner));
    }

    /** @return the title of the current content */
    public String title() {
        return content.title();
    }
}
