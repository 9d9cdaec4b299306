package org.copkit.knowledge;

import java.util.Optional;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.internal.Checks;

/**
 * What a member supplies to create a knowledge item.
 *
 * @param community where it belongs; the author must be an active member
 * @param practice the practice inside that community, if any
 * @param kind what kind of knowledge
 * @param content the first revision's content
 * @param audience who may read it once published; empty takes the community's default (with the
 *     author's organisation for the organisation levels)
 * @param provenance where it came from
 */
public record ItemDraft(CommunityId community, Optional<PracticeId> practice, ItemKind kind, ItemContent content,
        Optional<Audience> audience, Provenance provenance) {
    /** Validates. */
    public ItemDraft {
        Checks.present("draft.community", community);
        Checks.present("draft.practice", practice);
        Checks.present("draft.kind", kind);
        Checks.present("draft.content", content);
        Checks.present("draft.audience", audience);
        Checks.present("draft.provenance", provenance);
    }

    /**
     * @param community where it belongs
     * @param kind what kind
     * @param content the content
     * @return a draft with the community's default audience, no practice, authored provenance
     */
    public static ItemDraft of(CommunityId community, ItemKind kind, ItemContent content) {
        return new ItemDraft(community, Optional.empty(), kind, content, Optional.empty(), Provenance.authored());
    }

    /** @return a copy in the given practice */
    public ItemDraft inPractice(PracticeId practice) {
        return new ItemDraft(community, Optional.of(practice), kind, content, audience, provenance);
    }

    /** @return a copy with the given audience */
    public ItemDraft withAudience(Audience audience) {
        return new ItemDraft(community, practice, kind, content, Optional.of(audience), provenance);
    }

    /** @return a copy with the given provenance */
    public ItemDraft withProvenance(Provenance provenance) {
        return new ItemDraft(community, practice, kind, content, audience, provenance);
    }
}
