package org.copkit.search;

import java.util.Optional;
import java.util.Set;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.internal.Checks;

/**
 * Find documents similar to a text, for "already answered?" and "related" lists. Only current
 * documents are returned: status {@code PUBLISHED} or {@code NEEDS_REVIEW} (knowledge items) or
 * {@code ANSWERED} (questions); never drafts, archived items, open or duplicate questions or discussions.
 *
 * @param text the draft's title and body, at most 20,000 characters
 * @param types only these types (empty: all)
 * @param exclude a document to leave out (the one being viewed), if any
 * @param limit how many at most, 1 to 50
 */
public record SimilarQuery(String text, Set<ObjectType> types, Optional<Ref> exclude, int limit) {
    /** Validates. */
    public SimilarQuery {
        text = Checks.text("similar.text", text, 20_000);
        types = Set.copyOf(types);
        Checks.present("similar.exclude", exclude);
        Checks.range("similar.limit", limit, 1, 50);
    }

    /** @return a query for the 5 most similar documents of any type */
    public static SimilarQuery of(String text) {
        return new SimilarQuery(text, Set.of(), Optional.empty(), 5);
    }
}
