package org.copkit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.access.ViewerScope;
import org.copkit.access.Visibility;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationId;
import org.copkit.conversation.ConversationKind;
import org.copkit.conversation.ConversationStatus;
import org.copkit.digest.DigestSection;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;
import org.copkit.spi.ActivityFilter;
import org.copkit.spi.ActivityHead;
import org.copkit.spi.ConversationHead;
import org.copkit.spi.Transaction;

/**
 * What the activity of a period touched, read once for a whole digest run: the knowledge items
 * published or changed, the questions asked and the answers accepted, each with its current state and
 * who touched it when. Members are then judged against it without reading the log again.
 *
 * <p>Most of a member's digest is shared with other members: within one community, which objects a
 * member may see depends only on their organisation and on whether they are active there (for
 * published objects; {@link ViewerScope#canSee}). The run keeps, per community, organisation, activity
 * and period start, the visible objects ranked newest first ({@link #shared}); a member's digest merges
 * the lists of their communities and corrects them for what concerns that member alone: objects they
 * touched themselves (their own changes are left out), objects they edit, unpublished objects, and what
 * they follow outside their communities (tags, practices, conversations, people). The cost per member
 * does not grow with the number of members.
 *
 * <p>Not thread-safe; one run at a time.
 */
final class DigestRun {
    /** A member id no real member has: the reader of the shared lists (never an editor). */
    private static final MemberId NOBODY = MemberId.of("copkit.digest.shared-reader");

    /** Newest first, then by object id: the order in which entries are picked for a section. */
    static final Comparator<Placed> RANK = Comparator.comparing(Placed::at).reversed()
            .thenComparing(p -> p.candidate().ref.id());

    /** One touch of an object by someone in the period. */
    private record Touch(Instant at, MemberId actor, boolean published) {}

    /** An object the period touched, in its state when the run started. */
    static final class Candidate {
        final Ref ref;
        /** Null for knowledge items (NEW or UPDATED depends on the touches), else the section. */
        final DigestSection section;
        final String title;
        final CommunityId community;
        final Optional<PracticeId> practice;
        final Set<String> tags;
        final MemberId person;
        final Visibility visibility;
        /** The conversation itself, for "you follow this conversation"; empty for items. */
        final Optional<Ref> self;
        private final List<Touch> touches = new ArrayList<>();

        Candidate(Ref ref, DigestSection section, String title, CommunityId community, Optional<PracticeId> practice,
                Set<String> tags, MemberId person, Visibility visibility, Optional<Ref> self) {
            this.ref = ref;
            this.section = section;
            this.title = title;
            this.community = community;
            this.practice = practice;
            this.tags = tags;
            this.person = person;
            this.visibility = visibility;
            this.self = self;
        }

        /**
         * Where the object goes in the digest of [from, to) for a reader, leaving out the reader's own
         * touches (null: everyone's count).
         *
         * @return the entry's section and moment, or null when nobody else touched it in the period
         */
        Placed place(Instant from, Instant to, MemberId reader) {
            Instant last = null;
            boolean published = false;
            for (Touch t : touches) {
                if (t.at().isBefore(from) || !t.at().isBefore(to) || t.actor().equals(reader)) {
                    continue;
                }
                if (last == null || t.at().isAfter(last)) {
                    last = t.at();
                }
                published |= t.published();
            }
            if (last == null) {
                return null;
            }
            DigestSection s = section != null ? section
                    : published ? DigestSection.NEW_ITEMS : DigestSection.UPDATED_ITEMS;
            return new Placed(this, s, last);
        }
    }

    /** A candidate as it appears in one digest. */
    record Placed(Candidate candidate, DigestSection section, Instant at) {}

    /** What one group of readers shares in one community: every visible object, ranked per section. */
    static final class Shared {
        final Map<Candidate, Placed> placed = new HashMap<>();
        final Map<DigestSection, List<Placed>> ranked = new EnumMap<>(DigestSection.class);
    }

    private record SharedKey(CommunityId community, OrganizationId organization, boolean active, Instant from) {}

    private final Instant to;
    private final Map<CommunityId, List<Candidate>> byCommunity = new HashMap<>();
    private final Map<MemberId, Set<Candidate>> byActor = new HashMap<>();
    private final Map<MemberId, Set<Candidate>> byEditor = new HashMap<>();
    private final Map<MemberId, Set<Candidate>> byPerson = new HashMap<>();
    private final Map<String, Set<Candidate>> byTag = new HashMap<>();
    private final Map<PracticeId, Set<Candidate>> byPractice = new HashMap<>();
    private final Map<Ref, Candidate> bySelf = new HashMap<>();
    private final Map<CommunityId, List<Candidate>> unpublished = new HashMap<>();
    private final Map<SharedKey, Shared> shared = new HashMap<>();

    private final Instant from;

    private DigestRun(Instant from, Instant to) {
        this.from = from;
        this.to = to;
    }

    /** @return the start of the span the run read */
    Instant from() {
        return from;
    }

    /** @return the end of the run's periods */
    Instant to() {
        return to;
    }

    /** The verbs a digest lists: item changes, questions asked, answers accepted. */
    static final Set<Verb> VERBS;

    static {
        Set<Verb> verbs = java.util.EnumSet.copyOf(Digests.ITEM_CHANGES);
        verbs.add(Verb.ASKED);
        verbs.add(Verb.ACCEPTED);
        VERBS = java.util.Collections.unmodifiableSet(verbs);
    }

    /** The touches of the period per item, per question asked and per question accepted. */
    private static final class Touches {
        final Map<KnowledgeItemId, List<Touch>> items = new HashMap<>();
        final Map<ConversationId, List<Touch>> accepted = new HashMap<>();
        final Map<ConversationId, List<Touch>> asked = new HashMap<>();

        void add(ActivityHead a) {
            if (a.object().type() == ObjectType.KNOWLEDGE_ITEM && Digests.ITEM_CHANGES.contains(a.verb())) {
                items.computeIfAbsent(KnowledgeItemId.of(a.object().id()), k -> new ArrayList<>())
                        .add(new Touch(a.at(), a.actor(), a.verb() == Verb.PUBLISHED));
            } else if (a.verb() == Verb.ASKED && a.object().type() == ObjectType.CONVERSATION) {
                asked.computeIfAbsent(ConversationId.of(a.object().id()), k -> new ArrayList<>())
                        .add(new Touch(a.at(), a.actor(), false));
            } else if (a.verb() == Verb.ACCEPTED && a.target().map(t -> t.type() == ObjectType.CONVERSATION)
                    .orElse(false)) {
                accepted.computeIfAbsent(ConversationId.of(a.target().get().id()), k -> new ArrayList<>())
                        .add(new Touch(a.at(), a.actor(), false));
            }
        }

        Set<ConversationId> questions() {
            Set<ConversationId> questions = new HashSet<>(accepted.keySet());
            questions.addAll(asked.keySet());
            return questions;
        }
    }

    /**
     * Reads the activity of [from, to) once, newest first back to {@code from}, and the current state of
     * every object it touched (current knowledge items, open or answered questions): the run of {@link
     * Digests#sendDue}, which serves every member.
     */
    static DigestRun read(Transaction tx, Instant from, Instant to) {
        DigestRun run = new DigestRun(from, to);
        Touches touches = new Touches();
        // newest first back to the period's start (the log's commit order follows the clock)
        StoreReads.stream(p -> tx.activities().list(ActivityFilter.all(), p)).takeWhile(a -> !a.at().isBefore(from))
                .filter(a -> a.at().isBefore(to)).forEach(a -> touches.add(ActivityHead.of(a)));
        tx.items().findAll(touches.items.keySet()).forEach((id, i) -> {
            if (i.status() == ItemStatus.PUBLISHED || i.status() == ItemStatus.NEEDS_REVIEW) {
                run.add(item(i), touches.items.get(id));
            }
        });
        Map<ConversationId, Conversation> found = tx.conversations().findAll(touches.questions());
        touches.accepted.forEach((id, t) -> question(found.get(id), ConversationStatus.ANSWERED,
                DigestSection.ANSWERED_QUESTIONS).ifPresent(c -> run.add(c, t)));
        touches.asked.forEach((id, t) -> question(found.get(id), ConversationStatus.OPEN,
                DigestSection.UNANSWERED_QUESTIONS).ifPresent(c -> run.add(c, t)));
        return run;
    }

    /**
     * Reads what one member's digest of [from, to) needs when the member follows no tags and no people:
     * the listed activities of the given communities only ({@link
     * org.copkit.spi.Repositories.Activities#listHeads}) and the heads of the objects they touched
     * (status, visibility, title; no bodies). The candidates carry no tags, which a reader who follows
     * no tags never asks for.
     *
     * @param communities the communities the member follows or is active in, and those of the practices
     *     and conversations they follow
     */
    static DigestRun readHeads(Transaction tx, Set<CommunityId> communities, Instant from, Instant to) {
        DigestRun run = new DigestRun(from, to);
        Touches touches = new Touches();
        for (CommunityId c : communities) {
            tx.activities().listHeads(c, VERBS, from, to).forEach(touches::add);
        }
        tx.items().findHeads(touches.items.keySet()).forEach((id, i) -> {
            if (i.status() == ItemStatus.PUBLISHED || i.status() == ItemStatus.NEEDS_REVIEW) {
                run.add(new Candidate(Ref.of(ObjectType.KNOWLEDGE_ITEM, i.id()), null, i.title(), i.community(),
                        i.practice(), Set.of(), i.owner(), i.visibility(), Optional.empty()), touches.items.get(id));
            }
        });
        Map<ConversationId, ConversationHead> found = tx.conversations().findHeads(touches.questions());
        touches.accepted.forEach((id, t) -> question(found.get(id), ConversationStatus.ANSWERED,
                DigestSection.ANSWERED_QUESTIONS).ifPresent(c -> run.add(c, t)));
        touches.asked.forEach((id, t) -> question(found.get(id), ConversationStatus.OPEN,
                DigestSection.UNANSWERED_QUESTIONS).ifPresent(c -> run.add(c, t)));
        return run;
    }

    private static Optional<Candidate> question(ConversationHead c, ConversationStatus status,
            DigestSection section) {
        if (c == null || c.kind() != ConversationKind.QUESTION || c.status() != status) {
            return Optional.empty();
        }
        Ref ref = Ref.of(ObjectType.CONVERSATION, c.id());
        return Optional.of(new Candidate(ref, section, c.title(), c.community(), c.practice(), Set.of(), c.author(),
                c.visibility(), Optional.of(ref)));
    }

    private static Candidate item(KnowledgeItem i) {
        return new Candidate(Ref.of(ObjectType.KNOWLEDGE_ITEM, i.id()), null, i.content().title(), i.community(),
                i.practice(), i.content().tags(), i.owner(), i.visibility(), Optional.empty());
    }

    private static Optional<Candidate> question(Conversation c, ConversationStatus status, DigestSection section) {
        if (c == null || c.kind() != ConversationKind.QUESTION || c.status() != status) {
            return Optional.empty();
        }
        Ref ref = Ref.of(ObjectType.CONVERSATION, c.id());
        return Optional.of(new Candidate(ref, section, c.content().title(), c.community(), c.practice(),
                c.content().tags(), c.author(), c.visibility(), Optional.of(ref)));
    }

    private void add(Candidate c, List<Touch> touches) {
        c.touches.addAll(touches);
        byCommunity.computeIfAbsent(c.community, k -> new ArrayList<>()).add(c);
        touches.forEach(t -> byActor.computeIfAbsent(t.actor(), k -> new LinkedHashSet<>()).add(c));
        c.visibility.editors().forEach(e -> byEditor.computeIfAbsent(e, k -> new LinkedHashSet<>()).add(c));
        byPerson.computeIfAbsent(c.person, k -> new LinkedHashSet<>()).add(c);
        c.tags.forEach(t -> byTag.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(c));
        c.practice.ifPresent(p -> byPractice.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(c));
        c.self.ifPresent(s -> bySelf.put(s, c));
        if (c.visibility.unpublished()) {
            unpublished.computeIfAbsent(c.community, k -> new ArrayList<>()).add(c);
        }
    }

    /**
     * The published objects of a community that every reader of an organisation, active there or not,
     * may see, placed for the period from {@code from}; computed once per run and group.
     */
    Shared shared(CommunityId community, OrganizationId organization, boolean active, Instant from) {
        return shared.computeIfAbsent(new SharedKey(community, organization, active, from), k -> {
            ViewerScope reader = new ViewerScope(NOBODY, organization, active ? Set.of(community) : Set.of(),
                    Set.of(), Set.of(), false);
            Shared s = new Shared();
            for (Candidate c : byCommunity.getOrDefault(community, List.of())) {
                if (c.visibility.unpublished() || !reader.canSee(c.visibility)) {
                    continue;
                }
                Placed p = c.place(from, to, null);
                if (p != null) {
                    s.placed.put(c, p);
                    s.ranked.computeIfAbsent(p.section(), x -> new ArrayList<>()).add(p);
                }
            }
            s.ranked.values().forEach(l -> l.sort(RANK));
            return s;
        });
    }

    private final Map<CommunityId, List<org.copkit.session.Session>> upcoming = new HashMap<>();
    private final Map<MemberId, List<org.copkit.session.Session>> hosted = new HashMap<>();

    /** The scheduled sessions of a community that start in [to, to + {@link Digests#UPCOMING}), once per run. */
    List<org.copkit.session.Session> upcoming(Transaction tx, CommunityId community) {
        Instant horizon = to.plus(Digests.UPCOMING);
        return upcoming.computeIfAbsent(community, c -> StoreReads.stream(p -> tx.sessions().listByCommunity(c, false,
                p)).takeWhile(s -> s.start().isBefore(horizon)).toList());
    }

    /** The sessions a member hosts, once per run. */
    List<org.copkit.session.Session> hostedBy(Transaction tx, MemberId host) {
        return hosted.computeIfAbsent(host, h -> tx.sessions().listByHost(h));
    }

    /**
     * The objects whose place in a reader's digest the shared lists may get wrong: touched or edited by
     * the reader, unpublished, or in a community outside {@code communities} but followed otherwise.
     */
    Set<Candidate> ownFor(MemberId reader, Set<CommunityId> communities, Set<String> tags, Set<PracticeId> practices,
            Set<Ref> conversations, Set<MemberId> people) {
        Set<Candidate> own = new LinkedHashSet<>();
        own.addAll(byActor.getOrDefault(reader, Set.of()));
        own.addAll(byEditor.getOrDefault(reader, Set.of()));
        communities.forEach(c -> own.addAll(unpublished.getOrDefault(c, List.of())));
        List<Candidate> followed = new ArrayList<>();
        tags.forEach(t -> followed.addAll(byTag.getOrDefault(t, Set.of())));
        practices.forEach(p -> followed.addAll(byPractice.getOrDefault(p, Set.of())));
        conversations.forEach(c -> Optional.ofNullable(bySelf.get(c)).ifPresent(followed::add));
        people.forEach(m -> followed.addAll(byPerson.getOrDefault(m, Set.of())));
        // inside the reader's communities the shared lists have them already
        followed.stream().filter(c -> !communities.contains(c.community)).forEach(own::add);
        return own;
    }
}
