package org.copkit.internal;

import java.util.Optional;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.activity.Activity;
import org.copkit.activity.ActivityService;
import org.copkit.community.CommunityId;
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
                a -> call.actor.canSee(a.visibility()), a -> Long.toString(a.sequence())));
    }
}
