package org.copkit.review;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.copkit.InvalidInputException;
import org.copkit.community.CommunityId;
import org.copkit.internal.Checks;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;

/**
 * A request to review one knowledge item that needs review. Created by a maintenance run (review date
 * passed) or by a marked domain change; closed when the item is confirmed, superseded or archived. An
 * item has at most one OPEN task at a time.
 *
 * @param id generated id
 * @param item the item to review
 * @param community the item's community
 * @param assignees who should review: the stewards of the item's practice and the item's owner, 1 to 51 members
 * @param reason why
 * @param note the change note of a domain change (empty for a passed review date), at most 1,000 characters
 * @param status OPEN or DONE
 * @param createdAt when the task was created
 * @param closedAt when it was closed; present exactly when DONE
 * @param version optimistic version
 */
public record ReviewTask(ReviewTaskId id, KnowledgeItemId item, CommunityId community, Set<MemberId> assignees,
        ReviewReason reason, String note, ReviewTaskStatus status, Instant createdAt, Optional<Instant> closedAt,
        long version) {
    /** Validates and copies. */
    public ReviewTask {
        Checks.present("task.id", id);
        Checks.present("task.item", item);
        Checks.present("task.community", community);
        assignees = Checks.set("task.assignees", assignees, 51);
        if (assignees.isEmpty()) {
            throw new InvalidInputException("task.assignees must name at least one member");
        }
        Checks.present("task.reason", reason);
        note = Checks.text("task.note", note, 1_000);
        Checks.present("task.status", status);
        Checks.present("task.createdAt", createdAt);
        Checks.present("task.closedAt", closedAt);
        if (closedAt.isPresent() != (status == ReviewTaskStatus.DONE)) {
            throw new InvalidInputException("task.closedAt must be present exactly when the task is DONE, but status is "
                    + status + " and closedAt is " + closedAt.map(Instant::toString).orElse("empty"));
        }
        Checks.nonNegative("task.version", version);
    }

    /** @return whether the task still waits for a review */
    public boolean open() {
        return status == ReviewTaskStatus.OPEN;
    }

    /**
     * @param at when it was closed
     * @return a DONE copy with the next version
     */
    public ReviewTask close(Instant at) {
        return new ReviewTask(id, item, community, assignees, reason, note, ReviewTaskStatus.DONE, createdAt,
                Optional.of(at),
                version + 1);
    }
}
