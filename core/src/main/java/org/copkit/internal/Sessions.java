package org.copkit.internal;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.copkit.ConflictException;
import org.copkit.InvalidInputException;
import org.copkit.NotFoundException;
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
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.Practice;
import org.copkit.community.PracticeId;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.Provenance;
import org.copkit.member.MemberId;
import org.copkit.session.Attendance;
import org.copkit.session.AttendanceMode;
import org.copkit.session.Placement;
import org.copkit.session.Recurrence;
import org.copkit.session.Rsvp;
import org.copkit.session.RsvpResponse;
import org.copkit.session.RsvpSummary;
import org.copkit.session.Session;
import org.copkit.session.SessionDraft;
import org.copkit.session.SessionId;
import org.copkit.session.SessionService;
import org.copkit.session.SessionStatus;
import org.copkit.session.SessionTimes;
import org.copkit.session.SessionWindow;
import org.copkit.spi.MembershipKey;
import org.copkit.spi.SessionMemberKey;

final class Sessions implements SessionService {
    private static final int MAX_HOSTS = 20;
    private static final int FEED_LIMIT = 1_000;
    private static final Comparator<Session> BY_START = Comparator.comparing(Session::start)
            .thenComparing(Session::id);

    private final Engine engine;
    private final MemberId actor;

    Sessions(Engine engine, MemberId actor) {
        this.engine = engine;
        this.actor = actor;
    }

    // ---------------------------------------------------------------- scheduling

    @Override
    public Session schedule(SessionDraft draft) {
        Checks.present("draft", draft);
        return engine.write(actor, call -> scheduleIn(call, draft, Optional.empty()));
    }

    @Override
    public List<Session> scheduleSeries(SessionDraft first, Recurrence recurrence, int count) {
        Checks.present("first", first);
        Checks.present("recurrence", recurrence);
        Checks.range("count", count, 1, 52);
        ZonedDateTime start = first.start().atZone(first.zone());
        ZonedDateTime end = first.end().atZone(first.zone());
        List<SessionDraft> drafts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // plusWeeks/plusMonths on a ZonedDateTime keep the local time and re-resolve the offset
            ZonedDateTime s = recurrence == Recurrence.WEEKLY ? start.plusWeeks(i) : start.plusMonths(i);
            ZonedDateTime e = recurrence == Recurrence.WEEKLY ? end.plusWeeks(i) : end.plusMonths(i);
            drafts.add(first.at(s, e));
        }
        return engine.write(actor, call -> {
            Optional<String> series = Optional.of(call.newId());
            List<Session> out = new ArrayList<>();
            for (SessionDraft d : drafts) {
                out.add(scheduleIn(call, d, series));
            }
            return out;
        });
    }

    private static Session scheduleIn(Call call, SessionDraft d, Optional<String> series) {
        Community c = Load.community(call.tx, d.community());
        Optional<Practice> practice = practice(call, c, d.practice());
        Audience audience = d.audience().orElseGet(() -> KnowledgeItems.defaultAudience(c, call));
        KnowledgeItems.requireOrganizations(call, "draft.audience", audience);
        call.check(AccessRequest.of(Action.SCHEDULE_SESSION).community(c).practice(practice).audience(audience));
        Set<MemberId> hosts = new LinkedHashSet<>();
        if (!call.actor.system()) {
            hosts.add(call.actor.member());
        }
        hosts.addAll(d.hosts());
        requireHosts(call, c, hosts);
        Session s = call.tx.sessions().insert(new Session(SessionId.of(call.newId()), c.id(), d.practice(), d.kind(),
                d.format(), d.title(), d.agenda(), d.start(), d.end(), d.zone(), d.place(), d.joinLink(),
                d.capacity(), hosts, audience, SessionStatus.SCHEDULED, 0, series, "", Set.of(), Set.of(), call.now,
                call.now, 1));
        Map<String, String> details = new LinkedHashMap<>(Map.of("kind", s.kind().name(), "format",
                s.format().name(), "start", s.start().toString(), "zone", s.zone().getId()));
        series.ifPresent(x -> details.put("series", x));
        record(call, Verb.SCHEDULED, s, Optional.empty(), s.visibility(), details);
        return s;
    }

    private static Optional<Practice> practice(Call call, Community c, Optional<PracticeId> id) {
        return Load.practiceIn(call.tx, c, id);
    }

    private static void requireHosts(Call call, Community c, Set<MemberId> hosts) {
        if (hosts.isEmpty()) {
            throw new InvalidInputException("draft.hosts must name at least one host");
        }
        if (hosts.size() > MAX_HOSTS) {
            throw new InvalidInputException("a session may have at most " + MAX_HOSTS + " hosts but would have "
                    + hosts.size());
        }
        for (MemberId h : hosts) {
            if (call.tx.memberships().find(new MembershipKey(c.id(), h)).filter(Membership::active).isEmpty()) {
                throw new InvalidInputException("draft.hosts names member " + h
                        + ", who is not an active member of community " + c.id());
            }
        }
    }

    // ---------------------------------------------------------------- changes by hosts

    @FunctionalInterface
    private interface Mutation {
        Session apply(Call call, Community c, Session current);
    }

    /** Loads a visible session, checks MANAGE_SESSION and the version (when given), applies and stores. */
    private <T> T manage(SessionId id, Optional<Long> expectedVersion, java.util.function.BiFunction<Call, Session,
            AccessRequest> request, java.util.function.BiFunction<Call, Session, T> work) {
        Checks.present("id", id);
        return engine.write(actor, call -> {
            Session current = locked(call, id);
            expectedVersion.ifPresent(v -> {
                if (current.version() != v) {
                    throw new ConflictException("session " + id + " was changed concurrently: it is at version "
                            + current.version() + ", the change expected " + v);
                }
            });
            call.check(request.apply(call, current));
            return work.apply(call, current);
        });
    }

    private static AccessRequest manageRequest(Call call, Session s) {
        Community c = Load.community(call.tx, s.community());
        return AccessRequest.of(Action.MANAGE_SESSION).community(c)
                .practice(s.practice().flatMap(p -> call.tx.practices().find(p))).session(s);
    }

    @Override
    public Session update(SessionId id, long expectedVersion, SessionDraft draft) {
        Checks.present("draft", draft);
        return manage(id, Optional.of(expectedVersion), (call, cur) -> {
            AccessRequest r = manageRequest(call, cur);
            return draft.audience().filter(a -> !a.equals(cur.audience())).map(r::audience).orElse(r);
        }, (call, cur) -> {
            requireScheduled(cur, "update");
            if (!draft.community().equals(cur.community())) {
                throw new InvalidInputException("draft.community must stay " + cur.community() + " but was "
                        + draft.community());
            }
            Community c = Load.community(call.tx, cur.community());
            practice(call, c, draft.practice());
            Audience audience = draft.audience().orElse(cur.audience());
            KnowledgeItems.requireOrganizations(call, "draft.audience", audience);
            requireHosts(call, c, draft.hosts());
            List<Rsvp> rsvps = call.tx.rsvps().listBySession(cur.id());
            for (Rsvp r : rsvps) {
                if (r.response() != RsvpResponse.DECLINED && !draft.format().modes().contains(r.mode())) {
                    throw new ConflictException("session " + id + " cannot become " + draft.format() + ": member "
                            + r.member() + " answered " + r.response() + " " + r.mode());
                }
            }
            boolean calendar = cur.kind() != draft.kind() || cur.format() != draft.format()
                    || !cur.title().equals(draft.title()) || !cur.agenda().equals(draft.agenda())
                    || !cur.start().equals(draft.start()) || !cur.end().equals(draft.end())
                    || !cur.zone().equals(draft.zone()) || !cur.place().equals(draft.place())
                    || !cur.joinLink().equals(draft.joinLink());
            Session next = call.tx.sessions().update(new Session(cur.id(), cur.community(), draft.practice(),
                    draft.kind(), draft.format(), draft.title(), draft.agenda(), draft.start(), draft.end(),
                    draft.zone(), draft.place(), draft.joinLink(), draft.capacity(), draft.hosts(), audience,
                    cur.status(), cur.sequence() + (calendar ? 1 : 0), cur.series(), cur.notes(), cur.outcomes(),
                    cur.questions(), cur.createdAt(), call.now, cur.version() + 1));
            record(call, Verb.UPDATED, next, Optional.empty(), next.visibility(), Map.of("kind", next.kind().name(),
                    "sequence", Integer.toString(next.sequence())));
            place(call, next, rsvps, Optional.empty());
            return next;
        });
    }

    @Override
    public Session cancel(SessionId id, long expectedVersion, String reason) {
        String why = Checks.text("reason", reason, 1_000);
        return manage(id, Optional.of(expectedVersion), Sessions::manageRequest, (call, cur) -> {
            requireScheduled(cur, "cancel");
            Session next = call.tx.sessions().update(with(cur, call, cur.sequence() + 1, SessionStatus.CANCELLED,
                    cur.notes(), cur.outcomes(), cur.questions()));
            Map<String, String> details = new LinkedHashMap<>(Map.of("kind", next.kind().name(), "sequence",
                    Integer.toString(next.sequence())));
            if (!why.isBlank()) {
                details.put("reason", why);
            }
            Activity a = record(call, Verb.CANCELLED, next, Optional.empty(), next.visibility(), details);
            for (Rsvp r : call.tx.rsvps().listBySession(id)) {
                if (r.response() != RsvpResponse.DECLINED) {
                    call.notify(r.member(), a, "the session '" + Checks.abbreviate(next.title())
                            + "' you signed up for was cancelled");
                }
            }
            return next;
        });
    }

    @Override
    public Session recordNotes(SessionId id, long expectedVersion, String notes) {
        String n = Checks.text("notes", notes, 100_000);
        return manage(id, Optional.of(expectedVersion), Sessions::manageRequest, (call, cur) -> {
            Session next = call.tx.sessions().update(with(cur, call, cur.sequence(), cur.status(), n,
                    cur.outcomes(), cur.questions()));
            record(call, Verb.UPDATED, next, Optional.empty(), next.visibility(), Map.of("kind",
                    next.kind().name(), "notes", Integer.toString(n.length())));
            return next;
        });
    }

    @Override
    public KnowledgeItem captureOutcome(SessionId id, ItemDraft draft) {
        Checks.present("draft", draft);
        return manage(id, Optional.empty(), Sessions::manageRequest, (call, cur) -> {
            if (!draft.community().equals(cur.community())) {
                throw new InvalidInputException("draft.community must be the session's community " + cur.community()
                        + " but was " + draft.community());
            }
            KnowledgeItem item = KnowledgeItems.create(call,
                    draft.withProvenance(Provenance.from(Provenance.Source.SESSION, cur.id().value())));
            Set<org.copkit.knowledge.KnowledgeItemId> outcomes = new LinkedHashSet<>(cur.outcomes());
            outcomes.add(item.id());
            Session next = call.tx.sessions().update(with(cur, call, cur.sequence(), cur.status(), cur.notes(),
                    outcomes, cur.questions()));
            record(call, Verb.CAPTURED, next, Optional.of(Ref.of(ObjectType.KNOWLEDGE_ITEM, item.id())),
                    item.visibility(), Map.of("kind", next.kind().name()));
            return item;
        });
    }

    @Override
    public Session linkQuestion(SessionId id, String conversationId) {
        String q = Checks.id("conversationId", conversationId);
        return manage(id, Optional.empty(), Sessions::manageRequest, (call, cur) -> {
            if (cur.questions().contains(q)) {
                return cur;
            }
            org.copkit.conversation.Conversation conversation = call.tx.conversations()
                    .find(org.copkit.conversation.ConversationId.of(q)).filter(c -> call.actor.canSee(c.visibility()))
                    .orElseThrow(() -> new InvalidInputException("conversationId names conversation " + q
                            + ", which does not exist"));
            if (!conversation.community().equals(cur.community())) {
                throw new InvalidInputException("conversationId names conversation " + q + " of community "
                        + conversation.community() + ", not of the session's community " + cur.community());
            }
            Set<String> questions = new LinkedHashSet<>(cur.questions());
            questions.add(q);
            Session next = call.tx.sessions().update(with(cur, call, cur.sequence(), cur.status(), cur.notes(),
                    cur.outcomes(), questions));
            Ref conversationRef = Ref.of(ObjectType.CONVERSATION, conversation.id());
            record(call, Verb.LINKED, next, Optional.of(conversationRef), next.visibility(),
                    Map.of("kind", next.kind().name(), "conversation", q));
            call.record(Verb.LINKED, conversationRef, Optional.of(Ref.of(ObjectType.SESSION, next.id())),
                    Optional.of(conversation.community()), conversation.visibility(), Map.of("session",
                            next.id().value()));
            return next;
        });
    }

    @Override
    public Attendance checkIn(SessionId id, MemberId member) {
        Checks.present("member", member);
        return manage(id, Optional.empty(), Sessions::manageRequest, (call, cur) -> {
            requireScheduled(cur, "check members in to");
            if (call.tx.members().find(member).isEmpty()) {
                throw new InvalidInputException("member " + member + " is not registered");
            }
            SessionMemberKey key = new SessionMemberKey(cur.id(), member);
            Optional<Attendance> existing = call.tx.attendances().find(key);
            if (existing.isPresent()) {
                return existing.get();
            }
            Attendance a = call.tx.attendances().insert(new Attendance(cur.id(), member, call.now,
                    call.actor.member(), 1));
            Map<String, String> details = new LinkedHashMap<>(Map.of("kind", cur.kind().name()));
            call.tx.rsvps().find(key).ifPresent(r -> details.put("mode", r.mode().name()));
            record(call, Verb.CHECKED_IN, cur, Optional.of(Ref.of(ObjectType.MEMBER, member)),
                    privateTo(cur, member), details);
            return a;
        });
    }

    private static Session with(Session s, Call call, int sequence, SessionStatus status, String notes,
            Set<org.copkit.knowledge.KnowledgeItemId> outcomes, Set<String> questions) {
        return new Session(s.id(), s.community(), s.practice(), s.kind(), s.format(), s.title(), s.agenda(),
                s.start(), s.end(), s.zone(), s.place(), s.joinLink(), s.capacity(), s.hosts(), s.audience(), status,
                sequence, s.series(), notes, outcomes, questions, s.createdAt(), call.now, s.version() + 1);
    }

    private static void requireScheduled(Session s, String what) {
        if (s.cancelled()) {
            throw new ConflictException("cannot " + what + " session " + s.id() + ": it is cancelled");
        }
    }

    // ---------------------------------------------------------------- answers

    @Override
    public Rsvp rsvp(SessionId id, RsvpResponse response, AttendanceMode mode) {
        Checks.present("id", id);
        Checks.present("response", response);
        Checks.present("mode", mode);
        return engine.write(actor, call -> {
            Session s = locked(call, id);
            Community c = Load.community(call.tx, s.community());
            call.check(AccessRequest.of(Action.RSVP_SESSION).community(c)
                    .practice(s.practice().flatMap(p -> call.tx.practices().find(p))).session(s));
            requireScheduled(s, "answer");
            if (!s.end().isAfter(call.now)) {
                throw new ConflictException("cannot answer session " + id + ": it ended at " + s.end());
            }
            if (!s.format().modes().contains(mode)) {
                throw new InvalidInputException("mode " + mode + " is not offered by " + s.format() + " session " + id
                        + "; choose one of " + s.format().modes());
            }
            MemberId me = call.actor.member();
            List<Rsvp> all = call.tx.rsvps().listBySession(id);
            Optional<Rsvp> existing = all.stream().filter(r -> r.member().equals(me)).findFirst();
            if (existing.filter(r -> r.response() == response && r.mode() == mode).isPresent()) {
                return existing.get();
            }
            long arrival = all.stream().mapToLong(Rsvp::arrival).max().orElse(0) + 1;
            Rsvp incoming = new Rsvp(id, me, response, mode,
                    response == RsvpResponse.GOING ? Optional.of(Placement.WAITLISTED) : Optional.empty(), call.now,
                    arrival, existing.map(Rsvp::version).orElse(0L) + 1);
            List<Rsvp> list = new ArrayList<>();
            all.stream().filter(r -> !r.member().equals(me)).forEach(list::add);
            list.add(incoming);
            Rsvp stored = place(call, s, list, Optional.of(incoming)).get(me);
            Map<String, String> details = new LinkedHashMap<>(Map.of("kind", s.kind().name(), "response",
                    response.name(), "mode", mode.name()));
            stored.placement().ifPresent(p -> details.put("placement", p.name()));
            record(call, Verb.RSVPED, s, Optional.of(Ref.of(ObjectType.MEMBER, me)), privateTo(s, me), details);
            if (stored.waitlisted()) {
                record(call, Verb.WAITLISTED, s, Optional.of(Ref.of(ObjectType.MEMBER, me)), privateTo(s, me),
                        Map.of("kind", s.kind().name(), "mode", mode.name()));
            }
            return stored;
        });
    }

    /**
     * Lets the rules place every answer, stores the answers whose placement changed (and the incoming
     * one), and records and notifies promotions.
     *
     * @return the stored answers by member
     */
    private static Map<MemberId, Rsvp> place(Call call, Session s, List<Rsvp> rsvps, Optional<Rsvp> incoming) {
        List<Rsvp> placed = call.engine.rsvpRules.place(s, rsvps);
        Map<MemberId, Rsvp> before = new HashMap<>();
        rsvps.forEach(r -> before.put(r.member(), r));
        if (placed == null || placed.size() != rsvps.size()) {
            throw new IllegalStateException("RsvpRules " + call.engine.rsvpRules + " returned "
                    + (placed == null ? "null" : placed.size() + " answers") + " for " + rsvps.size());
        }
        Map<MemberId, Rsvp> out = new HashMap<>();
        for (Rsvp p : placed) {
            Rsvp b = before.get(p.member());
            if (b == null || b.response() != p.response() || b.mode() != p.mode() || b.arrival() != p.arrival()) {
                throw new IllegalStateException("RsvpRules " + call.engine.rsvpRules
                        + " may only change placements but changed the answer of " + p.member());
            }
            boolean isIncoming = incoming.map(i -> i.member().equals(p.member())).orElse(false);
            if (isIncoming) {
                Rsvp stored = p.version() == 1 ? call.tx.rsvps().insert(p) : call.tx.rsvps().update(p);
                out.put(p.member(), stored);
            } else if (!p.placement().equals(b.placement())) {
                Rsvp stored = call.tx.rsvps().update(p.withVersion(b.version() + 1));
                out.put(p.member(), stored);
                if (b.waitlisted() && stored.confirmed()) {
                    Activity a = record(call, Verb.PROMOTED_FROM_WAITLIST, s,
                            Optional.of(Ref.of(ObjectType.MEMBER, p.member())), privateTo(s, p.member()),
                            Map.of("kind", s.kind().name(), "mode", p.mode().name()));
                    call.notify(p.member(), a, "a seat came free for you at session '"
                            + Checks.abbreviate(s.title()) + "'");
                }
            } else {
                out.put(p.member(), b);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Session get(SessionId id) {
        return engine.read(actor, call -> visible(call, id));
    }

    @Override
    public SessionTimes times(SessionId id) {
        return engine.read(actor, call -> {
            Session s = visible(call, id);
            ZoneId zone = call.tx.members().find(call.actor.member()).map(m -> m.profile().timeZone())
                    .orElse(s.zone());
            return SessionTimes.of(s, zone);
        });
    }

    @Override
    public Page<Session> list(CommunityId community, SessionWindow window, PageRequest page) {
        Checks.present("community", community);
        Checks.present("window", window);
        Checks.present("page", page);
        return engine.read(actor, call -> {
            Load.community(call.tx, community);
            Predicate<Session> inWindow = window == SessionWindow.UPCOMING ? s -> s.end().isAfter(call.now)
                    : s -> !s.end().isAfter(call.now);
            return Paging.filtered(page, p -> call.tx.sessions().listByCommunity(community,
                    window == SessionWindow.PAST, p), s -> inWindow.test(s) && call.actor.canSee(s.visibility()),
                    Sessions::cursor);
        });
    }

    @Override
    public Page<Session> upcoming(PageRequest page) {
        Checks.present("page", page);
        return engine.read(actor, call -> {
            List<Session> mine = mine(call).stream().filter(s -> s.end().isAfter(call.now)).toList();
            List<Session> after = mine;
            if (page.after().isPresent()) {
                String c = page.after().get();
                int bar = c.indexOf('|');
                java.time.Instant start;
                try {
                    start = java.time.Instant.parse(c.substring(0, Math.max(bar, 0)));
                } catch (java.time.format.DateTimeParseException e) {
                    throw new InvalidInputException("page.after must be a cursor returned by a previous page, was '"
                            + Checks.abbreviate(c) + "'");
                }
                String idPart = c.substring(bar + 1);
                after = mine.stream().filter(s -> s.start().isAfter(start)
                        || (s.start().equals(start) && s.id().value().compareTo(idPart) > 0)).toList();
            }
            if (after.size() <= page.limit()) {
                return new Page<>(after, Optional.empty());
            }
            List<Session> rows = after.subList(0, page.limit());
            return new Page<>(rows, Optional.of(cursor(rows.get(rows.size() - 1))));
        });
    }

    /** Sessions the actor hosts or answered GOING or MAYBE, visible to them, by start. */
    private static List<Session> mine(Call call) {
        MemberId me = call.actor.member();
        Map<SessionId, Session> found = new LinkedHashMap<>();
        call.tx.sessions().listByHost(me).forEach(s -> found.put(s.id(), s));
        for (Rsvp r : call.tx.rsvps().listByMember(me)) {
            if (r.response() != RsvpResponse.DECLINED && !found.containsKey(r.session())) {
                call.tx.sessions().find(r.session()).ifPresent(s -> found.put(s.id(), s));
            }
        }
        return found.values().stream().filter(s -> call.actor.canSee(s.visibility())).sorted(BY_START).toList();
    }

    @Override
    public RsvpSummary rsvps(SessionId id) {
        return engine.read(actor, call -> {
            Session s = visible(call, id);
            List<Rsvp> all = call.tx.rsvps().listBySession(id);
            List<Rsvp> shown = seesAll(call.actor, s) ? all
                    : all.stream().filter(r -> r.member().equals(call.actor.member())).toList();
            int inPerson = 0;
            int online = 0;
            int waiting = 0;
            int maybe = 0;
            int declined = 0;
            for (Rsvp r : all) {
                if (r.confirmed()) {
                    if (r.mode() == AttendanceMode.IN_PERSON) {
                        inPerson++;
                    } else {
                        online++;
                    }
                } else if (r.waitlisted()) {
                    waiting++;
                } else if (r.response() == RsvpResponse.MAYBE) {
                    maybe++;
                } else {
                    declined++;
                }
            }
            return new RsvpSummary(shown, inPerson, online, waiting, maybe, declined);
        });
    }

    @Override
    public List<Attendance> attendance(SessionId id) {
        return engine.read(actor, call -> {
            Session s = visible(call, id);
            List<Attendance> all = call.tx.attendances().listBySession(id);
            return seesAll(call.actor, s) ? all
                    : all.stream().filter(a -> a.member().equals(call.actor.member())).toList();
        });
    }

    @Override
    public String icalendar(SessionId id) {
        return engine.read(actor, call -> SessionCalendar.write(List.of(visible(call, id)), call.now));
    }

    @Override
    public String communityFeed(CommunityId community) {
        Checks.present("community", community);
        return engine.read(actor, call -> {
            Load.community(call.tx, community);
            List<Session> latest = new ArrayList<>();
            PageRequest p = PageRequest.first(PageRequest.MAX_LIMIT);
            while (latest.size() < FEED_LIMIT) {
                Page<Session> page = Paging.filtered(p, q -> call.tx.sessions().listByCommunity(community, true, q),
                        s -> call.actor.canSee(s.visibility()), Sessions::cursor);
                page.items().stream().limit(FEED_LIMIT - latest.size()).forEach(latest::add);
                if (page.next().isEmpty()) {
                    break;
                }
                p = p.after(page.next().get());
            }
            return SessionCalendar.write(latest.stream().sorted(BY_START).toList(), call.now);
        });
    }

    @Override
    public String memberFeed() {
        return engine.read(actor, call -> {
            List<Session> mine = mine(call);
            return SessionCalendar.write(mine.subList(Math.max(0, mine.size() - FEED_LIMIT), mine.size()), call.now);
        });
    }

    // ---------------------------------------------------------------- helpers

    /** A session the actor may see; an invisible one is reported exactly like a missing one. */
    private static Session visible(Call call, SessionId id) {
        return call.tx.sessions().find(Checks.present("session", id)).filter(s -> call.actor.canSee(s.visibility()))
                .orElseThrow(() -> new NotFoundException("session " + id + " does not exist"));
    }

    /**
     * A visible session, read once its lock is held. Every change of a session, its answers and its
     * attendance runs under the session's lock: confirmed answers never exceed the seats, arrival numbers
     * are distinct and the waitlist keeps arrival order ({@link org.copkit.session.RsvpRules}).
     */
    private static Session locked(Call call, SessionId id) {
        call.tx.lock(Ref.of(ObjectType.SESSION, Checks.present("session", id)));
        return visible(call, id);
    }

    private static boolean seesAll(Actor a, Session s) {
        return a.system() || a.coordinates(s.community())
                || (s.hosts().contains(a.member()) && a.isActiveIn(s.community()));
    }

    /** The storage cursor of a session in a listing by start: {@code start|id}. */
    private static String cursor(Session s) {
        return s.start() + "|" + s.id().value();
    }

    /**
     * Visibility of what concerns one member's part in a session (answers, promotions, attendance): only
     * that member and the session's hosts. The audience names the system organisation, which no member
     * belongs to, so only the editors are admitted.
     */
    private static Visibility privateTo(Session s, MemberId member) {
        Set<MemberId> editors = new LinkedHashSet<>(s.hosts());
        editors.add(member);
        return new Visibility(Optional.of(s.community()), s.practice(), Audience.organization(
                Actor.SYSTEM_ORGANIZATION), false, editors);
    }

    private static Activity record(Call call, Verb verb, Session s, Optional<Ref> target, Visibility visibility,
            Map<String, String> details) {
        return call.record(verb, Ref.of(ObjectType.SESSION, s.id()), target, Optional.of(s.community()), visibility,
                details);
    }
}
