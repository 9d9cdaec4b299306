package org.copkit.onboarding;

import java.util.Optional;
import org.copkit.InvalidInputException;
import org.copkit.internal.Checks;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.session.SessionKind;

/**
 * One step of a {@link LearningPath}. Build one with {@link #read}, {@link #attend}, {@link #ask} or
 * {@link #answer}.
 *
 * @param kind what the member does
 * @param title a short title, one line of 1 to {@value #MAX_TITLE} characters
 * @param item the knowledge item to read: present exactly for {@link StepKind#READ_ITEM}
 * @param sessionKind the kind of session to attend: present exactly for {@link StepKind#ATTEND_SESSION}
 */
public record LearningStep(StepKind kind, String title, Optional<KnowledgeItemId> item,
        Optional<SessionKind> sessionKind) {
    /** Longest step title accepted. */
    public static final int MAX_TITLE = 200;

    /** Validates and normalises. */
    public LearningStep {
        Checks.present("step.kind", kind);
        title = Checks.line("step.title", title, MAX_TITLE);
        Checks.present("step.item", item);
        Checks.present("step.sessionKind", sessionKind);
        if ((kind == StepKind.READ_ITEM) != item.isPresent()) {
            throw new InvalidInputException("step.item must be present exactly for READ_ITEM steps, but the step is "
                    + kind + " and item is " + item);
        }
        if ((kind == StepKind.ATTEND_SESSION) != sessionKind.isPresent()) {
            throw new InvalidInputException("step.sessionKind must be present exactly for ATTEND_SESSION steps, "
                    + "but the step is " + kind + " and sessionKind is " + sessionKind);
        }
    }

    /**
     * @param title the step's title
     * @param item the knowledge item to read
     * @return a READ_ITEM step
     */
    public static LearningStep read(String title, KnowledgeItemId item) {
        return new LearningStep(StepKind.READ_ITEM, title, Optional.of(Checks.present("step.item", item)),
                Optional.empty());
    }

    /**
     * @param title the step's title
     * @param kind the kind of session to attend
     * @return an ATTEND_SESSION step
     */
    public static LearningStep attend(String title, SessionKind kind) {
        return new LearningStep(StepKind.ATTEND_SESSION, title, Optional.empty(),
                Optional.of(Checks.present("step.sessionKind", kind)));
    }

    /**
     * @param title the step's title
     * @return an ASK_QUESTION step
     */
    public static LearningStep ask(String title) {
        return new LearningStep(StepKind.ASK_QUESTION, title, Optional.empty(), Optional.empty());
    }

    /**
     * @param title the step's title
     * @return an ANSWER_QUESTION step
     */
    public static LearningStep answer(String title) {
        return new LearningStep(StepKind.ANSWER_QUESTION, title, Optional.empty(), Optional.empty());
    }
}
