package org.copkit.onboarding;

import org.copkit.internal.Checks;

/**
 * One step and whether the member completed it. Unavailable steps are never done.
 *
 * @param step the step as the member sees it
 * @param done whether the member's activity completes it
 */
public record StepProgress(StepView step, boolean done) {
    /** Validates. */
    public StepProgress {
        Checks.present("progress.step", step);
    }
}
