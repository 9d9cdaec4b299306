package org.copkit.domain;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.copkit.internal.Checks;

/**
 * A competency to add to a framework.
 *
 * @param id the id to use (for example derived from an ESCO code); empty to generate one
 * @param parent the broader competency in the same domain
 * @param labels the name per language
 * @param externalUri an external concept such as an ESCO skill URI
 */
public record CompetencyDraft(Optional<CompetencyId> id, Optional<CompetencyId> parent, Map<Locale, String> labels,
        Optional<URI> externalUri) {
    /** Validates. */
    public CompetencyDraft {
        Checks.present("competency.id", id);
        Checks.present("competency.parent", parent);
        Checks.present("competency.labels", labels);
        labels = Map.copyOf(labels);
        Checks.present("competency.externalUri", externalUri);
    }

    /**
     * @param labels the name per language
     * @return a top-level competency with a generated id
     */
    public static CompetencyDraft of(Map<Locale, String> labels) {
        return new CompetencyDraft(Optional.empty(), Optional.empty(), labels, Optional.empty());
    }

    /** @return a copy with a chosen id */
    public CompetencyDraft withId(CompetencyId id) {
        return new CompetencyDraft(Optional.of(id), parent, labels, externalUri);
    }

    /** @return a copy under a broader competency */
    public CompetencyDraft under(CompetencyId parent) {
        return new CompetencyDraft(id, Optional.of(parent), labels, externalUri);
    }

    /** @return a copy mapped to an external concept */
    public CompetencyDraft mappedTo(URI uri) {
        return new CompetencyDraft(id, parent, labels, Optional.of(uri));
    }
}
