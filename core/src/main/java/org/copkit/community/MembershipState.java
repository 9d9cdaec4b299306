package org.copkit.community;

/** Where a membership stands. */
public enum MembershipState {
    /** Invited by a coordinator, not yet accepted. */
    INVITED,
    /** Requested by the member, awaiting approval. */
    PENDING,
    /** A member of the community. */
    ACTIVE,
    /** Left, was refused, or declined; may join again. */
    LEFT
}
