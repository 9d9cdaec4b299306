package org.copkit.internal;

import java.time.Instant;
import java.util.ArrayList;
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
import org.copkit.activity.Verb;
import org.copkit.community.Community;
import org.copkit.community.Practice;
import org.copkit.community.Role;
import org.copkit.knowledge.Approval;
import org.copkit.knowledge.ImportOptions;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemQuery;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.knowledge.KnowledgeService;
import org.copkit.knowledge.Provenance;
import org.copkit.knowledge.ReviewRules;
import org.copkit.knowledge.Revision;
import org.copkit.member.MemberId;
import org.copkit.spi.ReadBatch;

final class KnowledgeItems implements KnowledgeService {
    private final Engine engine;
    private final MemberId actor;

    KnowledgeItems(Engine engine, MemberId actor) {
        this.engine = engine;
        this.actor = actor;
    }

    /** A mutable copy of an item's fields, to derive its next state. */
    private static final class Next {
        ItemContent content;
        Audience audience;
        ItemStatus status;
        int revision;
        List<Approval> approvals;
        Optional<Instant> reviewBy;
        Optional<Instant> publishedAt;
        Optional<KnowledgeItemId> supersededBy;
        private final KnowledgeItem from;

        Next(KnowledgeItem i) {
            from = i;
            content = i.content();
            audience = i.audience();
            status = i.status();
            revision = i.revision();
            approvals = new ArrayList<>(i.approvals());
            reviewBy = i.reviewBy();
            publishedAt = i.publishedAt();
            supersededBy = i.supersededBy();
        }

        KnowledgeItem build(long version, Instant now) {
            return new KnowledgeItem(from.id(), from.community(), from.practice(), from.kind(), content, audience,
                    status, from.owner(), revision, approvals, reviewBy, publishedAt, supersededBy, from.provenance(),
                    from.createdAt(), now, version);
        }
    }

    @Override
    public KnowledgeItem create(ItemDraft draft) {
        Checks.present("draft", draft);
        // the id up front, so that the actor, the community and the followers of everything the CREATED
        // activity will name are read together in the call's first statement
        KnowledgeItemId id = KnowledgeItemId.of(engine.ids.next());
        ReadBatch prefetch = ReadBatch.none().withCommunity(draft.community()).withFollowersOf(Fanout.targetsOf(
                Ref.of(ObjectType.KNOWLEDGE_ITEM, id), Optional.empty(), draft.content().tags(), draft.practice(),
                Optional.of(draft.community()), actor));
        return engine.write(actor, prefetch, call -> create(call, draft, id));
    }

    /**
     * Creates an item in the call's transaction: the one code path for every way an item comes into
     * being (also outcomes captured from sessions).
     */
    static KnowledgeItem create(Call call, ItemDraft draft) {
        return create(call, draft, KnowledgeItemId.of(call.newId()));
    }

    private static KnowledgeItem create(Call call, ItemDraft draft, KnowledgeItemId id) {
        KnowledgeItem item = call.wrote(call.tx.items().insert(prepare(call, new Lookups(call), draft, id,
                Optional.empty())));
        call.tx.revisions().insert(firstRevision(call, item, "created"));
        record(call, Verb.CREATED, item, Map.of("kind", item.kind().name()));
        return item;
    }

    /**
     * Validates a draft, checks the actor may create it (and, with a review-by date, publish it on
     * import), and builds the new item; stores nothing. Shared by {@link #create} and imports.
     *
     * @param publishedFrom empty: a DRAFT; present: PUBLISHED, reviewed by the date these rules give
     */
    private static KnowledgeItem prepare(Call call, Lookups lookups, ItemDraft draft, KnowledgeItemId id,
            Optional<ReviewRules> publishedFrom) {
        Community c = lookups.community(draft.community());
        Optional<Practice> practice = lookups.practiceIn(c, draft.practice());
        Audience audience = draft.audience().orElseGet(() -> defaultAudience(c, call));
        for (org.copkit.member.OrganizationId o : audience.organizations()) {
            lookups.requireOrganization("draft.audience", o);
        }
        call.check(AccessRequest.of(Action.CREATE_ITEM).community(c).practice(practice).audience(audience));
        if (publishedFrom.isPresent()) {
            call.check(AccessRequest.of(Action.PUBLISH_IMPORTED_ITEM).community(c).practice(practice)
                    .audience(audience));
        }
        lookups.requireCompetencies("item.competencies", draft.content().competencies());
        KnowledgeItem item = new KnowledgeItem(id, c.id(), draft.practice(), draft.kind(),
                draft.content(), audience, ItemStatus.DRAFT, call.actor.member(), 1, List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), draft.provenance(), call.now, call.now, 1);
        if (publishedFrom.isEmpty()) {
            return item;
        }
        return new KnowledgeItem(item.id(), item.community(), item.practice(), item.kind(), item.content(),
                item.audience(), ItemStatus.PUBLISHED, item.owner(), 1, List.of(),
                Optional.of(publishedFrom.get().reviewBy(item, practice, call.now)), Optional.of(call.now),
                Optional.empty(), item.provenance(), call.now, call.now, 1);
    }

    private static Revision firstRevision(Call call, KnowledgeItem item, String note) {
        return new Revision(item.id(), 1, item.content(), call.actor.member(), call.now, note);
    }

    @Override
    public List<KnowledgeItem> importItems(List<ItemDraft> drafts, ImportOptions options) {
        Checks.present("drafts", drafts);
        Checks.present("options", options);
        if (drafts.isEmpty() || drafts.size() > ImportOptions.MAX_BATCH) {
            throw new InvalidInputException("drafts must hold 1 to " + ImportOptions.MAX_BATCH + " drafts but held "
                    + drafts.size());
        }
        for (int i = 0; i < drafts.size(); i++) {
            if (drafts.get(i) == null) {
                throw new InvalidInputException("drafts[" + i + "] is required but was null");
            }
        }
        return engine.write(actor, call -> {
            call.fanout = false;
            Lookups lookups = new Lookups(call);
            List<KnowledgeItem> items = new ArrayList<>(drafts.size());
            for (int i = 0; i < drafts.size(); i++) {
                try {
                    ItemDraft d = drafts.get(i);
                    Provenance p = d.provenance().source() == Provenance.Source.IMPORT ? d.provenance()
                            : new Provenance(Provenance.Source.IMPORT, Optional.empty(), Optional.empty());
                    items.add(prepare(call, lookups, d.withProvenance(p), KnowledgeItemId.of(call.newId()),
                            options.publish() ? Optional.of(engine.reviewRules) : Optional.empty()));
                } catch (org.copkit.CopKitException e) {
                    throw atIndex(i, e);
                }
            }
            List<KnowledgeItem> stored = call.tx.items().insertAll(items);
            List<Revision> revisions = new ArrayList<>(stored.size());
            List<org.copkit.activity.Activity> activities = new ArrayList<>(stored.size());
            for (KnowledgeItem item : stored) {
                revisions.add(firstRevision(call, item, "imported"));
                activities.add(new org.copkit.activity.Activity(0, call.actor.member(), Verb.CREATED,
                        Ref.of(ObjectType.KNOWLEDGE_ITEM, item.id()), Optional.empty(), Optional.of(item.community()),
                        call.now, item.visibility(), Map.of("kind", item.kind().name(), "source", "import", "status",
                                item.status().name())));
            }
            call.tx.revisions().insertAll(revisions);
            call.recordAll(activities);
            return stored;
        });
    }

    /** The same failure, its message prefixed with the index of the draft that caused it. */
    private static org.copkit.CopKitException atIndex(int index, org.copkit.CopKitException e) {
        String message = "drafts[" + index + "]: " + e.getMessage();
        org.copkit.CopKitException named;
        if (e instanceof InvalidInputException) {
            named = new InvalidInputException(message);
        } else if (e instanceof org.copkit.AccessDeniedException) {
            named = new org.copkit.AccessDeniedException(message);
        } else if (e instanceof NotFoundException) {
            named = new NotFoundException(message);
        } else if (e instanceof ConflictException) {
            named = new ConflictException(message);
        } else {
            return new org.copkit.CopKitException(e.code(), message, e);
        }
        named.initCause(e);
        return named;
    }

    /** An audience may only name registered organisations. */
    static void requireOrganizations(Call call, String field, Audience audience) {
        for (org.copkit.member.OrganizationId o : audience.organizations()) {
            Load.requireOrganization(call.tx, field, o);
        }
    }

    static Audience defaultAudience(Community c, Call call) {
        AudienceLevel level = c.defaultAudience();
        return switch (level) {
            case ORGANIZATION -> Audience.organization(call.actor.organization());
            case PARTNERS -> {
                java.util.LinkedHashSet<org.copkit.member.OrganizationId> orgs = new java.util.LinkedHashSet<>();
                orgs.add(call.actor.organization());
                orgs.addAll(c.organizations());
                yield orgs.size() >= 2 ? new Audience(AudienceLevel.PARTNERS, orgs)
                        : Audience.organization(call.actor.organization());
            }
            case COMMUNITY -> Audience.community();
            case PLATFORM -> Audience.platform();
        };
    }

    /**
     * Loads a visible item, checks the action, derives and stores its next state, and records an
     * activity.
     */
    private KnowledgeItem change(KnowledgeItemId id, long expectedVersion, Action action, Verb verb,
            java.util.function.UnaryOperator<AccessRequest> request, Mutation mutation) {
        return engine.write(actor, call -> {
            KnowledgeItem current = Load.visibleItem(call, id);
            if (current.version() != expectedVersion) {
                throw new ConflictException("knowledge item " + id + " was changed concurrently: it is at version "
                        + current.version() + ", the change expected " + expectedVersion);
            }
            Community c = Load.community(call.tx, current.community());
            Optional<Practice> practice = current.practice().flatMap(p -> call.tx.practices().find(p));
            AccessRequest base = AccessRequest.of(action).community(c).practice(practice).item(current);
            call.check(request == null ? base : request.apply(base));
            Next next = new Next(current);
            Map<String, String> details = mutation.apply(call, current, practice, next);
            KnowledgeItem updated = call.wrote(call.tx.items().update(next.build(expectedVersion + 1, call.now)));
            if (next.revision != current.revision()) {
                call.tx.revisions().insert(new Revision(id, next.revision, next.content, call.actor.member(), call.now,
                        details.getOrDefault("note", "")));
            }
            record(call, verb, updated, forActivity(details));
            return updated;
        });
    }

    /** Longest change note kept in activity details (they allow 500 characters a value). */
    static final int MAX_NOTE_IN_DETAILS = 500;

    /**
     * Change notes may hold 1,000 characters; the revision keeps the whole note, the activity an
     * abbreviation of at most {@link #MAX_NOTE_IN_DETAILS} characters ending in "...".
     */
    static Map<String, String> forActivity(Map<String, String> details) {
        String note = details.get("note");
        if (note == null || note.length() <= MAX_NOTE_IN_DETAILS) {
            return details;
        }
        int cut = MAX_NOTE_IN_DETAILS - 3;
        if (Character.isHighSurrogate(note.charAt(cut - 1))) {
            cut--;
        }
        Map<String, String> shortened = new java.util.LinkedHashMap<>(details);
        shortened.put("note", note.substring(0, cut).stripTrailing() + "...");
        return shortened;
    }

    @FunctionalInterface
    private interface Mutation {
        Map<String, String> apply(Call call, KnowledgeItem current, Optional<Practice> practice, Next next);
    }

    private static void requireStatus(KnowledgeItem item, String what, ItemStatus... allowed) {
        if (!Set.of(allowed).contains(item.status())) {
            throw new ConflictException("cannot " + what + " knowledge item " + item.id() + ": it is "
                    + item.status() + ", expected " + (allowed.length == 1 ? allowed[0] : Set.of(allowed)));
        }
    }

    @Override
    public KnowledgeItem edit(KnowledgeItemId id, long expectedVersion, ItemContent content, String note) {
        Checks.present("content", content);
        String n = Checks.text("note", note, 1_000);
        return change(id, expectedVersion, Action.EDIT_ITEM, Verb.EDITED, null, (call, cur, practice, next) -> {
            requireStatus(cur, "edit", ItemStatus.DRAFT, ItemStatus.IN_REVIEW, ItemStatus.PUBLISHED,
                    ItemStatus.NEEDS_REVIEW);
            Load.requireCompetencies(call.tx, "item.competencies", content.competencies());
            next.content = content;
            next.revision = cur.revision() + 1;
            dropApprovalsOfChangedContent(next);
            return Map.of("note", n, "revision", Integer.toString(next.revision));
        });
    }

    /**
     * Approvals were given to the content as it was; new content in review must be approved again, or
     * an author could publish unreviewed text on the strength of earlier approvals.
     */
    private static void dropApprovalsOfChangedContent(Next next) {
        if (next.status == ItemStatus.IN_REVIEW) {
            next.approvals = new ArrayList<>();
        }
    }

    @Override
    public KnowledgeItem changeAudience(KnowledgeItemId id, long expectedVersion, Audience audience) {
        Checks.present("audience", audience);
        return change(id, expectedVersion, Action.EDIT_ITEM, Verb.UPDATED, r -> r.audience(audience),
                (call, cur, practice, next) -> {
                    requireOrganizations(call, "audience", audience);
                    next.audience = audience;
                    return Map.of("audience", audience.level().name());
                });
    }

    @Override
    public KnowledgeItem submit(KnowledgeItemId id, long expectedVersion) {
        return change(id, expectedVersion, Action.SUBMIT_ITEM, Verb.SUBMITTED, null, (call, cur, practice, next) -> {
            requireStatus(cur, "submit", ItemStatus.DRAFT);
            next.status = ItemStatus.IN_REVIEW;
            next.approvals = new ArrayList<>();
            return Map.of();
        });
    }

    @Override
    public KnowledgeItem approve(KnowledgeItemId id, long expectedVersion) {
        return change(id, expectedVersion, Action.REVIEW_ITEM, Verb.APPROVED, null, (call, cur, practice, next) -> {
            requireStatus(cur, "approve", ItemStatus.IN_REVIEW);
            if (cur.approvals().stream().anyMatch(a -> a.approver().equals(call.actor.member()))) {
                throw new ConflictException(call.actor.member() + " already approved knowledge item " + id);
            }
            Role role = call.actor.activeRole(cur.community()).orElse(Role.MEMBER);
            boolean steward = practice.map(p -> call.actor.stewards(p.id())).orElse(false);
            next.approvals.add(new Approval(call.actor.member(), role, steward, call.now));
            return Map.of("approvals", Integer.toString(next.approvals.size()));
        });
    }

    @Override
    public KnowledgeItem reject(KnowledgeItemId id, long expectedVersion, String reason) {
        String r = Checks.nonBlankText("reason", reason, 1_000);
        return change(id, expectedVersion, Action.REVIEW_ITEM, Verb.REJECTED, null, (call, cur, practice, next) -> {
            requireStatus(cur, "reject", ItemStatus.IN_REVIEW);
            next.status = ItemStatus.DRAFT;
            next.approvals = new ArrayList<>();
            return Map.of("reason", r);
        });
    }

    @Override
    public KnowledgeItem publish(KnowledgeItemId id, long expectedVersion) {
        return change(id, expectedVersion, Action.PUBLISH_ITEM, Verb.PUBLISHED, null, (call, cur, practice, next) -> {
            requireStatus(cur, "publish", ItemStatus.DRAFT, ItemStatus.IN_REVIEW);
            if (!engine.reviewRules.readyToPublish(cur, practice)) {
                int required = engine.reviewRules.requiredApprovals(cur, practice);
                long counting = cur.approvals().stream().filter(a -> engine.reviewRules.counts(cur, a)).count();
                throw new ConflictException("knowledge item " + id + " is not ready to publish: it needs " + required
                        + " approval(s) from core members, coordinators or stewards and has " + counting
                        + (cur.status() == ItemStatus.DRAFT ? "; submit it for review first" : ""));
            }
            next.status = ItemStatus.PUBLISHED;
            next.publishedAt = Optional.of(cur.publishedAt().orElse(call.now));
            next.reviewBy = Optional.of(engine.reviewRules.reviewBy(cur, practice, call.now));
            return Map.of();
        });
    }

    @Override
    public KnowledgeItem archive(KnowledgeItemId id, long expectedVersion, String reason) {
        String r = Checks.text("reason", reason, 1_000);
        return change(id, expectedVersion, Action.ARCHIVE_ITEM, Verb.ARCHIVED, null, (call, cur, practice, next) -> {
            requireStatus(cur, "archive", ItemStatus.DRAFT, ItemStatus.IN_REVIEW, ItemStatus.PUBLISHED,
                    ItemStatus.NEEDS_REVIEW);
            next.status = ItemStatus.ARCHIVED;
            next.reviewBy = Optional.empty();
            Freshness.closeOpenTasks(call, id);
            return r.isEmpty() ? Map.of() : Map.of("reason", r);
        });
    }

    @Override
    public KnowledgeItem supersede(KnowledgeItemId id, long expectedVersion, KnowledgeItemId successor) {
        Checks.present("successor", successor);
        if (successor.equals(id)) {
            throw new InvalidInputException("knowledge item " + id + " cannot supersede itself");
        }
        return change(id, expectedVersion, Action.SUPERSEDE_ITEM, Verb.SUPERSEDED, null,
                (call, cur, practice, next) -> {
                    requireStatus(cur, "supersede", ItemStatus.PUBLISHED, ItemStatus.NEEDS_REVIEW);
                    KnowledgeItem succ = call.tx.items().find(successor).filter(s -> call.actor.canSee(s.visibility()))
                            .orElseThrow(() -> new InvalidInputException(
                                    "successor " + successor + " does not exist"));
                    if (!succ.status().current()) {
                        throw new InvalidInputException("successor " + successor + " must be published but is "
                                + succ.status());
                    }
                    next.status = ItemStatus.SUPERSEDED;
                    next.supersededBy = Optional.of(successor);
                    next.reviewBy = Optional.empty();
                    Freshness.closeOpenTasks(call, id);
                    return Map.of("successor", successor.value());
                });
    }

    @Override
    public KnowledgeItem restore(KnowledgeItemId id, long expectedVersion, int revision, String note) {
        String n = Checks.text("note", note, 1_000);
        return change(id, expectedVersion, Action.EDIT_ITEM, Verb.RESTORED, null, (call, cur, practice, next) -> {
            requireStatus(cur, "restore", ItemStatus.DRAFT, ItemStatus.IN_REVIEW, ItemStatus.PUBLISHED,
                    ItemStatus.NEEDS_REVIEW);
            Revision old = call.tx.revisions().find(id, revision).orElseThrow(() -> new InvalidInputException(
                    "knowledge item " + id + " has no revision " + revision + " (it has 1 to " + cur.revision() + ")"));
            next.content = old.content();
            next.revision = cur.revision() + 1;
            dropApprovalsOfChangedContent(next);
            return Map.of("note", n.isEmpty() ? "restored revision " + revision : n, "restored",
                    Integer.toString(revision));
        });
    }

    @Override
    public KnowledgeItem get(KnowledgeItemId id) {
        return engine.read(actor, call -> Load.visibleItem(call, id));
    }

    @Override
    public Page<KnowledgeItem> list(ItemQuery query, PageRequest page) {
        Checks.present("query", query);
        Checks.present("page", page);
        return engine.read(actor, call -> {
            Load.community(call.tx, query.community());
            return Paging.filtered(page, p -> call.tx.items().listByCommunity(query.community(), query.practice(),
                    query.statuses(), p), i -> call.actor.canSee(i.visibility()), i -> i.id().value());
        });
    }

    @Override
    public long count(ItemQuery query) {
        Checks.present("query", query);
        return engine.read(actor, call -> {
            Load.community(call.tx, query.community());
            return Paging.count(p -> call.tx.items().listByCommunity(query.community(), query.practice(),
                    query.statuses(), p), i -> call.actor.canSee(i.visibility()));
        });
    }

    @Override
    public Page<Revision> revisions(KnowledgeItemId id, PageRequest page) {
        return engine.read(actor, call -> {
            Load.visibleItem(call, id);
            return call.tx.revisions().list(id, page);
        });
    }

    @Override
    public Revision revision(KnowledgeItemId id, int number) {
        return engine.read(actor, call -> {
            Load.visibleItem(call, id);
            return call.tx.revisions().find(id, number).orElseThrow(
                    () -> new NotFoundException("knowledge item " + id + " has no revision " + number));
        });
    }

    @Override
    public boolean viewed(KnowledgeItemId id) {
        return Views.itemViewed(engine, actor, id);
    }

    @Override
    public KnowledgeItem confirm(KnowledgeItemId id, long expectedVersion, String note) {
        String n = Checks.text("note", note, 500);
        return change(id, expectedVersion, Action.PUBLISH_ITEM, Verb.CONFIRMED, null, (call, cur, practice, next) -> {
            requireStatus(cur, "confirm", ItemStatus.PUBLISHED, ItemStatus.NEEDS_REVIEW);
            next.status = ItemStatus.PUBLISHED;
            next.reviewBy = Optional.of(engine.reviewRules.reviewBy(cur, practice, call.now));
            int closed = Freshness.closeOpenTasks(call, id);
            Map<String, String> details = new java.util.LinkedHashMap<>();
            details.put("reviewBy", next.reviewBy.get().toString());
            details.put("tasksClosed", Integer.toString(closed));
            if (!n.isEmpty()) {
                details.put("note", n);
            }
            return details;
        });
    }

    private static void record(Call call, Verb verb, KnowledgeItem item, Map<String, String> details) {
        call.record(verb, Ref.of(ObjectType.KNOWLEDGE_ITEM, item.id()),
                item.supersededBy().filter(s -> verb == Verb.SUPERSEDED).map(s -> Ref.of(ObjectType.KNOWLEDGE_ITEM, s)),
                Optional.of(item.community()), item.visibility(), details);
    }
}
