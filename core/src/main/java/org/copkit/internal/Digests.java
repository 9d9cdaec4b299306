package org.copkit.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.copkit.AccessDeniedException;
import org.copkit.InvalidInputException;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.access.AccessRequest;
import org.copkit.access.Action;
import org.copkit.access.Actor;
import org.copkit.access.Audience;
import org.copkit.access.Visibility;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationId;
import org.copkit.conversation.ConversationKind;
import org.copkit.conversation.ConversationStatus;
import org.copkit.digest.Digest;
import org.copkit.digest.DigestEntry;
import org.copkit.digest.DigestMark;
import org.copkit.digest.DigestReport;
import org.copkit.digest.DigestSection;
import org.copkit.digest.DigestService;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.review.ReviewTask;
import org.copkit.review.ReviewTaskStatus;
import org.copkit.session.Session;
import org.copkit.session.SessionStatus;
import org.copkit.spi.ActivityFilter;
import org.copkit.spi.Transaction;
import org.copkit.subscription.NotificationFrequency;
import org.copkit.subscription.Subscription;

/**
 * Builds digests from the activity log of the period (what was published, changed, asked and accepted)
 * and the current state (only current, visible objects appear), and sends the due ones.
 */
final class Digests implements DigestService {
    /** How far after the period's end upcoming sessions are listed. */
    static final Duration UPCOMING = Duration.ofDays(14);

    private static final Set<Verb> ITEM_CHANGES = EnumSet.of(Verb.PUBLISHED, Verb.EDITED, Verb.CONFIRMED,
            Verb.RESTORED);
    private static final Comparator<DigestEntry> ORDER = Comparator.comparing(DigestEntry::section)
            .thenComparing(DigestEntry::at).thenComparing(e -> e.object().id());

    private final Engine engine;
    private final MemberId actor;

    Digests(Engine engine, MemberId actor) {
        this.engine = engine;
        this.actor = actor;
    }

    @Override
    public Digest digest(Instant from, Instant to) {
        Checks.present("from", from);
        Checks.present("to", to);
        requirePeriod(from, to);
        return engine.read(actor, call -> {
            requireMember(call);
            return build(call.tx, call.actor, from, to);
        });
    }

    @Override
    public Digest digest(Period period) {
        Checks.present("period", period);
        if (period.isNegative() || period.isZero()) {
            throw new InvalidInputException("period must be positive but was " + period);
        }
        return engine.read(actor, call -> {
            requireMember(call);
            ZoneId zone = call.tx.members().find(call.actor.member()).map(m -> m.profile().timeZone())
                    .orElse(java.time.ZoneOffset.UTC);
            Instant from = call.now.atZone(zone).minus(period).toInstant();
            requirePeriod(from, call.now);
            return build(call.tx, call.actor, from, call.now);
        });
    }

    private static void requireMember(Call call) {
        if (call.actor.system()) {
            throw new AccessDeniedException("the system actor has no digest; act as a member");
        }
    }

    private static void requirePeriod(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new InvalidInputException("from must be before to but was " + from + " / " + to);
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw new InvalidInputException("a digest covers at most " + MAX_PERIOD.toDays() + " days but "
                    + from + " / " + to + " spans " + Duration.between(from, to).toDays());
        }
    }

    @Override
    public DigestReport sendDue(NotificationFrequency frequency) {
        Checks.present("frequency", frequency);
        if (frequency != NotificationFrequency.DAILY && frequency != NotificationFrequency.WEEKLY) {
            throw new InvalidInputException("frequency must be DAILY or WEEKLY but was " + frequency);
        }
        Duration length = frequency == NotificationFrequency.DAILY ? Duration.ofDays(1) : Duration.ofDays(7);
        DigestReport report = engine.write(actor, call -> {
            call.check(AccessRequest.of(Action.SEND_DIGESTS));
            List<MemberId> marked = new ArrayList<>();
            List<Digest> delivered = new ArrayList<>();
            for (Member m : StoreReads.all(p -> call.tx.members().list(p))) {
                if (Subscriptions.preference(call.tx, m.id()).frequency() != frequency) {
                    continue;
                }
                // under the member's lock: a run on another node that got here first has committed its mark
                call.tx.lock(Ref.of(ObjectType.MEMBER, m.id()));
                Optional<DigestMark> mark = call.tx.digestMarks().find(m.id());
                Instant from = mark.filter(k -> k.frequency() == frequency).map(DigestMark::sentUpTo)
                        .orElse(call.now.minus(length));
                if (from.plus(length).isAfter(call.now)) {
                    continue;
                }
                if (Duration.between(from, call.now).compareTo(MAX_PERIOD) > 0) {
                    from = call.now.minus(MAX_PERIOD);
                }
                Digest d = build(call.tx, Engine.actor(call.tx, m.id()), from, call.now);
                if (mark.isPresent()) {
                    call.tx.digestMarks().update(new DigestMark(m.id(), frequency, call.now, mark.get().version() + 1));
                } else {
                    call.tx.digestMarks().insert(new DigestMark(m.id(), frequency, call.now, 1));
                }
                call.record(Verb.DIGEST_SENT, new Ref(ObjectType.DIGEST_MARK, m.id().value()), Optional.empty(),
                        Optional.empty(), new Visibility(Optional.empty(), Optional.empty(),
                                Audience.organization(m.organization()), true, Set.of(m.id())),
                        Map.of("frequency", frequency.name(), "entries", Integer.toString(d.entries().size())));
                marked.add(m.id());
                if (!d.isEmpty()) {
                    delivered.add(d);
                }
            }
            return new DigestReport(call.now, frequency, marked, delivered);
        });
        report.delivered().forEach(engine::deliverDigest);
        return report;
    }

    // ---- building --------------------------------------------------------------------------------

    /** What a member follows and where they are active. */
    private record Interests(Set<Ref> conversations, Set<String> tags, Set<PracticeId> practices,
            Set<CommunityId> communities, Set<MemberId> members, Set<CommunityId> active) {}

    private static Interests interests(Transaction tx, Actor viewer) {
        Set<Ref> conversations = new HashSet<>();
        Set<String> tags = new HashSet<>();
        Set<PracticeId> practices = new HashSet<>();
        Set<CommunityId> communities = new HashSet<>();
        Set<MemberId> members = new HashSet<>();
        for (Subscription s : StoreReads.all(p -> tx.subscriptions().listByMember(viewer.member(), p))) {
            Ref t = s.target();
            switch (t.type()) {
                case CONVERSATION -> conversations.add(t);
                case TAG -> tags.add(t.id());
                case PRACTICE -> practices.add(PracticeId.of(t.id()));
                case COMMUNITY -> communities.add(CommunityId.of(t.id()));
                case MEMBER -> members.add(MemberId.of(t.id()));
                default -> { }
            }
        }
        Set<CommunityId> active = new HashSet<>();
        viewer.memberships().values().stream().filter(org.copkit.community.Membership::active)
                .forEach(m -> active.add(m.community()));
        return new Interests(conversations, tags, practices, communities, members, active);
    }

    /** The reason of the first match: the object itself, a tag, the practice, the community, a person, being active. */
    private static Optional<String> reason(Transaction tx, Interests in, Optional<Ref> self, Set<String> tags,
            CommunityId community, Optional<PracticeId> practice, Set<MemberId> people) {
        if (self.isPresent() && in.conversations().contains(self.get())) {
            return Optional.of("you follow this " + self.get().type().name().toLowerCase(Locale.ROOT));
        }
        for (String tag : new TreeSet<>(tags)) {
            if (in.tags().contains(tag)) {
                return Optional.of("you follow tag '" + tag + "'");
            }
        }
        if (practice.isPresent() && in.practices().contains(practice.get())) {
            return Optional.of("you follow practice '" + tx.practices().find(practice.get()).map(p -> p.name())
                    .orElse(practice.get().value()) + "'");
        }
        if (in.communities().contains(community)) {
            return Optional.of("you follow community '" + communityName(tx, community) + "'");
        }
        for (MemberId m : new TreeSet<>(people)) {
            if (in.members().contains(m)) {
                return Optional.of("you follow member '" + tx.members().find(m).map(x -> x.profile().displayName())
                        .orElse(m.value()) + "'");
            }
        }
        if (in.active().contains(community)) {
            return Optional.of("you are active in community '" + communityName(tx, community) + "'");
        }
        return Optional.empty();
    }

    private static String communityName(Transaction tx, CommunityId c) {
        return tx.communities().find(c).map(x -> x.name()).orElse(c.value());
    }

    /** What the period's activities say happened to an object: the last relevant moment and whether it was published. */
    private static final class Touched {
        Instant last = Instant.MIN;
        boolean published;

        void saw(Activity a) {
            if (a.at().isAfter(last)) {
                last = a.at();
            }
            published |= a.verb() == Verb.PUBLISHED;
        }
    }

    /**
     * Builds the digest of {@code viewer} for [from, to). Reads the activity log newest first back to
     * {@code from} (the log is in commit order, which follows the clock), then judges every object by its
     * current state and the viewer's current scope. Changes by the viewer are left out.
     */
    static Digest build(Transaction tx, Actor viewer, Instant from, Instant to) {
        Interests in = interests(tx, viewer);
        Map<KnowledgeItemId, Touched> items = new HashMap<>();
        Map<ConversationId, Touched> accepted = new HashMap<>();
        Map<ConversationId, Touched> asked = new HashMap<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        scan:
        while (true) {
            Page<Activity> p = tx.activities().list(ActivityFilter.all(), page);
            for (Activity a : p.items()) {
                if (a.at().isBefore(from)) {
                    break scan;
                }
                if (!a.at().isBefore(to) || a.actor().equals(viewer.member())) {
                    continue;
                }
                if (a.object().type() == ObjectType.KNOWLEDGE_ITEM && ITEM_CHANGES.contains(a.verb())) {
                    items.computeIfAbsent(KnowledgeItemId.of(a.object().id()), k -> new Touched()).saw(a);
                } else if (a.verb() == Verb.ASKED && a.object().type() == ObjectType.CONVERSATION) {
                    asked.computeIfAbsent(ConversationId.of(a.object().id()), k -> new Touched()).saw(a);
                } else if (a.verb() == Verb.ACCEPTED && a.target().map(t -> t.type() == ObjectType.CONVERSATION)
                        .orElse(false)) {
                    accepted.computeIfAbsent(ConversationId.of(a.target().get().id()), k -> new Touched()).saw(a);
                }
            }
            if (p.next().isEmpty()) {
                break;
            }
            page = page.after(p.next().get());
        }
        List<DigestEntry> entries = new ArrayList<>();
        items.forEach((id, t) -> tx.items().find(id)
                .filter(i -> i.status() == ItemStatus.PUBLISHED || i.status() == ItemStatus.NEEDS_REVIEW)
                .filter(i -> viewer.canSee(i.visibility()))
                .ifPresent(i -> reason(tx, in, Optional.empty(), i.content().tags(), i.community(), i.practice(),
                        Set.of(i.owner())).ifPresent(r -> entries.add(new DigestEntry(
                                t.published ? DigestSection.NEW_ITEMS : DigestSection.UPDATED_ITEMS,
                                Ref.of(ObjectType.KNOWLEDGE_ITEM, i.id()), i.content().title(),
                                Optional.of(i.community()), t.last, r)))));
        questions(tx, viewer, in, accepted, ConversationStatus.ANSWERED, DigestSection.ANSWERED_QUESTIONS, entries);
        questions(tx, viewer, in, asked, ConversationStatus.OPEN, DigestSection.UNANSWERED_QUESTIONS, entries);
        sessions(tx, viewer, in, to, entries);
        for (ReviewTask task : StoreReads.all(p -> tx.reviewTasks().listByAssignee(viewer.member(),
                Set.of(ReviewTaskStatus.OPEN), p))) {
            tx.items().find(task.item()).filter(i -> viewer.canSee(i.visibility())).ifPresent(i -> entries.add(
                    new DigestEntry(DigestSection.REVIEW_TASKS, Ref.of(ObjectType.REVIEW_TASK, task.id()),
                            i.content().title(), Optional.of(task.community()), task.createdAt(),
                            "assigned to you for review (" + task.reason().name().toLowerCase(Locale.ROOT)
                                    .replace('_', ' ') + ")")));
        }
        entries.sort(ORDER);
        return new Digest(viewer.member(), from, to, entries);
    }

    private static void questions(Transaction tx, Actor viewer, Interests in, Map<ConversationId, Touched> touched,
            ConversationStatus status, DigestSection section, List<DigestEntry> entries) {
        touched.forEach((id, t) -> tx.conversations().find(id)
                .filter(c -> c.kind() == ConversationKind.QUESTION && c.status() == status)
                .filter(c -> viewer.canSee(c.visibility()))
                .ifPresent((Conversation c) -> reason(tx, in, Optional.of(Ref.of(ObjectType.CONVERSATION, c.id())),
                        c.content().tags(), c.community(), c.practice(), Set.of(c.author())).ifPresent(r -> entries.add(
                                new DigestEntry(section, Ref.of(ObjectType.CONVERSATION, c.id()), c.content().title(),
                                        Optional.of(c.community()), t.last, r)))));
    }

    private static void sessions(Transaction tx, Actor viewer, Interests in, Instant to, List<DigestEntry> entries) {
        Instant horizon = to.plus(UPCOMING);
        Map<org.copkit.session.SessionId, Session> found = new HashMap<>();
        Set<CommunityId> communities = new TreeSet<>(in.communities());
        communities.addAll(in.active());
        in.practices().forEach(p -> tx.practices().find(p).ifPresent(x -> communities.add(x.community())));
        for (CommunityId c : communities) {
            PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
            outer:
            while (true) {
                Page<Session> p = tx.sessions().listByCommunity(c, false, page);
                for (Session s : p.items()) {
                    if (!s.start().isBefore(horizon)) {
                        break outer;
                    }
                    found.put(s.id(), s);
                }
                if (p.next().isEmpty()) {
                    break;
                }
                page = page.after(p.next().get());
            }
        }
        in.members().forEach(m -> tx.sessions().listByHost(m).forEach(s -> found.put(s.id(), s)));
        for (Session s : found.values()) {
            if (s.status() != SessionStatus.SCHEDULED || s.start().isBefore(to) || !s.start().isBefore(horizon)
                    || !viewer.canSee(s.visibility())) {
                continue;
            }
            reason(tx, in, Optional.empty(), Set.of(), s.community(), s.practice(), s.hosts()).ifPresent(r -> entries.add(
                    new DigestEntry(DigestSection.UPCOMING_SESSIONS, Ref.of(ObjectType.SESSION, s.id()), s.title(),
                            Optional.of(s.community()), s.start(), r)));
        }
    }


    @Override
    public String toString() {
        return "Digests[" + actor + "]";
    }
}
