package org.copkit.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.access.Visibility;
import org.copkit.activity.Activity;
import org.copkit.activity.ActivityService;
import org.copkit.community.CommunityId;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationId;
import org.copkit.conversation.PostId;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;
import org.copkit.review.ReviewTaskId;
import org.copkit.session.Session;
import org.copkit.session.SessionId;
import org.copkit.spi.ActivityFilter;
import org.copkit.spi.Transaction;
import org.copkit.value.ValueStory;
import org.copkit.value.ValueStoryId;

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
     * An activity is visible when its reader may see it as it was recorded and may also see each object it
     * names (object and target) as that object is now, for every type with a visibility of its own (see
     * {@link #CURRENT}): narrowing an object's audience hides its earlier activities too. Objects that no
     * longer exist, and types without a visibility of their own, add no restriction.
     */
    private static boolean visible(Call call, Activity a) {
        return call.actor.canSee(a.visibility()) && currentlyVisible(call, a.object())
                && a.target().map(t -> currentlyVisible(call, t)).orElse(true);
    }

    private static boolean currentlyVisible(Call call, Ref ref) {
        BiFunction<Transaction, String, Optional<Visibility>> lookup = CURRENT.get(ref.type());
        return lookup == null || lookup.apply(call.tx, ref.id()).map(call.actor::canSee).orElse(true);
    }

    /**
     * How to load the current visibility of an object of each type inside the reading transaction. Posts
     * and review tasks follow their conversation and item; RSVPs and attendance (ids {@code session/member})
     * follow their session. Add a line here for every new object type with its own audience.
     */
    static final Map<ObjectType, BiFunction<Transaction, String, Optional<Visibility>>> CURRENT = currentLookups();

    private static Map<ObjectType, BiFunction<Transaction, String, Optional<Visibility>>> currentLookups() {
        Map<ObjectType, BiFunction<Transaction, String, Optional<Visibility>>> m = new EnumMap<>(ObjectType.class);
        m.put(ObjectType.KNOWLEDGE_ITEM, ActivityFeed::item);
        BiFunction<Transaction, String, Optional<Visibility>> conversation = (tx, id) -> tx.conversations()
                .find(ConversationId.of(id)).map(Conversation::visibility);
        m.put(ObjectType.CONVERSATION, conversation);
        m.put(ObjectType.QUESTION, conversation);
        m.put(ObjectType.DISCUSSION, conversation);
        m.put(ObjectType.POST, (tx, id) -> tx.posts().find(PostId.of(id))
                .flatMap(p -> conversation.apply(tx, p.conversation().value())));
        m.put(ObjectType.SESSION, ActivityFeed::session);
        BiFunction<Transaction, String, Optional<Visibility>> sessionMember = (tx, id) -> {
            int slash = id.indexOf('/');
            return slash < 0 ? Optional.empty() : session(tx, id.substring(0, slash));
        };
        m.put(ObjectType.RSVP, sessionMember);
        m.put(ObjectType.ATTENDANCE, sessionMember);
        m.put(ObjectType.VALUE_STORY, (tx, id) -> tx.valueStories().find(ValueStoryId.of(id))
                .map(ValueStory::visibility));
        m.put(ObjectType.REVIEW_TASK, (tx, id) -> tx.reviewTasks().find(ReviewTaskId.of(id))
                .flatMap(t -> item(tx, t.item().value())));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Optional<Visibility> item(Transaction tx, String id) {
        return tx.items().find(KnowledgeItemId.of(id)).map(KnowledgeItem::visibility);
    }

    private static Optional<Visibility> session(Transaction tx, String id) {
        return tx.sessions().find(SessionId.of(id)).map(Session::visibility);
    }
}
