package org.copkit.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.copkit.ConflictException;
import org.copkit.InvalidInputException;
import org.copkit.NotFoundException;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.access.AccessRequest;
import org.copkit.access.Action;
import org.copkit.access.Audience;
import org.copkit.access.AudienceLevel;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.community.Community;
import org.copkit.community.Practice;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationDraft;
import org.copkit.conversation.ConversationId;
import org.copkit.conversation.ConversationKind;
import org.copkit.conversation.ConversationQuery;
import org.copkit.conversation.ConversationRevision;
import org.copkit.conversation.ConversationService;
import org.copkit.conversation.ConversationStatus;
import org.copkit.conversation.Post;
import org.copkit.conversation.PostId;
import org.copkit.conversation.PostKind;
import org.copkit.conversation.PostRevision;
import org.copkit.conversation.Vote;
import org.copkit.conversation.VoteValue;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.Provenance;
import org.copkit.member.MemberId;
import org.copkit.search.SearchHit;
import org.copkit.search.SimilarQuery;

final class Conversations implements ConversationService {
    private static final Set<String> CURRENT_ITEM = Set.of("PUBLISHED", "NEEDS_REVIEW");

    private final Engine engine;
    private final MemberId actor;

    Conversations(Engine engine, MemberId actor) {
        this.engine = engine;
        this.actor = actor;
    }

    // ---- loading

    /** A conversation the actor may see; an invisible one is reported exactly like a missing one. */
    static Conversation visibleConversation(Call call, ConversationId id) {
        return call.tx.conversations().find(Checks.present("conversation", id))
                .filter(c -> call.actor.canSee(c.visibility()))
                .orElseThrow(() -> new NotFoundException("conversation " + id + " does not exist"));
    }

    /** A post whose conversation the actor may see; otherwise reported exactly like a missing one. */
    private static Post visiblePost(Call call, PostId id) {
        return call.tx.posts().find(Checks.present("post", id))
                .filter(p -> call.tx.conversations().find(p.conversation())
                        .map(c -> call.actor.canSee(c.visibility())).orElse(false))
                .orElseThrow(() -> new NotFoundException("post " + id + " does not exist"));
    }

    /**
     * Locks the conversations ({@link org.copkit.spi.Transaction#lock}, in one call so two calls that
     * lock the same pair never deadlock) and returns the first, visible. Every change of a conversation,
     * its posts and their votes runs under its conversation's lock: one accepted answer, no answer to a
     * question closed as a duplicate meanwhile, scores that count every vote, no cycle of duplicates.
     */
    private static Conversation lockedConversation(Call call, ConversationId id, ConversationId... alsoLocked) {
        List<Ref> refs = new ArrayList<>();
        refs.add(Ref.of(ObjectType.CONVERSATION, Checks.present("conversation", id)));
        for (ConversationId other : alsoLocked) {
            refs.add(Ref.of(ObjectType.CONVERSATION, Checks.present("conversation", other)));
        }
        call.tx.lock(refs);
        return visibleConversation(call, id);
    }

    /** A visible post, read again once its conversation is locked (a merge may have moved it meanwhile). */
    private static Post lockedPost(Call call, PostId id) {
        Post p = visiblePost(call, id);
        while (true) {
            call.tx.lock(Ref.of(ObjectType.CONVERSATION, p.conversation()));
            Post now = visiblePost(call, id);
            if (now.conversation().equals(p.conversation())) {
                return now;
            }
            p = now;
        }
    }

    private static Conversation conversationOf(Call call, Post p) {
        return call.tx.conversations().find(p.conversation()).orElseThrow(
                () -> new NotFoundException("conversation " + p.conversation() + " does not exist"));
    }

    private static AccessRequest request(Call call, Action action, Conversation c) {
        Community community = Load.community(call.tx, c.community());
        Optional<Practice> practice = c.practice().flatMap(p -> call.tx.practices().find(p));
        return AccessRequest.of(action).community(community).practice(practice).conversation(c);
    }

    private static void requireVersion(Conversation c, long expected) {
        if (c.version() != expected) {
            throw new ConflictException("conversation " + c.id() + " was changed concurrently: it is at version "
                    + c.version() + ", the change expected " + expected);
        }
    }

    private static void requireVersion(Post p, long expected) {
        if (p.version() != expected) {
            throw new ConflictException("post " + p.id() + " was changed concurrently: it is at version "
                    + p.version() + ", the change expected " + expected);
        }
    }

    private static void requireQuestion(Conversation c, String what) {
        if (!c.question()) {
            throw new ConflictException("cannot " + what + " conversation " + c.id() + ": it is a DISCUSSION");
        }
    }

    private static void requireNotDuplicate(Conversation c, String what) {
        if (c.status() == ConversationStatus.CLOSED_DUPLICATE) {
            throw new ConflictException("cannot " + what + " question " + c.id() + ": it is closed as a duplicate of "
                    + c.duplicateOf().map(Object::toString).orElse("?"));
        }
    }

    // ---- building next states

    private static Conversation with(Conversation c, ItemContent content, ConversationStatus status, int revision,
            Optional<PostId> accepted, Optional<ConversationId> duplicateOf, Optional<org.copkit.knowledge.KnowledgeItemId> promotedTo,
            int score, java.time.Instant updatedAt) {
        return new Conversation(c.id(), c.community(), c.practice(), c.kind(), content, c.audience(), c.author(), status,
                revision, accepted, duplicateOf, promotedTo, score, c.createdAt(), updatedAt, c.version() + 1);
    }

    private static Conversation touched(Conversation c, java.time.Instant now) {
        return with(c, c.content(), c.status(), c.revision(), c.acceptedAnswer(), c.duplicateOf(), c.promotedTo(),
                c.score(), now);
    }

    private static Post postWith(Post p, ConversationId conversation, String body, int revision, int score,
            java.time.Instant updatedAt) {
        return new Post(p.id(), conversation, p.kind(), p.parent(), p.author(), body, revision, score, p.createdAt(),
                updatedAt, p.version() + 1);
    }

    private static Ref ref(Conversation c) {
        return Ref.of(ObjectType.CONVERSATION, c.id());
    }

    private static Ref ref(Post p) {
        return Ref.of(ObjectType.POST, p.id());
    }

    private static Activity record(Call call, Verb verb, Ref object, Optional<Ref> target, Conversation c,
            Map<String, String> details) {
        return call.record(verb, object, target, Optional.of(c.community()), c.visibility(), details);
    }

    // ---- creating

    @Override
    public Conversation ask(ConversationDraft draft) {
        return create(draft, ConversationKind.QUESTION, Action.ASK_QUESTION, Verb.ASKED);
    }

    @Override
    public Conversation startDiscussion(ConversationDraft draft) {
        return create(draft, ConversationKind.DISCUSSION, Action.START_DISCUSSION, Verb.STARTED);
    }

    private Conversation create(ConversationDraft draft, ConversationKind kind, Action action, Verb verb) {
        Checks.present("draft", draft);
        return engine.write(actor, call -> {
            Community c = Load.community(call.tx, draft.community());
            Optional<Practice> practice = Load.practiceIn(call.tx, c, draft.practice());
            Audience audience = draft.audience().orElseGet(() -> KnowledgeItems.defaultAudience(c, call));
            KnowledgeItems.requireOrganizations(call, "draft.audience", audience);
            call.check(AccessRequest.of(action).community(c).practice(practice).audience(audience));
            Load.requireCompetencies(call.tx, "conversation.competencies", draft.content().competencies());
            Conversation conv = call.tx.conversations().insert(new Conversation(ConversationId.of(call.newId()),
                    c.id(), draft.practice(), kind, draft.content(), audience, call.actor.member(),
                    ConversationStatus.OPEN, 1, Optional.empty(), Optional.empty(), Optional.empty(), 0, call.now,
                    call.now, 1));
            call.tx.conversationRevisions().insert(new ConversationRevision(conv.id(), 1, conv.content(),
                    call.actor.member(), call.now, "created"));
            record(call, verb, ref(conv), Optional.empty(), conv, Map.of("kind", kind.name()));
            return conv;
        });
    }

    private static Post insertPost(Call call, Conversation c, PostKind kind, Optional<PostId> parent, String body) {
        Post p = call.tx.posts().insert(new Post(PostId.of(call.newId()), c.id(), kind, parent, call.actor.member(),
                body, 1, 0, call.now, call.now, 1));
        call.tx.postRevisions().insert(new PostRevision(p.id(), 1, body, call.actor.member(), call.now, "created"));
        return p;
    }

    private static void notifyOther(Call call, MemberId recipient, Activity a, String reason) {
        if (!recipient.equals(call.actor.member())) {
            call.notify(recipient, a, reason);
        }
    }

    @Override
    public Post answer(ConversationId question, String body) {
        String b = Checks.nonBlankText("body", body, Post.MAX_BODY);
        return engine.write(actor, call -> {
            Conversation c = lockedConversation(call, question);
            requireQuestion(c, "answer");
            requireNotDuplicate(c, "answer");
            call.check(request(call, Action.ANSWER_QUESTION, c));
            Post p = insertPost(call, c, PostKind.ANSWER, Optional.empty(), b);
            Activity a = record(call, Verb.ANSWERED, ref(p), Optional.of(ref(c)), c, Map.of());
            notifyOther(call, c.author(), a, "your question was answered");
            return p;
        });
    }

    @Override
    public Post reply(ConversationId discussion, Optional<PostId> parent, String body) {
        Checks.present("parent", parent);
        String b = Checks.nonBlankText("body", body, Post.MAX_BODY);
        return engine.write(actor, call -> {
            Conversation c = lockedConversation(call, discussion);
            if (c.question()) {
                throw new ConflictException("cannot reply in conversation " + c.id()
                        + ": it is a QUESTION; answer or comment instead");
            }
            if (c.status() != ConversationStatus.OPEN) {
                throw new ConflictException("cannot reply in discussion " + c.id() + ": it is " + c.status());
            }
            Optional<Post> to = parent.map(id -> call.tx.posts().find(id)
                    .filter(p -> p.conversation().equals(c.id()) && p.kind() == PostKind.REPLY)
                    .orElseThrow(() -> new InvalidInputException("parent " + id + " is not a reply in discussion "
                            + c.id())));
            AccessRequest r = request(call, Action.REPLY, c);
            call.check(to.map(r::post).orElse(r));
            Post p = insertPost(call, c, PostKind.REPLY, parent, b);
            Activity a = record(call, Verb.REPLIED, ref(p), Optional.of(ref(c)), c, Map.of());
            notifyOther(call, to.map(Post::author).orElse(c.author()), a, "a reply to your contribution");
            return p;
        });
    }

    @Override
    public Post comment(ConversationId question, Optional<PostId> answer, String body) {
        Checks.present("answer", answer);
        String b = Checks.nonBlankText("body", body, Post.MAX_BODY);
        return engine.write(actor, call -> {
            Conversation c = lockedConversation(call, question);
            requireQuestion(c, "comment on");
            requireNotDuplicate(c, "comment on");
            Optional<Post> on = answer.map(id -> call.tx.posts().find(id)
                    .filter(p -> p.conversation().equals(c.id()) && p.kind() == PostKind.ANSWER)
                    .orElseThrow(() -> new InvalidInputException("answer " + id + " is not an answer of question "
                            + c.id())));
            AccessRequest r = request(call, Action.COMMENT, c);
            call.check(on.map(r::post).orElse(r));
            Post p = insertPost(call, c, PostKind.COMMENT, answer, b);
            Activity a = record(call, Verb.COMMENTED, ref(p), Optional.of(ref(c)), c, Map.of());
            notifyOther(call, on.map(Post::author).orElse(c.author()), a, "a comment on your contribution");
            return p;
        });
    }

    // ---- votes

    /** Stores the actor's vote and returns by how much the target's score changes. */
    private static int castVote(Call call, Ref target, VoteValue value) {
        int before = call.tx.votes().find(target, call.actor.member()).map(v -> v.value().weight()).orElse(0);
        if (value == VoteValue.NONE) {
            call.tx.votes().remove(target, call.actor.member());
        } else {
            call.tx.votes().put(new Vote(target, call.actor.member(), value, call.now));
        }
        return value.weight() - before;
    }

    private static Optional<VoteValue> currentVote(Call call, Ref target) {
        return call.tx.votes().find(target, call.actor.member()).map(Vote::value);
    }

    @Override
    public Conversation vote(ConversationId conversation, VoteValue value) {
        Checks.present("value", value);
        return engine.write(actor, call -> {
            Conversation c = lockedConversation(call, conversation);
            call.check(request(call, Action.VOTE, c));
            if (currentVote(call, ref(c)).orElse(VoteValue.NONE) == value) {
                return c;
            }
            int delta = castVote(call, ref(c), value);
            Conversation updated = call.tx.conversations().update(with(c, c.content(), c.status(), c.revision(),
                    c.acceptedAnswer(), c.duplicateOf(), c.promotedTo(), c.score() + delta, c.updatedAt()));
            record(call, Verb.VOTED, ref(c), Optional.empty(), c, Map.of("value", value.name(), "author",
                    c.author().value()));
            return updated;
        });
    }

    @Override
    public Post vote(PostId post, VoteValue value) {
        Checks.present("value", value);
        return engine.write(actor, call -> {
            Post p = lockedPost(call, post);
            Conversation c = conversationOf(call, p);
            call.check(request(call, Action.VOTE, c).post(p));
            if (currentVote(call, ref(p)).orElse(VoteValue.NONE) == value) {
                return p;
            }
            int delta = castVote(call, ref(p), value);
            Post updated = call.tx.posts().update(postWith(p, p.conversation(), p.body(), p.revision(),
                    p.score() + delta, p.updatedAt()));
            record(call, Verb.VOTED, ref(p), Optional.of(ref(c)), c, Map.of("value", value.name(), "author",
                    p.author().value()));
            return updated;
        });
    }

    // ---- accepting, editing, closing

    @Override
    public Conversation accept(PostId answer, long expectedVersion) {
        return engine.write(actor, call -> {
            Post p = lockedPost(call, answer);
            Conversation c = conversationOf(call, p);
            // who may accept is decided before the state is reported, so outsiders learn nothing of it
            call.check(request(call, Action.ACCEPT_ANSWER, c).post(p));
            requireVersion(c, expectedVersion);
            if (p.kind() != PostKind.ANSWER) {
                throw new ConflictException("cannot accept post " + p.id() + ": it is a " + p.kind()
                        + ", not an ANSWER");
            }
            requireNotDuplicate(c, "accept an answer of");
            if (c.acceptedAnswer().equals(Optional.of(p.id()))) {
                throw new ConflictException("answer " + p.id() + " is already accepted for question " + c.id());
            }
            Conversation updated = call.tx.conversations().update(with(c, c.content(), ConversationStatus.ANSWERED,
                    c.revision(), Optional.of(p.id()), c.duplicateOf(), c.promotedTo(), c.score(), call.now));
            Map<String, String> details = new LinkedHashMap<>();
            details.put("author", p.author().value());
            c.acceptedAnswer().ifPresent(prev -> details.put("replaced", prev.value()));
            Activity a = record(call, Verb.ACCEPTED, ref(p), Optional.of(ref(c)), updated, details);
            notifyOther(call, p.author(), a, "your answer was accepted");
            return updated;
        });
    }

    @Override
    public Conversation edit(ConversationId id, long expectedVersion, ItemContent content, String note) {
        Checks.present("content", content);
        String n = Checks.text("note", note, 1_000);
        return engine.write(actor, call -> {
            Conversation c = lockedConversation(call, id);
            requireVersion(c, expectedVersion);
            call.check(request(call, Action.EDIT_CONVERSATION, c));
            Load.requireCompetencies(call.tx, "conversation.competencies", content.competencies());
            Conversation updated = call.tx.conversations().update(with(c, content, c.status(), c.revision() + 1,
                    c.acceptedAnswer(), c.duplicateOf(), c.promotedTo(), c.score(), call.now));
            call.tx.conversationRevisions().insert(new ConversationRevision(id, updated.revision(), content,
                    call.actor.member(), call.now, n));
            record(call, Verb.EDITED, ref(c), Optional.empty(), updated,
                    Map.of("revision", Integer.toString(updated.revision())));
            return updated;
        });
    }

    @Override
    public Post editPost(PostId id, long expectedVersion, String body, String note) {
        String b = Checks.nonBlankText("body", body, Post.MAX_BODY);
        String n = Checks.text("note", note, 1_000);
        return engine.write(actor, call -> {
            Post p = lockedPost(call, id);
            requireVersion(p, expectedVersion);
            Conversation c = conversationOf(call, p);
            call.check(request(call, Action.EDIT_POST, c).post(p));
            Post updated = call.tx.posts().update(postWith(p, p.conversation(), b, p.revision() + 1, p.score(),
                    call.now));
            call.tx.postRevisions().insert(new PostRevision(id, updated.revision(), b, call.actor.member(), call.now,
                    n));
            record(call, Verb.EDITED, ref(p), Optional.of(ref(c)), c,
                    Map.of("revision", Integer.toString(updated.revision())));
            return updated;
        });
    }

    @Override
    public Conversation close(ConversationId discussion, long expectedVersion, String reason) {
        String r = Checks.text("reason", reason, 500);
        return engine.write(actor, call -> {
            Conversation c = lockedConversation(call, discussion);
            requireVersion(c, expectedVersion);
            if (c.question()) {
                throw new ConflictException("cannot close conversation " + c.id()
                        + ": it is a QUESTION; close questions as duplicates");
            }
            if (c.status() != ConversationStatus.OPEN) {
                throw new ConflictException("cannot close discussion " + c.id() + ": it is " + c.status());
            }
            call.check(request(call, Action.CLOSE_DISCUSSION, c));
            Conversation updated = call.tx.conversations().update(with(c, c.content(), ConversationStatus.CLOSED,
                    c.revision(), Optional.empty(), Optional.empty(), c.promotedTo(), c.score(), call.now));
            record(call, Verb.CLOSED, ref(c), Optional.empty(), updated, r.isEmpty() ? Map.of() : Map.of("reason", r));
            return updated;
        });
    }

    /** The original of a duplicate: a visible question of the same community, itself no duplicate. */
    private static Conversation original(Call call, Conversation duplicate, ConversationId original) {
        Checks.present("original", original);
        if (original.equals(duplicate.id())) {
            throw new InvalidInputException("question " + original + " cannot be a duplicate of itself");
        }
        Conversation o = call.tx.conversations().find(original).filter(x -> call.actor.canSee(x.visibility()))
                .orElseThrow(() -> new InvalidInputException("original " + original + " does not exist"));
        if (!o.question() || !o.community().equals(duplicate.community())) {
            throw new InvalidInputException("original " + original + " must be a question in community "
                    + duplicate.community());
        }
        if (o.status() == ConversationStatus.CLOSED_DUPLICATE) {
            throw new InvalidInputException("original " + original + " is itself closed as a duplicate of "
                    + o.duplicateOf().map(Object::toString).orElse("?") + "; name that question instead");
        }
        return o;
    }

    @Override
    public Conversation closeAsDuplicate(ConversationId question, long expectedVersion, ConversationId original) {
        return engine.write(actor, call -> {
            Conversation c = lockedConversation(call, question, Checks.present("original", original));
            requireVersion(c, expectedVersion);
            requireQuestion(c, "close as duplicate");
            requireNotDuplicate(c, "close as duplicate");
            Conversation o = original(call, c, original);
            call.check(request(call, Action.CLOSE_AS_DUPLICATE, c));
            Conversation updated = call.tx.conversations().update(with(c, c.content(),
                    ConversationStatus.CLOSED_DUPLICATE, c.revision(), c.acceptedAnswer(), Optional.of(o.id()),
                    c.promotedTo(), c.score(), call.now));
            record(call, Verb.CLOSED, ref(c), Optional.of(ref(o)), updated, Map.of("reason", "duplicate"));
            return updated;
        });
    }

    /**
     * Whether content readable by {@code from} may be shown to the readers of {@code to}: only when
     * {@code to} admits nobody whom {@code from} would not admit.
     */
    static boolean noWider(Audience to, Audience from) {
        if (to.equals(from) || from.level() == AudienceLevel.PLATFORM) {
            return true;
        }
        boolean orgLevels = (to.level() == AudienceLevel.ORGANIZATION || to.level() == AudienceLevel.PARTNERS)
                && (from.level() == AudienceLevel.ORGANIZATION || from.level() == AudienceLevel.PARTNERS);
        return orgLevels && from.organizations().containsAll(to.organizations());
    }

    @Override
    public Conversation merge(ConversationId duplicate, long expectedVersion, ConversationId into) {
        return engine.write(actor, call -> {
            Conversation d = lockedConversation(call, duplicate, Checks.present("into", into));
            requireVersion(d, expectedVersion);
            requireQuestion(d, "merge");
            Conversation o = original(call, d, into);
            if (d.duplicateOf().map(x -> !x.equals(o.id())).orElse(false)) {
                throw new ConflictException("question " + d.id() + " is closed as a duplicate of "
                        + d.duplicateOf().get() + ", not of " + o.id());
            }
            if (!noWider(o.audience(), d.audience())) {
                throw new ConflictException("cannot merge question " + d.id() + " into " + o.id()
                        + ": the original's audience " + o.audience().level() + " " + o.audience().organizations()
                        + " would show the answers to readers outside the duplicate's audience "
                        + d.audience().level() + " " + d.audience().organizations());
            }
            call.check(request(call, Action.MERGE_CONVERSATIONS, d));
            List<Post> all = StoreReads.all(page -> call.tx.posts().listByConversation(d.id(), page));
            Set<PostId> moving = new HashSet<>();
            all.stream().filter(p -> p.kind() == PostKind.ANSWER).forEach(p -> moving.add(p.id()));
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Post p : all) {
                    if (!moving.contains(p.id()) && p.parent().map(moving::contains).orElse(false)) {
                        grew = moving.add(p.id());
                    }
                }
            }
            for (Post p : all) {
                if (moving.contains(p.id())) {
                    call.tx.posts().update(postWith(p, o.id(), p.body(), p.revision(), p.score(), call.now));
                }
            }
            boolean wasClosed = d.status() == ConversationStatus.CLOSED_DUPLICATE;
            Conversation closed = call.tx.conversations().update(with(d, d.content(),
                    ConversationStatus.CLOSED_DUPLICATE, d.revision(), Optional.empty(), Optional.of(o.id()),
                    d.promotedTo(), d.score(), call.now));
            Conversation merged = call.tx.conversations().update(touched(o, call.now));
            if (!wasClosed) {
                record(call, Verb.CLOSED, ref(d), Optional.of(ref(o)), closed, Map.of("reason", "duplicate"));
            }
            record(call, Verb.MERGED, ref(o), Optional.of(ref(d)), merged,
                    Map.of("moved", Integer.toString(moving.size())));
            return merged;
        });
    }

    // ---- promotion

    private static KnowledgeItem promoteInto(Call call, Conversation c, String body, ItemKind kind,
            Provenance provenance) {
        ItemContent content = new ItemContent(c.content().title(), body, c.content().tags(),
                c.content().competencies(), c.content().language());
        return KnowledgeItems.create(call, new ItemDraft(c.community(), c.practice(), kind, content,
                Optional.of(c.audience()), provenance));
    }

    private static void requireNotPromoted(Conversation c) {
        if (c.promotedTo().isPresent()) {
            throw new ConflictException("question " + c.id() + " was already promoted to knowledge item "
                    + c.promotedTo().get());
        }
    }

    @Override
    public KnowledgeItem promote(ConversationId question, long expectedVersion, ItemKind kind) {
        Checks.present("kind", kind);
        return engine.write(actor, call -> {
            Conversation c = lockedConversation(call, question);
            requireVersion(c, expectedVersion);
            requireQuestion(c, "promote");
            if (c.status() != ConversationStatus.ANSWERED) {
                throw new ConflictException("cannot promote question " + c.id() + ": it is " + c.status()
                        + ", expected ANSWERED");
            }
            requireNotPromoted(c);
            call.check(request(call, Action.PROMOTE_CONVERSATION, c));
            Post accepted = call.tx.posts().find(c.acceptedAnswer().get()).orElseThrow(
                    () -> new NotFoundException("accepted answer " + c.acceptedAnswer().get() + " does not exist"));
            String body = c.content().body().isEmpty() ? accepted.body()
                    : c.content().body() + "\n\n---\n\n" + accepted.body();
            KnowledgeItem item = promoteInto(call, c, body, kind,
                    Provenance.from(Provenance.Source.QUESTION, c.id().value()));
            Conversation updated = call.tx.conversations().update(with(c, c.content(), c.status(), c.revision(),
                    c.acceptedAnswer(), c.duplicateOf(), Optional.of(item.id()), c.score(), call.now));
            record(call, Verb.PROMOTED, ref(c), Optional.of(Ref.of(ObjectType.KNOWLEDGE_ITEM, item.id())), updated,
                    Map.of());
            return item;
        });
    }

    @Override
    public KnowledgeItem promoteAnswer(PostId answer, long expectedVersion, ItemKind kind) {
        Checks.present("kind", kind);
        return engine.write(actor, call -> {
            Post p = lockedPost(call, answer);
            Conversation c = conversationOf(call, p);
            requireVersion(c, expectedVersion);
            if (p.kind() != PostKind.ANSWER) {
                throw new ConflictException("cannot promote post " + p.id() + ": it is a " + p.kind()
                        + ", not an ANSWER");
            }
            requireNotPromoted(c);
            call.check(request(call, Action.PROMOTE_CONVERSATION, c).post(p));
            KnowledgeItem item = promoteInto(call, c, p.body(), kind,
                    Provenance.from(Provenance.Source.ANSWER, p.id().value()));
            Conversation updated = call.tx.conversations().update(with(c, c.content(), c.status(), c.revision(),
                    c.acceptedAnswer(), c.duplicateOf(), Optional.of(item.id()), c.score(), call.now));
            record(call, Verb.PROMOTED, ref(p), Optional.of(Ref.of(ObjectType.KNOWLEDGE_ITEM, item.id())), updated,
                    Map.of("author", p.author().value()));
            return item;
        });
    }

    // ---- reading

    @Override
    public Conversation get(ConversationId id) {
        return engine.read(actor, call -> visibleConversation(call, id));
    }

    @Override
    public Post getPost(PostId id) {
        return engine.read(actor, call -> visiblePost(call, id));
    }

    @Override
    public Page<Conversation> list(ConversationQuery query, PageRequest page) {
        Checks.present("query", query);
        Checks.present("page", page);
        return engine.read(actor, call -> {
            Load.community(call.tx, query.community());
            return Paging.filtered(page, p -> call.tx.conversations().listByCommunity(query.community(),
                    query.kinds(), query.statuses(), p), c -> call.actor.canSee(c.visibility()), c -> c.id().value());
        });
    }

    @Override
    public List<Post> posts(ConversationId id) {
        return engine.read(actor, call -> {
            Conversation c = visibleConversation(call, id);
            return threaded(c, StoreReads.all(page -> call.tx.posts().listByConversation(c.id(), page)));
        });
    }

    /** Top-level posts in id order (accepted answer first), each followed depth-first by its responses. */
    static List<Post> threaded(Conversation c, List<Post> byId) {
        Set<PostId> present = new HashSet<>();
        byId.forEach(p -> present.add(p.id()));
        Map<PostId, List<Post>> children = new LinkedHashMap<>();
        List<Post> top = new ArrayList<>();
        for (Post p : byId) {
            if (p.parent().isPresent() && present.contains(p.parent().get())) {
                children.computeIfAbsent(p.parent().get(), k -> new ArrayList<>()).add(p);
            } else if (c.acceptedAnswer().equals(Optional.of(p.id()))) {
                top.add(0, p);
            } else {
                top.add(p);
            }
        }
        List<Post> out = new ArrayList<>(byId.size());
        java.util.ArrayDeque<Post> stack = new java.util.ArrayDeque<>();
        for (int i = top.size() - 1; i >= 0; i--) {
            stack.push(top.get(i));
        }
        while (!stack.isEmpty()) {
            Post p = stack.pop();
            out.add(p);
            List<Post> kids = children.getOrDefault(p.id(), List.of());
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.push(kids.get(i));
            }
        }
        return out;
    }

    @Override
    public Page<ConversationRevision> revisions(ConversationId id, PageRequest page) {
        Checks.present("page", page);
        return engine.read(actor, call -> {
            visibleConversation(call, id);
            return call.tx.conversationRevisions().list(id, page);
        });
    }

    @Override
    public Page<PostRevision> postRevisions(PostId id, PageRequest page) {
        Checks.present("page", page);
        return engine.read(actor, call -> {
            visiblePost(call, id);
            return call.tx.postRevisions().list(id, page);
        });
    }

    @Override
    public List<org.copkit.session.Session> sessions(ConversationId id) {
        return engine.read(actor, call -> {
            Conversation c = visibleConversation(call, id);
            Ref object = Ref.of(ObjectType.CONVERSATION, c.id());
            List<Activity> links = StoreReads.all(page -> call.tx.activities().list(
                    new org.copkit.spi.ActivityFilter(Optional.empty(), Optional.empty(), Optional.of(object)), page));
            return links.stream().filter(a -> a.verb() == Verb.LINKED).flatMap(a -> a.target().stream())
                    .filter(t -> t.type() == ObjectType.SESSION).distinct()
                    .flatMap(t -> call.tx.sessions().find(org.copkit.session.SessionId.of(t.id())).stream())
                    .filter(s -> call.actor.canSee(s.visibility())).toList();
        });
    }

    @Override
    public List<SearchHit> alreadyAnswered(String title, String body, int limit) {
        String t = Checks.line("title", title, ItemContent.MAX_TITLE);
        String b = Checks.text("body", body, 20_000);
        Checks.range("limit", limit, 1, 50);
        SimilarQuery q = new SimilarQuery(b.isEmpty() ? t : t + "\n" + b,
                Set.of(ObjectType.QUESTION, ObjectType.KNOWLEDGE_ITEM), Optional.empty(), limit);
        List<SearchHit> hits = engine.searchIndex().similar(q, engine.read(actor, call -> call.actor.scope()));
        // the index decides what is current; keep only answered questions and current items, whatever the backend
        return hits.stream().filter(h -> h.ref().type() == ObjectType.QUESTION ? "ANSWERED".equals(h.status())
                : h.ref().type() == ObjectType.KNOWLEDGE_ITEM && CURRENT_ITEM.contains(h.status())).toList();
    }
}
