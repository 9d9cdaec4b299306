package org.copkit.onboarding;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.copkit.InvalidInputException;
import org.copkit.community.Membership;
import org.copkit.internal.Checks;

/**
 * Whether a member counts as a newcomer in a community: an ACTIVE member whose membership became
 * active ({@link Membership#joinedAt()}) less than the newcomer period ago.
 *
 * @param newcomer whether the member is a newcomer now
 * @param until when the member stops being a newcomer (joinedAt + period); present exactly when a newcomer
 */
public record NewcomerStatus(boolean newcomer, Optional<Instant> until) {
    /** Validates. */
    public NewcomerStatus {
        Checks.present("newcomer.until", until);
        if (newcomer != until.isPresent()) {
            throw new InvalidInputException("newcomer.until must be present exactly for newcomers");
        }
    }

    /** @return the status of someone who is no newcomer */
    public static NewcomerStatus no() {
        return new NewcomerStatus(false, Optional.empty());
    }

    /**
     * Decides newcomer status; pure, for rule tests. A member is a newcomer while
     * {@code now < joinedAt + period}: at exactly {@code joinedAt + period} they no longer are.
     *
     * @param membership the member's membership in the community, if any
     * @param period how long a member stays a newcomer; positive
     * @param now the moment to decide for
     * @return the status; not a newcomer without an ACTIVE membership
     * @throws InvalidInputException when the period is not positive
     */
    public static NewcomerStatus of(Optional<Membership> membership, Duration period, Instant now) {
        Checks.present("membership", membership);
        Checks.present("now", now);
        if (Checks.present("period", period).isNegative() || period.isZero()) {
            throw new InvalidInputException("period must be positive but was " + period);
        }
        return membership.filter(Membership::active).flatMap(Membership::joinedAt).map(j -> j.plus(period))
                .filter(now::isBefore).map(u -> new NewcomerStatus(true, Optional.of(u))).orElseGet(NewcomerStatus::no);
    }
}
