package org.copkit.knowledge;

import java.util.Locale;
import java.util.Set;
import org.copkit.domain.CompetencyId;
import org.copkit.internal.Checks;

/**
 * The editable content of a knowledge item; every revision keeps one.
 *
 * @param title 1 to {@value #MAX_TITLE} characters, one line
 * @param body markdown, at most {@value #MAX_BODY} characters, may be empty
 * @param tags at most {@value #MAX_TAGS} tags, each 1 to 64 characters, stored in lower case
 * @param competencies at most {@value #MAX_TAGS} competencies the item is about
 * @param language the language the title and body are written in
 */
public record ItemContent(String title, String body, Set<String> tags, Set<CompetencyId> competencies,
        Locale language) {
    /** Longest title accepted. */
    public static final int MAX_TITLE = 300;
    /** Longest body accepted (a little over 1 MB of ASCII markdown). */
    public static final int MAX_BODY = 1_100_000;
    /** Most tags and most competencies accepted. */
    public static final int MAX_TAGS = 32;

    /** Validates, normalises and copies. */
    public ItemContent {
        title = Checks.line("item.title", title, MAX_TITLE);
        body = Checks.text("item.body", body, MAX_BODY);
        tags = Checks.tags("item.tags", tags, MAX_TAGS);
        competencies = Checks.set("item.competencies", competencies, MAX_TAGS);
        language = Checks.language("item.language", language);
    }

    /**
     * @param title the title
     * @param body markdown body
     * @param language the language of both
     * @return content without tags or competencies
     */
    public static ItemContent of(String title, String body, Locale language) {
        return new ItemContent(title, body, Set.of(), Set.of(), language);
    }

    /** @return a copy with the given tags */
    public ItemContent withTags(String... tags) {
        return new ItemContent(title, body, Set.of(tags), competencies, language);
    }

    /** @return a copy with the given competencies */
    public ItemContent withCompetencies(CompetencyId... competencies) {
        return new ItemContent(title, body, tags, Set.of(competencies), language);
    }

    /** @return a copy with another title */
    public ItemContent withTitle(String title) {
        return new ItemContent(title, body, tags, competencies, language);
    }

    /** @return a copy with another body */
    public ItemContent withBody(String body) {
        return new ItemContent(title, body, tags, competencies, language);
    }
}
