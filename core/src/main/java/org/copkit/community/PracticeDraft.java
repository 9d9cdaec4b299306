package org.copkit.community;

import java.time.Period;
import java.util.Optional;
import java.util.Set;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * The properties of a practice, to create or change one.
 *
 * @param name 1 to 200 characters
 * @param description at most 4,000 characters
 * @param stewards active members of the community, at most 50
 * @param reviewInterval how long items stay fresh (empty: per kind)
 * @param requiredApprovals approvals needed before publication, 0 to 10
 */
public record PracticeDraft(String name, String description, Set<MemberId> stewards, Optional<Period> reviewInterval,
        int requiredApprovals) {
    /** Validates. */
    public PracticeDraft {
        name = Checks.line("practice.name", name, 200);
        description = Checks.text("practice.description", description, 4_000);
        stewards = Checks.set("practice.stewards", stewards, 50);
        Checks.present("practice.reviewInterval", reviewInterval);
        Checks.range("practice.requiredApprovals", requiredApprovals, 0, 10);
    }

    /**
     * @return a practice without stewards, review interval per kind and no approvals needed
     */
    public static PracticeDraft of(String name, String description) {
        return new PracticeDraft(name, description, Set.of(), Optional.empty(), 0);
    }

    /** @return a copy with the given stewards */
    public PracticeDraft withStewards(MemberId... stewards) {
        return new PracticeDraft(name, description, Set.of(stewards), reviewInterval, requiredApprovals);
    }

    /** @return a copy with a review interval */
    public PracticeDraft reviewedEvery(Period interval) {
        return new PracticeDraft(name, description, stewards, Optional.of(interval), requiredApprovals);
    }

    /** @return a copy that needs the given number of approvals */
    public PracticeDraft requiringApprovals(int approvals) {
        return new PracticeDraft(name, description, stewards, reviewInterval, approvals);
    }
}
