package org.copkit.review;

/**
 * Periodic upkeep, run by the host's scheduler (for example every night) through
 * {@code kit.maintenance().run()}. Runs as the system actor. Thread-safe.
 *
 * <p>Concurrency: a run may start on every node at the same time with the outcome of one run: each
 * due item is flagged under its lock and gets one open review task, and participation levels are
 * recomputed under each community's lock, so each change is stored once.
 */
public interface MaintenanceService {
    /**
     * Moves every PUBLISHED item whose review-by date lies before the clock's now to NEEDS_REVIEW,
     * recording a {@link org.copkit.activity.Verb#FLAGGED} activity by the system actor, and opens one
     * review task per flagged item (never a second open task for one item). Idempotent: a second run at
     * the same moment finds nothing to do. Then recomputes the participation levels of every community (as
     * {@link org.copkit.participation.ParticipationService#recompute} does, recording LEVEL_CHANGED for
     * each change; a second run at the same moment changes none). Deterministic for a given clock. Runs
     * in one storage transaction.
     *
     * @return what was flagged, how many tasks were created and how many participation levels changed
     */
    FreshnessReport run();
}
