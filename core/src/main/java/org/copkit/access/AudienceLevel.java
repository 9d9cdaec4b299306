package org.copkit.access;

/** How widely published content may be read, from narrowest to widest. */
public enum AudienceLevel {
    /** Members of one organisation (the owner's). */
    ORGANIZATION,
    /** Members of the owner's organisation and of named partner organisations. */
    PARTNERS,
    /** Active members of the community the content belongs to. */
    COMMUNITY,
    /** Every registered member of the platform. */
    PLATFORM
}
