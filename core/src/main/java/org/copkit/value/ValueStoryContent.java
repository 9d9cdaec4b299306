package org.copkit.value;

import java.util.List;
import java.util.Locale;
import org.copkit.InvalidInputException;
import org.copkit.Ref;
import org.copkit.internal.Checks;

/**
 * The editable content of a value-creation story.
 *
 * @param cycle which value-creation cycle the story shows
 * @param title 1 to {@value #MAX_TITLE} characters, one line
 * @param story markdown, 1 to {@value #MAX_STORY} characters
 * @param language the language title and story are written in
 * @param evidence what the story points to (knowledge items, sessions, questions, ...), each once, at
 *     most {@value #MAX_EVIDENCE}, in the author's order
 */
public record ValueStoryContent(ValueCycle cycle, String title, String story, Locale language, List<Ref> evidence) {
    /** Longest title accepted. */
    public static final int MAX_TITLE = 300;
    /** Longest story accepted. */
    public static final int MAX_STORY = 100_000;
    /** Most evidence references accepted. */
    public static final int MAX_EVIDENCE = 50;

    /** Validates, normalises and copies. */
    public ValueStoryContent {
        Checks.present("story.cycle", cycle);
        title = Checks.line("story.title", title, MAX_TITLE);
        story = Checks.nonBlankText("story.story", story, MAX_STORY);
        language = Checks.language("story.language", language);
        evidence = Checks.list("story.evidence", evidence, MAX_EVIDENCE);
        if (evidence.stream().distinct().count() != evidence.size()) {
            throw new InvalidInputException("story.evidence names a reference more than once: " + evidence);
        }
    }

    /**
     * @param cycle the cycle
     * @param title the title
     * @param story the markdown story
     * @param language the language of both
     * @param evidence references to evidence, possibly none
     * @return the content
     */
    public static ValueStoryContent of(ValueCycle cycle, String title, String story, Locale language,
            Ref... evidence) {
        return new ValueStoryContent(cycle, title, story, language, List.of(evidence));
    }

    /** @return a copy with other evidence */
    public ValueStoryContent withEvidence(List<Ref> evidence) {
        return new ValueStoryContent(cycle, title, story, language, evidence);
    }
}
