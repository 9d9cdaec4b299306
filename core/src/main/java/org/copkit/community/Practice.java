package org.copkit.community;

import java.time.Instant;
import java.time.Period;
import java.util.Optional;
import java.util.Set;
import org.copkit.InvalidInputException;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * A focus inside a community around which it builds its repertoire of knowledge.
 *
 * @param id generated id
 * @param community the community
 * @param name 1 to 200 characters
 * @param description at most 4,000 characters
 * @param stewards members who keep its knowledge fresh and review it; active members of the community
 * @param reviewInterval how long published items stay fresh; empty means the review rules' default per kind
 * @param requiredApprovals approvals an item needs before publication, 0 to 10 (0: authors publish directly)
 * @param createdAt when
 * @param version optimistic version
 */
public record Practice(PracticeId id, CommunityId community, String name, String description, Set<MemberId> stewards,
        Optional<Period> reviewInterval, int requiredApprovals, Instant createdAt, long version) {
    /** Validates and copies. */
    public Practice {
        Checks.present("practice.id", id);
        Checks.present("practice.community", community);
        name = Checks.line("practice.name", name, 200);
        description = Checks.text("practice.description", description, 4_000);
        stewards = Checks.set("practice.stewards", stewards, 50);
        Checks.present("practice.reviewInterval", reviewInterval);
        reviewInterval.ifPresent(p -> {
            if (p.isNegative() || p.isZero()) {
                throw new InvalidInputException("practice.reviewInterval must be positive but was " + p);
            }
        });
        Checks.range("practice.requiredApprovals", requiredApprovals, 0, 10);
        Checks.present("practice.createdAt", createdAt);
        Checks.nonNegative("practice.version", version);
    }
}
