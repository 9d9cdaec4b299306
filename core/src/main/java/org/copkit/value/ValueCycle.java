package org.copkit.value;

/** The value-creation cycles of Wenger, Trayner and de Laat, in the order value usually unfolds. */
public enum ValueCycle {
    /** Immediate value: the activity itself was worth it (a useful conversation, a new contact). */
    IMMEDIATE,
    /** Potential value: knowledge capital gained that may be used later (skills, a document, a relationship). */
    POTENTIAL,
    /** Applied value: the knowledge capital was put to use in practice. */
    APPLIED,
    /** Realised value: the application changed performance (time or money saved, a better result). */
    REALISED,
    /** Reframing value: it changed how success is defined or how the organisation works. */
    REFRAMING
}
