package org.copkit.onboarding;

import java.util.List;
import org.copkit.InvalidInputException;
import org.copkit.internal.Checks;

/**
 * The editable content of a learning path.
 *
 * @param title one line of 1 to {@value #MAX_TITLE} characters
 * @param description markdown, at most {@value #MAX_DESCRIPTION} characters, possibly empty
 * @param steps the ordered steps, 1 to {@value #MAX_STEPS}
 */
public record LearningPathContent(String title, String description, List<LearningStep> steps) {
    /** Longest title accepted. */
    public static final int MAX_TITLE = 300;
    /** Longest description accepted. */
    public static final int MAX_DESCRIPTION = 10_000;
    /** Most steps accepted. */
    public static final int MAX_STEPS = 50;

    /** Validates, normalises and copies. */
    public LearningPathContent {
        title = Checks.line("path.title", title, MAX_TITLE);
        description = Checks.text("path.description", description, MAX_DESCRIPTION);
        steps = Checks.list("path.steps", steps, MAX_STEPS);
        if (steps.isEmpty()) {
            throw new InvalidInputException("path.steps must hold at least one step");
        }
    }

    /**
     * @param title the title
     * @param description the markdown description, possibly empty
     * @param steps the steps in order, at least one
     * @return the content
     */
    public static LearningPathContent of(String title, String description, LearningStep... steps) {
        return new LearningPathContent(title, description, List.of(steps));
    }

    /** @return a copy with other steps */
    public LearningPathContent withSteps(List<LearningStep> steps) {
        return new LearningPathContent(title, description, steps);
    }
}
