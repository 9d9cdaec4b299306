package org.copkit.knowledge;

import java.time.Instant;
import org.copkit.community.Role;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * One reviewer's approval of an item in review, with the reviewer's standing at that moment so
 * review rules can decide without storage.
 *
 * @param approver who approved
 * @param role the approver's role in the community when approving
 * @param steward whether the approver stewarded the item's practice when approving
 * @param at when
 */
public record Approval(MemberId approver, Role role, boolean steward, Instant at) {
    /** Validates. */
    public Approval {
        Checks.present("approval.approver", approver);
        Checks.present("approval.role", role);
        Checks.present("approval.at", at);
    }
}
