package org.copkit.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.community.CommunityId;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;
import org.copkit.review.ReviewReason;
import org.copkit.review.ReviewTask;
import org.copkit.review.ReviewTaskId;
import org.copkit.review.ReviewTaskStatus;
import org.copkit.spi.Repositories;

/**
 * Table {@code review_tasks}, assignees as a JSON array, plus the lookup table
 * {@code review_task_assignees} that serves "tasks by assignee".
 */
final class ReviewTasksRepo extends VersionedRepo<ReviewTaskId, ReviewTask> implements Repositories.ReviewTasks {
    private final String assignees;

    ReviewTasksRepo(JdbcTransaction tx) {
        super(tx, ObjectType.REVIEW_TASK, "review_tasks", "id");
        this.assignees = db.schema.t("review_task_assignees");
    }

    @Override
    ReviewTaskId key(ReviewTask t) {
        return t.id();
    }

    @Override
    List<Object> keyValues(ReviewTaskId key) {
        return List.of(key.value());
    }

    @Override
    String refId(ReviewTaskId key) {
        return key.value();
    }

    @Override
    long version(ReviewTask t) {
        return t.version();
    }

    @Override
    LinkedHashMap<String, Object> columns(ReviewTask t) {
        LinkedHashMap<String, Object> c = new LinkedHashMap<>();
        c.put("item_id", t.item().value());
        c.put("community_id", t.community().value());
        c.put("assignees", Json.idSet(t.assignees()));
        c.put("reason", t.reason());
        c.put("note", t.note());
        c.put("status", t.status());
        c.put("created_at", t.createdAt());
        c.put("closed_at", Db.timestamp(t.closedAt()));
        return c;
    }

    @Override
    void written(ReviewTask t, boolean inserted) {
        if (!inserted) {
            db.later("review_task_assignees", "DELETE FROM " + assignees + " WHERE task_id = ?", null, Db.ANY_ROWS,
                    t.id().value());
        }
        for (MemberId member : t.assignees()) {
            db.later("review_task_assignees", "INSERT INTO " + assignees + " (member_id, task_id) VALUES (?, ?)", null,
                    Db.ANY_ROWS, member.value(), t.id().value());
        }
    }

    @Override
    Db.Mapper<ReviewTask> mapper() {
        return r -> new ReviewTask(ReviewTaskId.of(r.text("id")), KnowledgeItemId.of(r.text("item_id")),
                CommunityId.of(r.text("community_id")), Json.idSet(r.text("assignees"), MemberId::of),
                r.enumValue("reason", ReviewReason.class), r.text("note"), r.enumValue("status", ReviewTaskStatus.class),
                r.instant("created_at"), r.optInstant("closed_at"), r.longValue("version"));
    }

    @Override
    public List<ReviewTask> listByItem(KnowledgeItemId item) {
        return db.query("SELECT * FROM " + table + " WHERE item_id = ? ORDER BY id", mapper(), item.value());
    }

    @Override
    public Page<ReviewTask> listByAssignee(MemberId member, Set<ReviewTaskStatus> statuses, PageRequest page) {
        // ordered by the assignee table's primary key (member_id, task_id)
        return page("SELECT t.* FROM " + assignees + " a JOIN " + table + " t ON t.id = a.task_id",
                Where.eq("a.member_id", member.value()).andIn("t.status", statuses), "a.task_id",
                t -> t.id().value(), page);
    }

    @Override
    public Page<ReviewTask> listByCommunity(CommunityId community, Set<ReviewTaskStatus> statuses, PageRequest page) {
        return page(Where.eq("community_id", community.value()).andIn("status", statuses), "id",
                t -> t.id().value(), page);
    }
}
