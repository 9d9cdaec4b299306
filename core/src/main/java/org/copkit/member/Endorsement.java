package org.copkit.member;

import java.time.Instant;
import java.util.Optional;
import org.copkit.InvalidInputException;
import org.copkit.domain.CompetencyId;
import org.copkit.internal.Checks;

/**
 * One member vouching for a competency another member declared. There is at most one per endorser,
 * competency and endorsee; withdrawing keeps it (with {@code withdrawnAt}), endorsing again revives it.
 *
 * @param id generated id
 * @param endorsee whose competency is endorsed
 * @param competency the competency, declared in the endorsee's profile when endorsed
 * @param endorser who endorses; never the endorsee
 * @param endorsedAt when it was (last) given
 * @param withdrawnAt when it was withdrawn, if it is withdrawn now
 * @param version optimistic version
 */
public record Endorsement(EndorsementId id, MemberId endorsee, CompetencyId competency, MemberId endorser,
        Instant endorsedAt, Optional<Instant> withdrawnAt, long version) {
    /** Validates. */
    public Endorsement {
        Checks.present("endorsement.id", id);
        Checks.present("endorsement.endorsee", endorsee);
        Checks.present("endorsement.competency", competency);
        Checks.present("endorsement.endorser", endorser);
        if (endorser.equals(endorsee)) {
            throw new InvalidInputException("endorsement.endorser must not be the endorsee " + endorsee);
        }
        Checks.present("endorsement.endorsedAt", endorsedAt);
        Checks.present("endorsement.withdrawnAt", withdrawnAt);
        Checks.nonNegative("endorsement.version", version);
    }

    /** @return whether the endorsement stands (is not withdrawn) */
    public boolean current() {
        return withdrawnAt.isEmpty();
    }
}
