package org.copkit.health;

import java.time.Instant;
import org.copkit.community.CommunityId;

/**
 * How a community is doing over a period: who takes part, what was asked and answered, what knowledge
 * was published and what went stale, which sessions were held and attended, and which value stories were
 * told. Obtain it through {@code kit.as(member).health()}. Thread-safe.
 *
 * <p>Every count of content (questions, items, sessions, value stories) covers only what the reading
 * member may see, so a coordinator of one organisation never learns how much another organisation keeps
 * to itself. Counts of members cover every active membership (memberships are not restricted).
 */
public interface HealthService {
    /**
     * Builds the health report of a community for the half-open period {@code [from, to)}, in one read
     * transaction. Deterministic for a given clock and stored state: the clock decides only what is
     * "currently" stale and which sessions have already been held.
     *
     * @param community the community, not null
     * @param from start of the period (inclusive), not null
     * @param to end of the period (exclusive), not null, after {@code from}
     * @return the report
     * @throws org.copkit.NotFoundException when the community does not exist
     * @throws org.copkit.AccessDeniedException when the access rules deny
     *     {@link org.copkit.access.Action#VIEW_HEALTH} (by default: the reader is not an active member or
     *     coordinator of the community)
     * @throws org.copkit.InvalidInputException when an argument is null or {@code to} is not after
     *     {@code from}
     */
    HealthReport report(CommunityId community, Instant from, Instant to);
}
