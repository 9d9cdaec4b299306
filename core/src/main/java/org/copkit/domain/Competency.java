package org.copkit.domain;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.copkit.InvalidInputException;
import org.copkit.internal.Checks;

/**
 * One competency in a domain's framework. Competencies form a hierarchy through {@link #parent()}
 * and may point to an external concept such as an ESCO skill URI.
 *
 * @param id unique id
 * @param domain the domain whose framework holds it
 * @param parent the broader competency in the same domain, if any
 * @param labels the name per language, at least one, each 1 to 200 characters
 * @param externalUri an external concept (for example {@code http://data.europa.eu/esco/skill/...})
 * @param version optimistic version
 */
public record Competency(CompetencyId id, DomainId domain, Optional<CompetencyId> parent,
        Map<Locale, String> labels, Optional<URI> externalUri, long version) {
    /** Validates and copies. */
    public Competency {
        Checks.present("competency.id", id);
        Checks.present("competency.domain", domain);
        Checks.present("competency.parent", parent);
        Checks.present("competency.labels", labels);
        if (labels.isEmpty()) {
            throw new InvalidInputException("competency.labels must hold at least one label");
        }
        if (labels.size() > 20) {
            throw new InvalidInputException("competency.labels may hold at most 20 languages but had " + labels.size());
        }
        LinkedHashMap<Locale, String> copy = new LinkedHashMap<>();
        labels.forEach((lang, label) -> copy.put(Checks.language("competency.labels language", lang),
                Checks.line("competency.labels[" + lang + "]", label, 200)));
        labels = java.util.Collections.unmodifiableMap(copy);
        Checks.present("competency.externalUri", externalUri);
        externalUri.ifPresent(u -> {
            if (!u.isAbsolute()) {
                throw new InvalidInputException("competency.externalUri must be absolute but was '" + u + "'");
            }
        });
        if (parent.isPresent() && parent.get().equals(id)) {
            throw new InvalidInputException("competency " + id + " cannot be its own parent");
        }
        Checks.nonNegative("competency.version", version);
    }

    /**
     * The label in the wanted language, falling back to English, then to any label.
     *
     * @param language the wanted language
     * @return the best label
     */
    public String label(Locale language) {
        String l = labels.get(language);
        if (l == null) {
            l = labels.entrySet().stream().filter(e -> e.getKey().getLanguage().equals(language.getLanguage()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        if (l == null) {
            l = labels.get(Locale.ENGLISH);
        }
        return l != null ? l : labels.values().iterator().next();
    }
}
