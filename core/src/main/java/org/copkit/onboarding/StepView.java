package org.copkit.onboarding;

import java.util.Optional;
import org.copkit.internal.Checks;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.session.SessionKind;

/**
 * One step of a learning path as a reader sees it. A READ_ITEM step whose item the reader may not see
 * (or that no longer exists) is <em>unavailable</em>: it keeps its position and kind but shows no
 * title, item or item title, so nothing of the hidden item leaks.
 *
 * @param position zero-based position in the path
 * @param kind what the member does
 * @param available false for a READ_ITEM step whose item the reader cannot see
 * @param title the step's title; empty exactly when unavailable
 * @param item the item to read (READ_ITEM steps that are available)
 * @param itemTitle the current title of that item (READ_ITEM steps that are available)
 * @param sessionKind the kind of session to attend (ATTEND_SESSION steps)
 */
public record StepView(int position, StepKind kind, boolean available, Optional<String> title,
        Optional<KnowledgeItemId> item, Optional<String> itemTitle, Optional<SessionKind> sessionKind) {
    /** Validates. */
    public StepView {
        Checks.range("step.position", position, 0, LearningPathContent.MAX_STEPS - 1);
        Checks.present("step.kind", kind);
        Checks.present("step.title", title);
        Checks.present("step.item", item);
        Checks.present("step.itemTitle", itemTitle);
        Checks.present("step.sessionKind", sessionKind);
    }
}
