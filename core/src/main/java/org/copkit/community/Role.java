package org.copkit.community;

/** Granted role of a member in a community; separate from the participation level derived from activity. */
public enum Role {
    /** Ordinary member. */
    MEMBER,
    /** Core member: reviews content and takes on tasks. */
    CORE,
    /** Runs the community: admits members, grants roles, manages practices. */
    COORDINATOR;

    /** @return whether this role reviews content (CORE or COORDINATOR) */
    public boolean reviews() {
        return this != MEMBER;
    }
}
