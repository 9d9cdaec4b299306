package org.copkit.knowledge;

/** What kind of knowledge an item holds. */
public enum ItemKind {
    /** An explanatory article. */
    ARTICLE,
    /** A recommended way of working. */
    BEST_PRACTICE,
    /** What was learned from an experience, good or bad. */
    LESSON_LEARNED,
    /** A tool, method or checklist. */
    TOOL,
    /** A reusable template. */
    TEMPLATE,
    /** A description of a case or project. */
    CASE,
    /** A decision and its reasons. */
    DECISION
}
