package org.copkit.review;

import java.time.Instant;
import java.util.List;
import org.copkit.internal.Checks;
import org.copkit.knowledge.KnowledgeItemId;

/**
 * What a maintenance run or a marked domain change did.
 *
 * @param at the moment it ran (the kit's clock)
 * @param flagged the items moved from PUBLISHED to NEEDS_REVIEW, ordered by id; for a domain change only
 *     those the acting member may see (items they may not see are flagged too, but not reported)
 * @param tasksCreated how many review tasks were opened for the reported items
 * @param levelsChanged how many participation levels a maintenance run recomputed to a new level, over
 *     all communities (0 for a domain change)
 */
public record FreshnessReport(Instant at, List<KnowledgeItemId> flagged, int tasksCreated, int levelsChanged) {
    /** Validates and copies. */
    public FreshnessReport {
        Checks.present("report.at", at);
        flagged = Checks.list("report.flagged", flagged, Integer.MAX_VALUE);
        Checks.range("report.tasksCreated", tasksCreated, 0, Integer.MAX_VALUE);
        Checks.range("report.levelsChanged", levelsChanged, 0, Integer.MAX_VALUE);
    }

    /**
     * A report that changed no participation levels.
     *
     * @param at the moment it ran
     * @param flagged the reported items
     * @param tasksCreated how many review tasks were opened
     */
    public FreshnessReport(Instant at, List<KnowledgeItemId> flagged, int tasksCreated) {
        this(at, flagged, tasksCreated, 0);
    }

    /** @return how many items were flagged (and reported) */
    public int itemsFlagged() {
        return flagged.size();
    }
}
