package org.copkit.participation;

/**
 * How much a member takes part in a community, derived from their recent activity by
 * {@link ParticipationRules}; from least to most. Independent of the granted
 * {@link org.copkit.community.Role}.
 */
public enum Level {
    /** Reads and watches from the edge; every active member starts here. */
    PERIPHERAL,
    /** Contributes now and then. */
    ACTIVE,
    /** Contributes regularly; carries the community. */
    CORE
}
