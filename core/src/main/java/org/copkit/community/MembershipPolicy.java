package org.copkit.community;

/** How members get into a community. */
public enum MembershipPolicy {
    /** Anyone allowed by the membership rules joins at once. */
    OPEN,
    /** A request becomes PENDING until a coordinator approves it. */
    APPROVAL,
    /** Only invited members join, by accepting their invitation. */
    INVITATION
}
