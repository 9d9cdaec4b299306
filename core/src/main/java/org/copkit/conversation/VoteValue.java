package org.copkit.conversation;

/** A member's vote on a conversation or post. */
public enum VoteValue {
    /** Counts +1. */
    UP(1),
    /** Counts -1. */
    DOWN(-1),
    /** No vote: withdraws an earlier one. */
    NONE(0);

    private final int weight;

    VoteValue(int weight) {
        this.weight = weight;
    }

    /** @return what the vote adds to the score: +1, -1 or 0 */
    public int weight() {
        return weight;
    }
}
