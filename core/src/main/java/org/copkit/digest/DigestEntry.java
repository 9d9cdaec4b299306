package org.copkit.digest;

import java.time.Instant;
import java.util.Optional;
import org.copkit.Ref;
import org.copkit.community.CommunityId;
import org.copkit.internal.Checks;

/**
 * One line of a {@link Digest}: an object the member may see, and why it is there.
 *
 * @param section the part of the digest it belongs to
 * @param object the knowledge item, question (CONVERSATION), session or review task
 * @param title the object's title (for review tasks: the item's title)
 * @param community the community it belongs to, if any
 * @param at the moment that puts it in the digest: the last publication or change in the period, the
 *     acceptance, the question's creation, the session's start or the task's creation
 * @param reason why it is included, for example {@code you follow tag 'subsidie'}
 */
public record DigestEntry(DigestSection section, Ref object, String title, Optional<CommunityId> community,
        Instant at, String reason) {
    /** Validates. */
    public DigestEntry {
        Checks.present("entry.section", section);
        Checks.present("entry.object", object);
        Checks.present("entry.title", title);
        Checks.present("entry.community", community);
        Checks.present("entry.at", at);
        Checks.present("entry.reason", reason);
    }
}
