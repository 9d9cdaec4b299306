package org.copkit.community;

/** Stage of development of a community (after Wenger, McDermott and Snyder). */
public enum Stage {
    /** People find each other and discover a shared domain. */
    POTENTIAL,
    /** The community launches and establishes its value. */
    COALESCING,
    /** It sets its focus and grows its practice. */
    MATURING,
    /** It sustains its relevance and keeps its practice fresh. */
    STEWARDSHIP,
    /** It changes into something else or closes. */
    TRANSFORMATION
}
