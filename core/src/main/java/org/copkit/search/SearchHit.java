package org.copkit.search;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.copkit.Ref;
import org.copkit.community.CommunityId;

/**
 * One search result.
 *
 * @param ref the matching object
 * @param title its title (plain text: escape it when writing HTML)
 * @param snippet an excerpt with matches wrapped in {@code <mark>}; everything else HTML-escaped, so
 *     it is safe to put in a page as is
 * @param community its community, if any
 * @param language its language
 * @param status its status name
 * @param updatedAt its last change
 * @param score relevance; higher is better; only comparable within one result
 */
public record SearchHit(Ref ref, String title, String snippet, Optional<CommunityId> community, Locale language,
        String status, Instant updatedAt, double score) {
}
