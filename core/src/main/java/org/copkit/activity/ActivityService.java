package org.copkit.activity;

import java.util.Optional;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.community.CommunityId;
import org.copkit.member.MemberId;

/**
 * The activity log, as one acting member: feeds show only activities on objects the member may see.
 * Thread-safe.
 */
public interface ActivityService {
    /**
     * @param community only this community, when present
     * @param actor only by this member, when present
     * @param page cursor from the previous page
     * @return visible activities, newest first
     */
    Page<Activity> feed(Optional<CommunityId> community, Optional<MemberId> actor, PageRequest page);

    /** @return visible activities on one object, newest first */
    Page<Activity> history(Ref object, PageRequest page);
}
