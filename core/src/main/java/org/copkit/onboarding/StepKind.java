package org.copkit.onboarding;

/** What a member does to complete a {@link LearningStep}. */
public enum StepKind {
    /** Read a knowledge item: done once the member viewed it (or authored it). */
    READ_ITEM,
    /** Attend a session of a given kind in the community: done once a host checked the member in. */
    ATTEND_SESSION,
    /** Ask a question in the community. */
    ASK_QUESTION,
    /** Answer a question in the community. */
    ANSWER_QUESTION
}
