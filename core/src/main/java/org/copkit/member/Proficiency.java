package org.copkit.member;

/** How well a member masters a competency, from least to most. */
public enum Proficiency {
    /** Knows what it is about. */
    AWARE,
    /** Applies it with guidance. */
    PRACTITIONER,
    /** Applies it independently. */
    EXPERIENCED,
    /** Teaches and advises others. */
    EXPERT
}
