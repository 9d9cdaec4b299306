package org.copkit.internal;

import java.util.ArrayList;
import java.util.List;
import org.copkit.CopKit;
import org.copkit.community.Community;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;
import org.copkit.review.FreshnessReport;
import org.copkit.review.MaintenanceService;
import org.copkit.review.ReviewReason;

/** The maintenance run behind {@link CopKit#maintenance()}. Not API. */
public final class Maintenance implements MaintenanceService {
    private final Engine engine;

    /** @param engine the running kit */
    public Maintenance(Engine engine) {
        this.engine = engine;
    }

    @Override
    public FreshnessReport run() {
        return engine.write(MemberId.SYSTEM, call -> {
            List<KnowledgeItem> due = StoreReads.all(p -> call.tx.items().listDueForReview(call.now, p));
            List<KnowledgeItemId> flagged = new ArrayList<>();
            int tasks = 0;
            for (Freshness.Flagged f : Freshness.flagAll(call, due, ReviewReason.REVIEW_DATE_PASSED, "")) {
                flagged.add(f.item().id());
                tasks += f.taskCreated() ? 1 : 0;
            }
            int levels = 0;
            for (Community c : StoreReads.all(p -> call.tx.communities().list(p))) {
                levels += ParticipationLevels.recompute(call, c).size();
            }
            return new FreshnessReport(call.now, flagged, tasks, levels);
        });
    }

    @Override
    public String toString() {
        return "Maintenance";
    }
}
