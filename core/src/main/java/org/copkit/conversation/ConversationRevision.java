package org.copkit.conversation;

import java.time.Instant;
import org.copkit.internal.Checks;
import org.copkit.knowledge.ItemContent;
import org.copkit.member.MemberId;

/**
 * One kept version of a conversation's content. Revisions are never changed or deleted.
 *
 * @param conversation the conversation
 * @param number 1 for the first version, then consecutive
 * @param content the content as of this revision
 * @param author who wrote this revision
 * @param at when
 * @param note the change note, at most 1,000 characters
 */
public record ConversationRevision(ConversationId conversation, int number, ItemContent content, MemberId author,
        Instant at, String note) {
    /** Validates. */
    public ConversationRevision {
        Checks.present("revision.conversation", conversation);
        Checks.range("revision.number", number, 1, Integer.MAX_VALUE);
        Checks.present("revision.content", content);
        Checks.present("revision.author", author);
        Checks.present("revision.at", at);
        note = Checks.text("revision.note", note, 1_000);
    }
}
