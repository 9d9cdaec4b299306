package org.copkit.internal;

import java.util.Optional;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.activity.Activity;
import org.copkit.activity.ActivityService;
import org.copkit.community.CommunityId;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;
import org.copkit.spi.ActivityFilter;

final class ActivityFeed implements ActivityService {
    private final Engine engine;
    private final MemberId actor;

    ActivityFeed(Engine engine, MemberId actor) {
        this.engine = engine;
        this.actor = actor;
    }

    @Override
    public Page<Activity> feed(Optional<CommunityId> community, Optional<MemberId> by, PageRequest page) {
        return list(new ActivityFilter(Checks.present("community", community), Checks.present("actor", by),
                Optional.empty()), page);
    }

    @Override
    public Page<Activity> history(Ref object, PageRequest page) {
        return list(new ActivityFilter(Optional.empty(), Optional.empty(), Optional.of(Checks.present("object", object))),
                page);
    }

    private Page<Activity> list(ActivityFilter filter, PageRequest page) {
        Checks.present("page", page);
        return engine.read(actor, call -> Paging.filtered(page, p -> call.tx.activities().list(filter, p),
                a -> visible(call, a), a -> Long.toString(a.sequence())));
    }

    /**
     * An activity is visible when its reader may see it as it was recorded and, for knowledge items
     * (object or target), may also see the item as it is now: narrowing an item's audience hides its
     * earlier activities too.
     */
    private static boolean visible(Call call, Activity a) {
        return call.actor.canSee(a.visibility()) && currentlyVisible(call, a.object())
                && a.target().map(t -> currentlyVisible(call, t)).orElse(true);
    }

    private static boolean currentlyVisible(Call call, Ref ref) {
        if (ref.type() != ObjectType.KNOWLEDGE_ITEM) {
            return true;
        }
        return call.tx.items().find(KnowledgeItemId.of(ref.id())).map(i -> call.actor.canSee(i.visibility()))
                .orElse(true);
    }
}
