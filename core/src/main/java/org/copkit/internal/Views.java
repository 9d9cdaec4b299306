package org.copkit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.activity.Verb;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;
import org.copkit.spi.ActivityFilter;

/** Views reported by the host, recorded as VIEWED activities (reading counts towards participation). */
final class Views {
    /** A member's repeated views of one object within this interval are recorded once. */
    static final Duration REPEAT = Duration.ofHours(24);

    private Views() {}

    /** Records that the actor read a knowledge item they may see; returns false for a repeated view. */
    static boolean itemViewed(Engine engine, MemberId actor, KnowledgeItemId id) {
        Checks.present("item", id);
        return engine.write(actor, call -> {
            // under the reader's lock: two views at the same moment are one view
            call.tx.lock(Ref.of(ObjectType.MEMBER, actor));
            KnowledgeItem item = Load.visibleItem(call, id);
            Ref ref = Ref.of(ObjectType.KNOWLEDGE_ITEM, item.id());
            if (viewedSince(call, ref, call.now.minus(REPEAT))) {
                return false;
            }
            call.record(Verb.VIEWED, ref, Optional.empty(), Optional.of(item.community()), item.visibility(),
                    Map.of());
            return true;
        });
    }

    private static boolean viewedSince(Call call, Ref ref, Instant since) {
        ActivityFilter filter = new ActivityFilter(Optional.empty(), Optional.of(call.actor.member()),
                Optional.of(ref));
        return StoreReads.stream(p -> call.tx.activities().list(filter, p)).takeWhile(a -> !a.at().isBefore(since))
                .anyMatch(a -> a.verb() == Verb.VIEWED);
    }
}
