package org.copkit.onboarding;

import java.util.List;
import java.util.Optional;
import org.copkit.internal.Checks;

/**
 * A member's progress along one learning path, computed from the activity log (never stored).
 *
 * @param path the path as the member sees it
 * @param steps each step with whether it is done, in path order
 * @param done how many available steps are done
 * @param total how many steps are available to the member (unavailable steps do not count)
 * @param next the first available step not done yet; empty when the path is complete
 */
public record PathProgress(LearningPathView path, List<StepProgress> steps, int done, int total,
        Optional<StepView> next) {
    /** Validates and copies. */
    public PathProgress {
        Checks.present("progress.path", path);
        steps = List.copyOf(Checks.present("progress.steps", steps));
        Checks.range("progress.total", total, 0, LearningPathContent.MAX_STEPS);
        Checks.range("progress.done", done, 0, total);
        Checks.present("progress.next", next);
    }

    /** @return whether every available step is done */
    public boolean complete() {
        return done == total;
    }
}
