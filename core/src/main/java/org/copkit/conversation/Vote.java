package org.copkit.conversation;

import java.time.Instant;
import org.copkit.InvalidInputException;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * One member's current vote on a conversation or post; at most one per member and target. Withdrawn
 * votes are removed, not stored as zero.
 *
 * @param target the conversation ({@link ObjectType#CONVERSATION}) or post ({@link ObjectType#POST})
 * @param voter who voted
 * @param value {@link VoteValue#UP} or {@link VoteValue#DOWN}
 * @param at when the vote was last cast or changed
 */
public record Vote(Ref target, MemberId voter, VoteValue value, Instant at) {
    /** Validates. */
    public Vote {
        Checks.present("vote.target", target);
        Checks.present("vote.voter", voter);
        Checks.present("vote.value", value);
        Checks.present("vote.at", at);
        if (target.type() != ObjectType.CONVERSATION && target.type() != ObjectType.POST) {
            throw new InvalidInputException("vote.target must be a CONVERSATION or POST but was " + target);
        }
        if (value == VoteValue.NONE) {
            throw new InvalidInputException("vote.value must be UP or DOWN; a NONE vote is not stored");
        }
    }
}
