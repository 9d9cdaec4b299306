package org.copkit.session;

/** A member's answer to a session invitation. */
public enum RsvpResponse {
    /** Will attend; takes a seat of the chosen mode, or a place on its waitlist. */
    GOING,
    /** Might attend; takes no seat. */
    MAYBE,
    /** Will not attend; takes no seat. */
    DECLINED
}
