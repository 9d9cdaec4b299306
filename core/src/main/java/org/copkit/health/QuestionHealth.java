package org.copkit.health;

import java.time.Duration;
import java.util.Optional;
import org.copkit.internal.Checks;

/**
 * Questions of a community in a health report, counting only questions the reader may see.
 *
 * @param asked questions created in the period
 * @param answered of those, how many had at least one answer before the period's end
 * @param unanswered questions created before the period's end, not closed, with no answer before the
 *     period's end (the backlog, whenever they were asked)
 * @param medianTimeToFirstAnswer over the answered questions asked in the period, the median time from
 *     asking to the first answer (the mean of the two middle values for an even count); empty when none
 *     was answered
 */
public record QuestionHealth(int asked, int answered, int unanswered, Optional<Duration> medianTimeToFirstAnswer) {
    /** Validates. */
    public QuestionHealth {
        Checks.range("questions.asked", asked, 0, Integer.MAX_VALUE);
        Checks.range("questions.answered", answered, 0, asked);
        Checks.range("questions.unanswered", unanswered, 0, Integer.MAX_VALUE);
        Checks.present("questions.medianTimeToFirstAnswer", medianTimeToFirstAnswer);
    }
}
