package org.copkit.conversation;

import java.time.Instant;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * One kept version of a post's body. Revisions are never changed or deleted.
 *
 * @param post the post
 * @param number 1 for the first version, then consecutive
 * @param body the body as of this revision
 * @param author who wrote this revision
 * @param at when
 * @param note the change note, at most 1,000 characters
 */
public record PostRevision(PostId post, int number, String body, MemberId author, Instant at, String note) {
    /** Validates. */
    public PostRevision {
        Checks.present("revision.post", post);
        Checks.range("revision.number", number, 1, Integer.MAX_VALUE);
        body = Checks.nonBlankText("revision.body", body, Post.MAX_BODY);
        Checks.present("revision.author", author);
        Checks.present("revision.at", at);
        note = Checks.text("revision.note", note, 1_000);
    }
}
