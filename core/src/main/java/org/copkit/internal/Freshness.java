package org.copkit.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.activity.Verb;
import org.copkit.community.Practice;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;
import org.copkit.review.ReviewReason;
import org.copkit.review.ReviewTask;
import org.copkit.review.ReviewTaskId;
import org.copkit.review.ReviewTaskStatus;
import org.copkit.spi.MembershipKey;

/** Flags items for review and opens and closes their review tasks, inside a running call. */
final class Freshness {
    private Freshness() {}

    /**
     * Moves a PUBLISHED item to NEEDS_REVIEW, records a FLAGGED activity and opens a review task unless
     * the item has an open one.
     *
     * @return the flagged item and whether a task was created
     */
    private static Flagged flag(Call call, KnowledgeItem item, ReviewReason reason, String note) {
        KnowledgeItem flagged = call.wrote(call.tx.items().update(new KnowledgeItem(item.id(), item.community(), item.practice(),
                item.kind(), item.content(), item.audience(), ItemStatus.NEEDS_REVIEW, item.owner(), item.revision(),
                item.approvals(), item.reviewBy(), item.publishedAt(), item.supersededBy(), item.provenance(),
                item.createdAt(), call.now, item.version() + 1)));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", reason.name());
        item.reviewBy().ifPresent(r -> details.put("reviewBy", r.toString()));
        if (!note.isEmpty()) {
            details.put("note", note);
        }
        call.record(Verb.FLAGGED, Ref.of(ObjectType.KNOWLEDGE_ITEM, item.id()), Optional.empty(),
                Optional.of(item.community()), flagged.visibility(), details);
        boolean created = false;
        if (call.tx.reviewTasks().listByItem(item.id()).stream().noneMatch(ReviewTask::open)) {
            call.tx.reviewTasks().insert(new ReviewTask(ReviewTaskId.of(call.newId()), item.id(), item.community(),
                    assignees(call, item), reason, note, ReviewTaskStatus.OPEN, call.now, Optional.empty(), 1));
            created = true;
        }
        return new Flagged(flagged, created);
    }

    /**
     * Locks the items (in one call: two runs that flag overlapping items never deadlock), reads each
     * again and flags those still PUBLISHED. Flagging runs under the item's lock, so an item gets one
     * open review task however many nodes run maintenance at the same moment.
     *
     * @param items items read before the lock, in the order to report them
     * @return what was flagged, in that order; items that meanwhile left PUBLISHED are skipped
     */
    static List<Flagged> flagAll(Call call, List<KnowledgeItem> items, ReviewReason reason, String note) {
        call.tx.lock(items.stream().map(i -> Ref.of(ObjectType.KNOWLEDGE_ITEM, i.id())).toList());
        List<Flagged> out = new java.util.ArrayList<>();
        for (KnowledgeItem read : items) {
            call.tx.items().find(read.id()).filter(i -> i.status() == ItemStatus.PUBLISHED)
                    .ifPresent(i -> out.add(flag(call, i, reason, note)));
        }
        return out;
    }

    /** The outcome of {@link #flagAll}. */
    record Flagged(KnowledgeItem item, boolean taskCreated) {}

    /** The stewards of the item's practice who take part in its community, and the item's owner. */
    private static Set<MemberId> assignees(Call call, KnowledgeItem item) {
        Set<MemberId> out = new TreeSet<>();
        item.practice().flatMap(p -> call.tx.practices().find(p)).map(Practice::stewards).orElse(Set.of()).stream()
                .filter(s -> call.tx.memberships().find(new MembershipKey(item.community(), s))
                        .map(m -> m.active()).orElse(false))
                .forEach(out::add);
        out.add(item.owner());
        return out;
    }

    /**
     * Closes every open review task of the item.
     *
     * @return how many were closed
     */
    static int closeOpenTasks(Call call, KnowledgeItemId item) {
        int closed = 0;
        for (ReviewTask t : call.tx.reviewTasks().listByItem(item)) {
            if (t.open()) {
                call.tx.reviewTasks().update(t.close(call.now));
                closed++;
            }
        }
        return closed;
    }
}
