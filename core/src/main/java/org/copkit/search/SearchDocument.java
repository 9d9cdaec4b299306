package org.copkit.search;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.access.Visibility;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.internal.Checks;

/**
 * What CoPKit hands a {@link org.copkit.spi.SearchIndex} for one searchable object. The index stores
 * it, matches queries against {@link #title()}, {@link #body()} and {@link #tags()}, and must only
 * return it to readers whose scope admits {@link #visibility()}.
 *
 * @param ref the object
 * @param title title, one line
 * @param body plain or markdown text
 * @param tags tags, lower case
 * @param language language of title and body
 * @param status the object's status, as a name (for example {@code PUBLISHED}); used by the status filter
 * @param practice the practice, if any (the community is in the visibility)
 * @param visibility who may read it
 * @param updatedAt last change, for recency sorting and date filters
 * @param profile for a member's profile document, what the expert and peer finders need
 * @param contribution for a document that counts as a member's contribution, who gets credit for it
 */
public record SearchDocument(Ref ref, String title, String body, Set<String> tags, Locale language, String status,
        Optional<PracticeId> practice, Visibility visibility, Instant updatedAt, Optional<ProfileFacts> profile,
        Optional<ContributionFacts> contribution) {
    /** Validates and copies. */
    public SearchDocument {
        Checks.present("document.ref", ref);
        Checks.present("document.title", title);
        Checks.present("document.body", body);
        tags = Set.copyOf(tags);
        Checks.present("document.language", language);
        Checks.present("document.status", status);
        Checks.present("document.practice", practice);
        Checks.present("document.visibility", visibility);
        Checks.present("document.updatedAt", updatedAt);
        Checks.present("document.profile", profile);
        Checks.present("document.contribution", contribution);
    }

    /**
     * A document without profile or contribution facts.
     *
     * @param ref the object
     * @param title title, one line
     * @param body plain or markdown text
     * @param tags tags, lower case
     * @param language language of title and body
     * @param status the object's status, as a name
     * @param practice the practice, if any
     * @param visibility who may read it
     * @param updatedAt last change
     */
    public SearchDocument(Ref ref, String title, String body, Set<String> tags, Locale language, String status,
            Optional<PracticeId> practice, Visibility visibility, Instant updatedAt) {
        this(ref, title, body, tags, language, status, practice, visibility, updatedAt, Optional.empty(),
                Optional.empty());
    }

    /** @return a copy carrying the given profile facts */
    public SearchDocument withProfile(ProfileFacts facts) {
        return new SearchDocument(ref, title, body, tags, language, status, practice, visibility, updatedAt,
                Optional.of(facts), contribution);
    }

    /** @return a copy carrying the given contribution facts */
    public SearchDocument withContribution(ContributionFacts facts) {
        return new SearchDocument(ref, title, body, tags, language, status, practice, visibility, updatedAt, profile,
                Optional.of(facts));
    }

    /** @return the object type */
    public ObjectType type() {
        return ref.type();
    }

    /** @return the community, if the object belongs to one */
    public Optional<CommunityId> community() {
        return visibility.community();
    }
}
