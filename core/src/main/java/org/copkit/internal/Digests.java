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
import org.copkit.access.ViewerScope;
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

    static final Set<Verb> ITEM_CHANGES = EnumSet.of(Verb.PUBLISHED, Verb.EDITED, Verb.CONFIRMED,
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
            return own(call, from, to);
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
            return own(call, from, call.now);
        });
    }

    /**
     * The acting member's digest of [from, to). A member who follows no tags and no people can only be
     * shown objects of the communities they follow or are active in and of the practices and
     * conversations they follow: only those communities' activity of the period is read, with the heads
     * of the objects it touched ({@link DigestRun#readHeads}), not the whole log. Otherwise (a followed
     * tag or person may appear in any community) the whole period is read, as {@link #sendDue} does.
     */
    private static Digest own(Call call, Instant from, Instant to) {
        return build(call.tx, runFor(call.tx, call.actor, from, to), call.actor, from, new Names());
    }

    /** What the digest of one member of [from, to) reads: see {@link #own}. */
    static DigestRun runFor(Transaction tx, Actor reader, Instant from, Instant to) {
        Interests in = interests(tx, reader);
        if (!in.tags().isEmpty() || !in.members().isEmpty()) {
            return DigestRun.read(tx, from, to);
        }
        Set<CommunityId> communities = new TreeSet<>(in.communities());
        communities.addAll(in.active());
        in.practices().forEach(p -> tx.practices().find(p).ifPresent(x -> communities.add(x.community())));
        tx.conversations().findHeads(in.conversations().stream().map(r -> ConversationId.of(r.id())).toList())
                .values().forEach(c -> communities.add(c.community()));
        return DigestRun.readHeads(tx, communities, from, to);
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

    /** Members per transaction of {@link #sendDue}. */
    static final int CHUNK = 100;

    /**
     * Sends in chunks of {@value #CHUNK} members, through an outbox on the digest marks. First finds the
     * due members, the earliest start of their periods and the members whose pending digest's lease has
     * passed (reads). Those pending digests are delivered again first ({@link #redeliver}). Then the run
     * reads the activity of the due members' span once ({@link DigestRun}) and per chunk builds the
     * digests in a read transaction, marks them in a short write transaction that locks the chunk's
     * members and reads their marks again (a run on another node may have sent them meanwhile: they are
     * skipped) and records each non-empty digest as pending with a lease of {@link #DELIVERY_LEASE};
     * after that commit it hands them to the notifier and, in one more short write transaction, clears
     * the pending state of those the notifier accepted. A run that stops anywhere leaves the chunks it
     * committed marked and their undelivered digests pending; a later run sends the rest and, once the
     * lease has passed, delivers the pending ones. No transaction holds more than one chunk's locks.
     */
    @Override
    public DigestReport sendDue(NotificationFrequency frequency) {
        Checks.present("frequency", frequency);
        if (frequency != NotificationFrequency.DAILY && frequency != NotificationFrequency.WEEKLY) {
            throw new InvalidInputException("frequency must be DAILY or WEEKLY but was " + frequency);
        }
        Duration length = frequency == NotificationFrequency.DAILY ? Duration.ofDays(1) : Duration.ofDays(7);
        Instant now = engine.read(actor, call -> {
            call.check(AccessRequest.of(Action.SEND_DIGESTS));
            return call.now;
        });
        Map<MemberId, Due> due = new java.util.LinkedHashMap<>();
        Map<MemberId, DigestMark> expired = new java.util.LinkedHashMap<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            PageRequest current = page;
            Page<Member> members = engine.storage.read(tx -> {
                Page<Member> p = tx.members().list(current);
                Scan scan = scan(tx, p.items().stream().map(Member::id).toList(), frequency, length, now);
                due.putAll(scan.due());
                expired.putAll(scan.expired());
                return p;
            });
            if (members.next().isEmpty()) {
                break;
            }
            page = page.after(members.next().get());
        }
        List<MemberId> marked = new ArrayList<>();
        List<Digest> delivered = new ArrayList<>(redeliver(expired, now));
        if (due.isEmpty()) {
            return new DigestReport(now, frequency, marked, sorted(delivered));
        }
        Instant earliest = due.values().stream().map(Due::from).min(Instant::compareTo).orElseThrow();
        DigestRun run = engine.storage.read(tx -> DigestRun.read(tx, earliest, now));
        Names names = new Names();
        List<MemberId> ids = new ArrayList<>(due.keySet());
        Instant lease = now.plus(DELIVERY_LEASE);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<MemberId> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            // built in a read transaction, so the write transaction that marks them stays short
            Map<MemberId, Digest> built = engine.storage.read(tx -> {
                Map<MemberId, Digest> digests = new java.util.LinkedHashMap<>();
                chunk.forEach(m -> engine.actorOf(tx, m).ifPresent(
                        reader -> digests.put(m, build(tx, run, reader, due.get(m).from(), names.in(tx)))));
                return digests;
            });
            List<Digest> pending = new ArrayList<>();
            List<MemberId> chunkMarked = engine.write(actor, call -> {
                pending.clear();
                // under the members' locks: a run on another node that got here first has committed its marks
                call.tx.lock(chunk.stream().map(m -> Ref.of(ObjectType.MEMBER, m)).toList());
                Map<MemberId, Due> still = scan(call.tx, chunk, frequency, length, now).due();
                Map<MemberId, Member> readers = call.tx.members().findAll(still.keySet());
                List<MemberId> done = new ArrayList<>();
                List<Activity> activities = new ArrayList<>();
                for (Map.Entry<MemberId, Due> e : still.entrySet()) {
                    Digest d = built.get(e.getKey());
                    Member reader = readers.get(e.getKey());
                    if (d == null || reader == null || !d.from().equals(e.getValue().from())) {
                        continue; // changed since it was built: the next run sends it
                    }
                    // the outbox: a non-empty digest stays pending until the notifier accepted it
                    Optional<Instant> pendingFrom = d.isEmpty() ? Optional.empty() : Optional.of(d.from());
                    Optional<Instant> leaseUntil = d.isEmpty() ? Optional.empty() : Optional.of(lease);
                    Optional<DigestMark> mark = e.getValue().mark();
                    if (mark.isPresent()) {
                        call.tx.digestMarks().update(new DigestMark(e.getKey(), frequency, now, pendingFrom,
                                leaseUntil, mark.get().version() + 1));
                    } else {
                        call.tx.digestMarks().insert(new DigestMark(e.getKey(), frequency, now, pendingFrom,
                                leaseUntil, 1));
                    }
                    activities.add(new Activity(0, call.actor.member(), Verb.DIGEST_SENT,
                            new Ref(ObjectType.DIGEST_MARK, e.getKey().value()), Optional.empty(), Optional.empty(),
                            now, new Visibility(Optional.empty(), Optional.empty(),
                                    Audience.organization(reader.organization()), true, Set.of(e.getKey())),
                            Map.of("frequency", frequency.name(), "entries", Integer.toString(d.entries().size()
                                    + d.omitted().values().stream().mapToInt(Integer::intValue).sum()))));
                    done.add(e.getKey());
                    if (!d.isEmpty()) {
                        pending.add(d);
                    }
                }
                call.recordAll(activities);
                return done;
            });
            marked.addAll(chunkMarked);
            delivered.addAll(deliver(pending));
        }
        return new DigestReport(now, frequency, marked, sorted(delivered));
    }

    private static List<Digest> sorted(List<Digest> digests) {
        List<Digest> list = new ArrayList<>(digests);
        list.sort(Comparator.comparing(d -> d.member().value()));
        return list;
    }

    /**
     * Hands committed, pending digests to the notifier, then clears the pending state of those it
     * accepted in one write transaction under their members' locks (only where the mark still names
     * that period as pending). Those it refused stay pending until their lease passes.
     *
     * @return the digests the notifier accepted
     */
    private List<Digest> deliver(List<Digest> pending) {
        List<Digest> accepted = new ArrayList<>();
        for (Digest d : pending) {
            if (engine.deliverDigest(d)) {
                accepted.add(d);
            }
        }
        confirm(accepted.stream().collect(java.util.stream.Collectors.toMap(Digest::member, Digest::to,
                (a, b) -> a, java.util.LinkedHashMap::new)));
        return accepted;
    }

    /** Clears the pending state of the members' marks whose pending period ends at the given instant. */
    private void confirm(Map<MemberId, Instant> ends) {
        if (ends.isEmpty()) {
            return;
        }
        engine.storage.write(tx -> {
            tx.lock(ends.keySet().stream().map(m -> Ref.of(ObjectType.MEMBER, m)).toList());
            tx.digestMarks().findAll(ends.keySet()).forEach((m, mark) -> {
                if (mark.pending() && mark.sentUpTo().equals(ends.get(m))) {
                    tx.digestMarks().update(new DigestMark(m, mark.frequency(), mark.sentUpTo(), mark.version() + 1));
                }
            });
            return null;
        });
    }

    /**
     * Delivers again, chunk by chunk, the pending digests whose lease has passed (their run stopped
     * between marking and confirming, or the notifier refused them): claims them under the members'
     * locks with a new lease (a run on another node that claimed them first is seen and skipped),
     * rebuilds each digest of its recorded period [pendingFrom, sentUpTo) from the current state, hands
     * it to the notifier and confirms it. A member who no longer exists, or whose digest is now empty,
     * is confirmed without delivery.
     *
     * @return the digests the notifier accepted
     */
    private List<Digest> redeliver(Map<MemberId, DigestMark> expired, Instant now) {
        List<Digest> accepted = new ArrayList<>();
        List<MemberId> ids = new ArrayList<>(expired.keySet());
        Map<Instant, DigestRun> runs = new HashMap<>();
        Names names = new Names();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<MemberId> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            Map<MemberId, DigestMark> claimed = engine.storage.write(tx -> {
                tx.lock(chunk.stream().map(m -> Ref.of(ObjectType.MEMBER, m)).toList());
                Map<MemberId, DigestMark> mine = new java.util.LinkedHashMap<>();
                tx.digestMarks().findAll(chunk).forEach((m, mark) -> {
                    if (mark.pending() && !mark.leaseUntil().orElseThrow().isAfter(now)) {
                        DigestMark claim = new DigestMark(m, mark.frequency(), mark.sentUpTo(), mark.pendingFrom(),
                                Optional.of(now.plus(DELIVERY_LEASE)), mark.version() + 1);
                        tx.digestMarks().update(claim);
                        mine.put(m, claim);
                    }
                });
                return mine;
            });
            if (claimed.isEmpty()) {
                continue;
            }
            Map<MemberId, Instant> gone = new java.util.LinkedHashMap<>();
            List<Digest> rebuilt = engine.storage.read(tx -> {
                gone.clear();
                List<Digest> digests = new ArrayList<>();
                claimed.forEach((m, mark) -> {
                    Instant start = mark.pendingFrom().orElseThrow();
                    Optional<Actor> reader = engine.actorOf(tx, m);
                    if (reader.isEmpty()) {
                        gone.put(m, mark.sentUpTo());
                        return;
                    }
                    // one shared run per period end: a crashed run's members share theirs
                    DigestRun run = runs.get(mark.sentUpTo());
                    if (run == null || run.from().isAfter(start)) {
                        Instant earliest = claimed.values().stream().filter(k -> k.sentUpTo().equals(mark.sentUpTo()))
                                .map(k -> k.pendingFrom().orElseThrow()).min(Instant::compareTo).orElseThrow();
                        run = DigestRun.read(tx, earliest, mark.sentUpTo());
                        runs.put(mark.sentUpTo(), run);
                    }
                    Digest d = build(tx, run, reader.get(), start, names.in(tx));
                    if (d.isEmpty()) {
                        gone.put(m, mark.sentUpTo());
                    } else {
                        digests.add(d);
                    }
                });
                return digests;
            });
            confirm(gone);
            accepted.addAll(deliver(rebuilt));
        }
        return accepted;
    }

    /** A member whose digest is due: the start of the period, and the stored mark to update (if any). */
    private record Due(Instant from, Optional<DigestMark> mark) {}

    /** What a pass over some members found: whose digest is due, and whose pending digest's lease has passed. */
    private record Scan(Map<MemberId, Due> due, Map<MemberId, DigestMark> expired) {}

    /**
     * Of the members, those whose preference is the frequency and whose last digest of it ended a whole
     * period ago or longer, with the start of their next period (at most {@link #MAX_PERIOD} back) and
     * their stored mark; and, whatever their preference, those whose pending digest's lease has passed.
     * A member whose last digest is still pending is not due: it is delivered first.
     */
    private static Scan scan(Transaction tx, List<MemberId> members, NotificationFrequency frequency,
            Duration length, Instant now) {
        Map<MemberId, org.copkit.subscription.NotificationPreference> preferences =
                tx.notificationPreferences().findAll(members);
        Map<MemberId, DigestMark> marks = tx.digestMarks().findAll(members);
        Map<MemberId, Due> due = new java.util.LinkedHashMap<>();
        Map<MemberId, DigestMark> expired = new java.util.LinkedHashMap<>();
        for (MemberId m : members) {
            DigestMark mark = marks.get(m);
            if (mark != null && mark.pending()) {
                if (!mark.leaseUntil().orElseThrow().isAfter(now)) {
                    expired.put(m, mark);
                }
                continue;
            }
            NotificationFrequency wanted = Optional.ofNullable(preferences.get(m))
                    .map(org.copkit.subscription.NotificationPreference::frequency)
                    .orElse(org.copkit.subscription.NotificationPreference.DEFAULT);
            if (wanted != frequency) {
                continue;
            }
            Instant from = Optional.ofNullable(mark).filter(k -> k.frequency() == frequency)
                    .map(DigestMark::sentUpTo).orElse(now.minus(length));
            if (from.plus(length).isAfter(now)) {
                continue;
            }
            if (Duration.between(from, now).compareTo(MAX_PERIOD) > 0) {
                from = now.minus(MAX_PERIOD);
            }
            due.put(m, new Due(from, Optional.ofNullable(mark)));
        }
        return new Scan(due, expired);
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
    private static Optional<String> reason(Names names, Interests in, Optional<Ref> self, Set<String> tags,
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
            return Optional.of("you follow practice '" + names.practice(practice.get()) + "'");
        }
        if (in.communities().contains(community)) {
            return Optional.of("you follow community '" + names.community(community) + "'");
        }
        for (MemberId m : new TreeSet<>(people)) {
            if (in.members().contains(m)) {
                return Optional.of("you follow member '" + names.member(m) + "'");
            }
        }
        if (in.active().contains(community)) {
            return Optional.of("you are active in community '" + names.community(community) + "'");
        }
        return Optional.empty();
    }

    /**
     * Names of practices, communities and members for the reasons, read once per run (a digest run reads
     * them in whichever transaction is current).
     */
    static final class Names {
        private final Map<PracticeId, String> practices = new HashMap<>();
        private final Map<CommunityId, String> communities = new HashMap<>();
        private final Map<MemberId, String> members = new HashMap<>();
        private Transaction tx;

        Names in(Transaction current) {
            this.tx = current;
            return this;
        }

        String practice(PracticeId p) {
            return practices.computeIfAbsent(p, k -> tx.practices().find(k).map(x -> x.name()).orElse(k.value()));
        }

        String community(CommunityId c) {
            return communities.computeIfAbsent(c, k -> tx.communities().find(k).map(x -> x.name()).orElse(k.value()));
        }

        String member(MemberId m) {
            return members.computeIfAbsent(m, k -> tx.members().find(k).map(x -> x.profile().displayName())
                    .orElse(k.value()));
        }
    }

    /**
     * Builds the digest of {@code viewer} for [from, run.to()) from what the run read: merges the shared
     * lists of the viewer's communities (followed or active), corrects them for what concerns the viewer
     * alone ({@link DigestRun#ownFor}), keeps the {@value Digest#SHOWN_PER_SECTION} most recent entries of
     * each section and counts the rest. Changes by the viewer are left out; objects are judged by their
     * state when the run read them and the viewer's current scope.
     */
    static Digest build(Transaction tx, DigestRun run, Actor viewer, Instant from, Names names) {
        names.in(tx);
        Interests in = interests(tx, viewer);
        ViewerScope scope = viewer.scope();
        MemberId me = viewer.member();
        Set<CommunityId> mine = new TreeSet<>(in.communities());
        mine.addAll(in.active());
        Set<DigestRun.Candidate> own = run.ownFor(me, mine, in.tags(), in.practices(), in.conversations(),
                in.members());
        Map<DigestSection, Integer> counts = new java.util.EnumMap<>(DigestSection.class);
        List<DigestRun.Placed> picked = new ArrayList<>();
        for (CommunityId c : mine) {
            DigestRun.Shared shared = run.shared(c, scope.organization(), scope.communities().contains(c), from);
            shared.ranked.forEach((section, ranked) -> {
                counts.merge(section, ranked.size(), Integer::sum);
                int taken = 0;
                for (int i = 0; i < ranked.size() && taken < Digest.SHOWN_PER_SECTION; i++) {
                    if (!own.contains(ranked.get(i).candidate())) {
                        picked.add(ranked.get(i));
                        taken++;
                    }
                }
            });
            for (DigestRun.Candidate o : own) {
                DigestRun.Placed p = shared.placed.get(o);
                if (p != null) {
                    counts.merge(p.section(), -1, Integer::sum);
                }
            }
        }
        for (DigestRun.Candidate o : own) {
            DigestRun.Placed p = o.place(from, run.to(), me);
            if (p == null || !scope.canSee(o.visibility) || (!mine.contains(o.community)
                    && reason(names, in, o.self, o.tags, o.community, o.practice, Set.of(o.person)).isEmpty())) {
                continue;
            }
            counts.merge(p.section(), 1, Integer::sum);
            picked.add(p);
        }
        List<DigestEntry> entries = new ArrayList<>();
        Map<DigestSection, Integer> omitted = new java.util.EnumMap<>(DigestSection.class);
        Map<DigestSection, List<DigestRun.Placed>> bySection = new java.util.EnumMap<>(DigestSection.class);
        picked.forEach(p -> bySection.computeIfAbsent(p.section(), k -> new ArrayList<>()).add(p));
        bySection.forEach((section, list) -> {
            list.sort(DigestRun.RANK);
            List<DigestRun.Placed> shown = list.subList(0, Math.min(Digest.SHOWN_PER_SECTION, list.size()));
            for (DigestRun.Placed p : shown) {
                DigestRun.Candidate c = p.candidate();
                entries.add(new DigestEntry(section, c.ref, c.title, Optional.of(c.community), p.at(),
                        reason(names, in, c.self, c.tags, c.community, c.practice, Set.of(c.person))
                                .orElseThrow()));
            }
            omitted.put(section, counts.getOrDefault(section, 0) - shown.size());
        });
        cap(DigestSection.UPCOMING_SESSIONS, sessions(tx, run, scope, in, names), entries, omitted);
        List<DigestEntry> tasks = new ArrayList<>();
        for (ReviewTask task : StoreReads.all(p -> tx.reviewTasks().listByAssignee(me,
                Set.of(ReviewTaskStatus.OPEN), p))) {
            tx.items().find(task.item()).filter(i -> scope.canSee(i.visibility())).ifPresent(i -> tasks.add(
                    new DigestEntry(DigestSection.REVIEW_TASKS, Ref.of(ObjectType.REVIEW_TASK, task.id()),
                            i.content().title(), Optional.of(task.community()), task.createdAt(),
                            "assigned to you for review (" + task.reason().name().toLowerCase(Locale.ROOT)
                                    .replace('_', ' ') + ")")));
        }
        cap(DigestSection.REVIEW_TASKS, tasks, entries, omitted);
        entries.sort(ORDER);
        return new Digest(me, from, run.to(), entries, omitted);
    }

    /** Adds the most recent (sessions: the soonest) entries of a section and counts the rest. */
    private static void cap(DigestSection section, List<DigestEntry> all, List<DigestEntry> entries,
            Map<DigestSection, Integer> omitted) {
        List<DigestEntry> ranked = new ArrayList<>(all);
        Comparator<DigestEntry> byAt = Comparator.comparing(DigestEntry::at);
        ranked.sort((section == DigestSection.UPCOMING_SESSIONS ? byAt : byAt.reversed())
                .thenComparing(e -> e.object().id()));
        entries.addAll(ranked.subList(0, Math.min(Digest.SHOWN_PER_SECTION, ranked.size())));
        omitted.put(section, Math.max(0, ranked.size() - Digest.SHOWN_PER_SECTION));
    }

    private static List<DigestEntry> sessions(Transaction tx, DigestRun run, ViewerScope scope, Interests in,
            Names names) {
        Instant to = run.to();
        Instant horizon = to.plus(UPCOMING);
        Map<org.copkit.session.SessionId, Session> found = new HashMap<>();
        Set<CommunityId> communities = new TreeSet<>(in.communities());
        communities.addAll(in.active());
        in.practices().forEach(p -> tx.practices().find(p).ifPresent(x -> communities.add(x.community())));
        for (CommunityId c : communities) {
            run.upcoming(tx, c).forEach(s -> found.put(s.id(), s));
        }
        in.members().forEach(m -> run.hostedBy(tx, m).forEach(s -> found.put(s.id(), s)));
        List<DigestEntry> entries = new ArrayList<>();
        for (Session s : found.values()) {
            if (s.status() != SessionStatus.SCHEDULED || s.start().isBefore(to) || !s.start().isBefore(horizon)
                    || !scope.canSee(s.visibility())) {
                continue;
            }
            reason(names, in, Optional.empty(), Set.of(), s.community(), s.practice(), s.hosts()).ifPresent(r ->
                    entries.add(new DigestEntry(DigestSection.UPCOMING_SESSIONS, Ref.of(ObjectType.SESSION, s.id()),
                            s.title(), Optional.of(s.community()), s.start(), r)));
        }
        return entries;
    }

    @Override
    public String toString() {
        return "Digests[" + actor + "]";
    }
}
