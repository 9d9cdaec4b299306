package org.copkit.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.copkit.ConflictException;
import org.copkit.InvalidInputException;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.activity.Activity;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.MembershipState;
import org.copkit.community.Practice;
import org.copkit.community.PracticeId;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationId;
import org.copkit.conversation.ConversationKind;
import org.copkit.conversation.ConversationRevision;
import org.copkit.conversation.ConversationStatus;
import org.copkit.conversation.Post;
import org.copkit.conversation.PostId;
import org.copkit.conversation.PostRevision;
import org.copkit.conversation.Vote;
import org.copkit.domain.Competency;
import org.copkit.domain.Domain;
import org.copkit.domain.DomainId;
import org.copkit.internal.Checks;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.knowledge.Revision;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.Organization;
import org.copkit.member.OrganizationId;
import org.copkit.spi.ActivityFilter;
import org.copkit.spi.Change;
import org.copkit.spi.MembershipKey;
import org.copkit.spi.Repositories;
import org.copkit.spi.Transaction;

/** A transaction of {@link InMemoryStorage}: reads see committed state plus own writes; commit applies all. */
final class MemTransaction implements Transaction {
    private final InMemoryStorage store;
    private final boolean writable;
    private final List<MemTableView<?, ?>> views = new ArrayList<>();
    private final List<Change> changes = new ArrayList<>();
    private final List<Activity> activities = new ArrayList<>();
    private final LinkedHashMap<InMemoryStorage.RevisionKey, Revision> revisions = new LinkedHashMap<>();

    private final MemTableView<OrganizationId, Organization> organizations;
    private final MemTableView<MemberId, Member> members;
    private final MemTableView<DomainId, Domain> domains;
    private final MemTableView<org.copkit.domain.CompetencyId, Competency> competencies;
    private final MemTableView<CommunityId, Community> communities;
    private final MemTableView<MembershipKey, Membership> memberships;
    private final MemTableView<PracticeId, Practice> practices;
    private final MemTableView<KnowledgeItemId, KnowledgeItem> items;
    private final MemTableView<MembershipKey, org.copkit.participation.ParticipationLevel> participationLevels;
    private final MemTableView<org.copkit.member.EndorsementId, org.copkit.member.Endorsement> endorsements;
    private final MemTableView<org.copkit.value.ValueStoryId, org.copkit.value.ValueStory> valueStories;
    private final MemTableView<org.copkit.review.ReviewTaskId, org.copkit.review.ReviewTask> reviewTasks;
    private final MemTableView<org.copkit.subscription.SubscriptionId, org.copkit.subscription.Subscription> subscriptions;
    private final MemTableView<MemberId, org.copkit.subscription.NotificationPreference> preferences;

    private final MemTableView<org.copkit.session.SessionId, org.copkit.session.Session> sessions;
    private final MemTableView<org.copkit.spi.SessionMemberKey, org.copkit.session.Rsvp> rsvps;
    private final MemTableView<org.copkit.spi.SessionMemberKey, org.copkit.session.Attendance> attendances;
    private final MemTableView<ConversationId, Conversation> conversations;
    private final MemTableView<PostId, Post> posts;
    private final MemTableView<org.copkit.onboarding.LearningPathId, org.copkit.onboarding.LearningPath> learningPaths;
    private final MemTableView<MemberId, org.copkit.digest.DigestMark> digestMarks;
    private final LinkedHashMap<InMemoryStorage.ConversationRevisionKey, ConversationRevision> conversationRevisions =
            new LinkedHashMap<>();
    private final LinkedHashMap<InMemoryStorage.PostRevisionKey, PostRevision> postRevisions = new LinkedHashMap<>();
    /** Staged votes; an empty value removes the vote. */
    private final java.util.TreeMap<InMemoryStorage.VoteKey, Optional<Vote>> votes = new java.util.TreeMap<>();

    MemTransaction(InMemoryStorage store, boolean writable) {
        this.store = store;
        this.writable = writable;
        organizations = view(store.organizations);
        members = view(store.members);
        domains = view(store.domains);
        competencies = view(store.competencies);
        communities = view(store.communities);
        memberships = view(store.memberships);
        practices = view(store.practices);
        items = view(store.items);
        participationLevels = view(store.participationLevels);
        endorsements = view(store.endorsements);
        valueStories = view(store.valueStories);
        reviewTasks = view(store.reviewTasks);
        subscriptions = view(store.subscriptions);
        preferences = view(store.preferences);
        sessions = view(store.sessions);
        rsvps = view(store.rsvps);
        attendances = view(store.attendances);
        conversations = view(store.conversations);
        posts = view(store.posts);
        learningPaths = view(store.learningPaths);
        digestMarks = view(store.digestMarks);
    }

    private <K, V> MemTableView<K, V> view(MemTable<K, V> table) {
        MemTableView<K, V> v = new MemTableView<>(table, this);
        views.add(v);
        return v;
    }

    /** Write transactions of this storage never overlap, so holding the storage's write lock covers every aggregate. */
    @Override
    public void lock(java.util.Collection<Ref> aggregates) {
        Transaction.lockOrder(aggregates);
        checkWritable();
    }

    void checkWritable() {
        if (!writable) {
            throw new IllegalStateException("write attempted in a read-only transaction");
        }
    }

    void changed(Ref ref, long version) {
        changes.add(new Change(store.lastChange + changes.size() + 1, ref, version, store.clock.instant()));
    }

    void commit() {
        views.forEach(MemTableView::commit);
        store.revisions.putAll(revisions);
        store.changeLog.addAll(changes);
        if (!changes.isEmpty()) {
            store.lastChange = changes.get(changes.size() - 1).sequence();
        }
        store.activityLog.addAll(activities);
        store.conversationRevisions.putAll(conversationRevisions);
        store.postRevisions.putAll(postRevisions);
        votes.forEach((k, v) -> v.ifPresentOrElse(x -> store.votes.put(k, x), () -> store.votes.remove(k)));
    }

    /** Keyset paging over rows already in listing order. */
    static <V> Page<V> page(Stream<V> ordered, Predicate<V> afterCursor, Function<V, String> cursor, PageRequest req) {
        Stream<V> s = req.after().isPresent() ? ordered.filter(afterCursor) : ordered;
        List<V> rows = s.limit(req.limit() + 1L).toList();
        if (rows.size() <= req.limit()) {
            return new Page<>(rows, Optional.empty());
        }
        List<V> pageRows = rows.subList(0, req.limit());
        return new Page<>(pageRows, Optional.of(cursor.apply(pageRows.get(pageRows.size() - 1))));
    }

    /** Parses a cursor that must be a non-negative number, rejecting anything else as invalid input. */
    private static long numericCursor(String cursor, String what, long max) {
        try {
            long value = Long.parseLong(cursor);
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("after must be a " + what + " returned by a previous page, was '"
                + Checks.abbreviate(cursor) + "'");
    }

    private static <V> Page<V> pageById(Stream<V> ordered, Function<V, String> id, PageRequest req) {
        String after = req.after().orElse("");
        return page(ordered, v -> id.apply(v).compareTo(after) > 0, id, req);
    }

    @Override
    public Repositories.Organizations organizations() {
        return new OrganizationsRepo();
    }

    @Override
    public Repositories.Members members() {
        return new MembersRepo();
    }

    @Override
    public Repositories.Domains domains() {
        return new DomainsRepo();
    }

    @Override
    public Repositories.Competencies competencies() {
        return new CompetenciesRepo();
    }

    @Override
    public Repositories.Communities communities() {
        return new CommunitiesRepo();
    }

    @Override
    public Repositories.Memberships memberships() {
        return new MembershipsRepo();
    }

    @Override
    public Repositories.Practices practices() {
        return new PracticesRepo();
    }

    @Override
    public Repositories.KnowledgeItems items() {
        return new ItemsRepo();
    }

    @Override
    public Repositories.Revisions revisions() {
        return new RevisionsRepo();
    }

    @Override
    public Repositories.Activities activities() {
        return new ActivitiesRepo();
    }

    /** Delegates find/insert/update to a view. */
    private abstract static class Delegating<K, V> {
        final MemTableView<K, V> view;

        Delegating(MemTableView<K, V> view) {
            this.view = view;
        }

        public Optional<V> find(K key) {
            return view.find(key);
        }

        public V insert(V entity) {
            return view.insert(entity);
        }

        public V update(V entity) {
            return view.update(entity);
        }
    }

    private final class OrganizationsRepo extends Delegating<OrganizationId, Organization>
            implements Repositories.Organizations {
        OrganizationsRepo() {
            super(organizations);
        }

        @Override
        public Page<Organization> list(PageRequest page) {
            return pageById(view.values(), o -> o.id().value(), page);
        }
    }

    private final class MembersRepo extends Delegating<MemberId, Member> implements Repositories.Members {
        MembersRepo() {
            super(members);
        }

        @Override
        public Page<Member> list(PageRequest page) {
            return pageById(view.values(), m -> m.id().value(), page);
        }

        @Override
        public Page<Member> listByOrganization(OrganizationId organization, PageRequest page) {
            return pageById(view.values().filter(m -> m.organization().equals(organization)), m -> m.id().value(),
                    page);
        }
    }

    private final class DomainsRepo extends Delegating<DomainId, Domain> implements Repositories.Domains {
        DomainsRepo() {
            super(domains);
        }

        @Override
        public Page<Domain> list(PageRequest page) {
            return pageById(view.values(), d -> d.id().value(), page);
        }
    }

    private final class CompetenciesRepo extends Delegating<org.copkit.domain.CompetencyId, Competency>
            implements Repositories.Competencies {
        CompetenciesRepo() {
            super(competencies);
        }

        @Override
        public Page<Competency> listByDomain(DomainId domain, PageRequest page) {
            return pageById(view.values().filter(c -> c.domain().equals(domain)), c -> c.id().value(), page);
        }
    }

    private final class CommunitiesRepo extends Delegating<CommunityId, Community>
            implements Repositories.Communities {
        CommunitiesRepo() {
            super(communities);
        }

        @Override
        public Page<Community> list(PageRequest page) {
            return pageById(view.values(), c -> c.id().value(), page);
        }
    }

    private final class MembershipsRepo extends Delegating<MembershipKey, Membership>
            implements Repositories.Memberships {
        MembershipsRepo() {
            super(memberships);
        }

        @Override
        public Page<Membership> listByCommunity(CommunityId community, Set<MembershipState> states,
                PageRequest page) {
            return pageById(view.values().filter(m -> m.community().equals(community))
                    .filter(m -> states.isEmpty() || states.contains(m.state())), m -> m.member().value(), page);
        }

        @Override
        public List<Membership> listByMember(MemberId member) {
            return view.values().filter(m -> m.member().equals(member))
                    .sorted(Comparator.comparing(Membership::community)).toList();
        }
    }

    private final class PracticesRepo extends Delegating<PracticeId, Practice> implements Repositories.Practices {
        PracticesRepo() {
            super(practices);
        }

        @Override
        public List<Practice> listByCommunity(CommunityId community) {
            return view.values().filter(p -> p.community().equals(community)).toList();
        }

        @Override
        public List<Practice> listStewardedBy(MemberId member) {
            return view.values().filter(p -> p.stewards().contains(member)).toList();
        }
    }

    private final class ItemsRepo extends Delegating<KnowledgeItemId, KnowledgeItem>
            implements Repositories.KnowledgeItems {
        ItemsRepo() {
            super(items);
        }

        @Override
        public Page<KnowledgeItem> listByCommunity(CommunityId community, Optional<PracticeId> practice,
                Set<ItemStatus> statuses, PageRequest page) {
            return pageById(view.values().filter(i -> i.community().equals(community))
                    .filter(i -> practice.isEmpty() || i.practice().equals(practice))
                    .filter(i -> statuses.isEmpty() || statuses.contains(i.status())), i -> i.id().value(), page);
        }

        @Override
        public Page<KnowledgeItem> list(PageRequest page) {
            return pageById(view.values(), i -> i.id().value(), page);
        }

        @Override
        public Page<KnowledgeItem> listDueForReview(Instant before, PageRequest page) {
            Checks.present("before", before);
            return pageById(view.values().filter(i -> i.status() == ItemStatus.PUBLISHED)
                    .filter(i -> i.reviewBy().map(r -> r.isBefore(before)).orElse(false)), i -> i.id().value(), page);
        }
    }

    private final class RevisionsRepo implements Repositories.Revisions {
        @Override
        public void insert(Revision revision) {
            checkWritable();
            InMemoryStorage.RevisionKey key = new InMemoryStorage.RevisionKey(revision.item(), revision.number());
            if (find(revision.item(), revision.number()).isPresent()) {
                throw new ConflictException("knowledge item " + revision.item() + " already has revision "
                        + revision.number());
            }
            revisions.put(key, revision);
        }

        @Override
        public Optional<Revision> find(KnowledgeItemId item, int number) {
            InMemoryStorage.RevisionKey key = new InMemoryStorage.RevisionKey(item, number);
            Revision r = revisions.get(key);
            return Optional.ofNullable(r != null ? r : store.revisions.get(key));
        }

        @Override
        public Page<Revision> list(KnowledgeItemId item, PageRequest page) {
            int after = page.after().map(c -> (int) numericCursor(c, "revision number", Integer.MAX_VALUE)).orElse(0);
            Stream<Revision> all = Stream.concat(
                    store.revisions.subMap(new InMemoryStorage.RevisionKey(item, 0), true,
                            new InMemoryStorage.RevisionKey(item, Integer.MAX_VALUE), true).values().stream(),
                    revisions.values().stream().filter(r -> r.item().equals(item)))
                    .sorted(Comparator.comparingInt(Revision::number));
            return page(all, r -> r.number() > after, r -> Integer.toString(r.number()), page);
        }
    }

    private final class ActivitiesRepo implements Repositories.Activities {
        @Override
        public Activity append(Activity activity) {
            checkWritable();
            Activity stored = activity.withSequence(store.activityLog.size() + activities.size() + 1L);
            activities.add(stored);
            return stored;
        }

        @Override
        public Page<Activity> list(ActivityFilter filter, PageRequest page) {
            long before = page.after().map(c -> numericCursor(c, "activity sequence", Long.MAX_VALUE))
                    .orElse(Long.MAX_VALUE);
            List<Activity> all = new ArrayList<>(store.activityLog);
            all.addAll(activities);
            Stream<Activity> newestFirst = java.util.stream.IntStream.range(0, all.size())
                    .mapToObj(i -> all.get(all.size() - 1 - i))
                    .filter(a -> filter.community().isEmpty() || a.community().equals(filter.community()))
                    .filter(a -> filter.actor().isEmpty() || a.actor().equals(filter.actor().get()))
                    .filter(a -> filter.object().isEmpty() || a.object().equals(filter.object().get()));
            return page(newestFirst, a -> a.sequence() < before, a -> Long.toString(a.sequence()), page);
        }

        @Override
        public Page<Activity> listSince(CommunityId community, Instant since, PageRequest page) {
            long after = page.after().map(c -> numericCursor(c, "activity sequence", Long.MAX_VALUE)).orElse(0L);
            Stream<Activity> oldestFirst = Stream.concat(store.activityLog.stream(), activities.stream())
                    .filter(a -> a.community().equals(Optional.of(community))).filter(a -> !a.at().isBefore(since));
            return page(oldestFirst, a -> a.sequence() > after, a -> Long.toString(a.sequence()), page);
        }

        @Override
        public Page<Activity> listInvolving(CommunityId community, MemberId member, PageRequest page) {
            long before = page.after().map(c -> numericCursor(c, "activity sequence", Long.MAX_VALUE))
                    .orElse(Long.MAX_VALUE);
            Ref asTarget = new Ref(org.copkit.ObjectType.MEMBER, member.value());
            List<Activity> all = new ArrayList<>(store.activityLog);
            all.addAll(activities);
            Stream<Activity> newestFirst = java.util.stream.IntStream.range(0, all.size())
                    .mapToObj(i -> all.get(all.size() - 1 - i))
                    .filter(a -> a.community().equals(Optional.of(community)))
                    .filter(a -> a.actor().equals(member) || a.target().equals(Optional.of(asTarget)));
            return page(newestFirst, a -> a.sequence() < before, a -> Long.toString(a.sequence()), page);
        }
    }

    // ---- participation levels, endorsements and value stories

    @Override
    public Repositories.ParticipationLevels participationLevels() {
        return new ParticipationLevelsRepo();
    }

    @Override
    public Repositories.Endorsements endorsements() {
        return new EndorsementsRepo();
    }

    @Override
    public Repositories.ValueStories valueStories() {
        return new ValueStoriesRepo();
    }

    private final class ParticipationLevelsRepo
            extends Delegating<MembershipKey, org.copkit.participation.ParticipationLevel>
            implements Repositories.ParticipationLevels {
        ParticipationLevelsRepo() {
            super(participationLevels);
        }

        @Override
        public Page<org.copkit.participation.ParticipationLevel> listByCommunity(CommunityId community,
                PageRequest page) {
            return pageById(view.values().filter(l -> l.community().equals(community)), l -> l.member().value(),
                    page);
        }
    }

    private final class EndorsementsRepo
            extends Delegating<org.copkit.member.EndorsementId, org.copkit.member.Endorsement>
            implements Repositories.Endorsements {
        EndorsementsRepo() {
            super(endorsements);
        }

        @Override
        public org.copkit.member.Endorsement insert(org.copkit.member.Endorsement e) {
            checkWritable();
            if (find(e.endorsee(), e.competency(), e.endorser()).isPresent()) {
                throw new ConflictException(e.endorser() + " already endorsed competency " + e.competency() + " of "
                        + e.endorsee());
            }
            return super.insert(e);
        }

        @Override
        public Optional<org.copkit.member.Endorsement> find(MemberId endorsee, org.copkit.domain.CompetencyId competency,
                MemberId endorser) {
            return view.values().filter(e -> e.endorsee().equals(endorsee) && e.competency().equals(competency)
                    && e.endorser().equals(endorser)).findFirst();
        }

        @Override
        public Page<org.copkit.member.Endorsement> listByEndorsee(MemberId endorsee, PageRequest page) {
            return pageById(view.values().filter(e -> e.endorsee().equals(endorsee)), e -> e.id().value(), page);
        }
    }

    private final class ValueStoriesRepo extends Delegating<org.copkit.value.ValueStoryId, org.copkit.value.ValueStory>
            implements Repositories.ValueStories {
        ValueStoriesRepo() {
            super(valueStories);
        }

        @Override
        public Page<org.copkit.value.ValueStory> listByCommunity(CommunityId community, PageRequest page) {
            return pageById(view.values().filter(s -> s.community().equals(community)), s -> s.id().value(), page);
        }
    }

    // ---- freshness and subscriptions ------------------------------------------------------------

    @Override
    public Repositories.ReviewTasks reviewTasks() {
        return new ReviewTasksRepo();
    }

    @Override
    public Repositories.Subscriptions subscriptions() {
        return new SubscriptionsRepo();
    }

    @Override
    public Repositories.NotificationPreferences notificationPreferences() {
        return new PreferencesRepo();
    }

    private final class ReviewTasksRepo
            extends Delegating<org.copkit.review.ReviewTaskId, org.copkit.review.ReviewTask>
            implements Repositories.ReviewTasks {
        ReviewTasksRepo() {
            super(reviewTasks);
        }

        @Override
        public List<org.copkit.review.ReviewTask> listByItem(KnowledgeItemId item) {
            return view.values().filter(t -> t.item().equals(item)).toList();
        }

        @Override
        public Page<org.copkit.review.ReviewTask> listByAssignee(MemberId member,
                Set<org.copkit.review.ReviewTaskStatus> statuses, PageRequest page) {
            return pageById(view.values().filter(t -> t.assignees().contains(member))
                    .filter(t -> statuses.isEmpty() || statuses.contains(t.status())), t -> t.id().value(), page);
        }

        @Override
        public Page<org.copkit.review.ReviewTask> listByCommunity(CommunityId community,
                Set<org.copkit.review.ReviewTaskStatus> statuses, PageRequest page) {
            return pageById(view.values().filter(t -> t.community().equals(community))
                    .filter(t -> statuses.isEmpty() || statuses.contains(t.status())), t -> t.id().value(), page);
        }
    }

    private final class SubscriptionsRepo
            extends Delegating<org.copkit.subscription.SubscriptionId, org.copkit.subscription.Subscription>
            implements Repositories.Subscriptions {
        SubscriptionsRepo() {
            super(subscriptions);
        }

        @Override
        public org.copkit.subscription.Subscription insert(org.copkit.subscription.Subscription entity) {
            find(entity.member(), entity.target()).ifPresent(s -> {
                throw new ConflictException("member " + entity.member() + " already has subscription " + s.id()
                        + " to " + entity.target());
            });
            return super.insert(entity);
        }

        @Override
        public Optional<org.copkit.subscription.Subscription> find(MemberId member, Ref target) {
            return view.values().filter(s -> s.member().equals(member) && s.target().equals(target)).findFirst();
        }

        @Override
        public Page<org.copkit.subscription.Subscription> listByMember(MemberId member, PageRequest page) {
            return pageById(view.values().filter(s -> s.member().equals(member) && s.active()),
                    s -> s.id().value(), page);
        }

        @Override
        public Page<org.copkit.subscription.Subscription> listByTarget(Ref target, PageRequest page) {
            return pageById(view.values().filter(s -> s.target().equals(target) && s.active())
                    .sorted(Comparator.comparing(org.copkit.subscription.Subscription::member)),
                    s -> s.member().value(), page);
        }

        @Override
        public List<org.copkit.subscription.Subscription> listByTargets(java.util.Collection<Ref> targets) {
            java.util.Map<Ref, Integer> order = new java.util.HashMap<>();
            for (Ref t : targets) {
                order.putIfAbsent(t, order.size());
            }
            return view.values().filter(s -> s.active() && order.containsKey(s.target()))
                    .sorted(Comparator.<org.copkit.subscription.Subscription>comparingInt(s -> order.get(s.target()))
                            .thenComparing(org.copkit.subscription.Subscription::member))
                    .toList();
        }
    }

    private final class PreferencesRepo extends Delegating<MemberId, org.copkit.subscription.NotificationPreference>
            implements Repositories.NotificationPreferences {
        PreferencesRepo() {
            super(preferences);
        }
    }

    @Override
    public Repositories.Sessions sessions() {
        return new SessionsRepo();
    }

    @Override
    public Repositories.Rsvps rsvps() {
        return new RsvpsRepo();
    }

    @Override
    public Repositories.Attendances attendances() {
        return new AttendancesRepo();
    }

    private static final Comparator<org.copkit.session.Session> BY_START = Comparator
            .comparing(org.copkit.session.Session::start).thenComparing(org.copkit.session.Session::id);

    private final class SessionsRepo extends Delegating<org.copkit.session.SessionId, org.copkit.session.Session>
            implements Repositories.Sessions {
        SessionsRepo() {
            super(sessions);
        }

        @Override
        public Page<org.copkit.session.Session> listByCommunity(CommunityId community, boolean descending,
                PageRequest page) {
            Comparator<org.copkit.session.Session> order = descending ? BY_START.reversed() : BY_START;
            Optional<SessionCursor> cursor = page.after().map(SessionCursor::parse);
            return page(view.values().filter(s -> s.community().equals(community)).sorted(order),
                    s -> {
                        int c = cursor.orElseThrow().compareTo(s);
                        return descending ? c > 0 : c < 0;
                    }, s -> s.start() + "|" + s.id().value(), page);
        }

        @Override
        public List<org.copkit.session.Session> listByHost(MemberId host) {
            return view.values().filter(s -> s.hosts().contains(host)).sorted(BY_START).toList();
        }

        @Override
        public Page<org.copkit.session.Session> list(PageRequest page) {
            return pageById(view.values(), s -> s.id().value(), page);
        }
    }

    /** The position "start|id" of a session in a listing by start. */
    private record SessionCursor(Instant start, String id) {
        static SessionCursor parse(String cursor) {
            int bar = cursor.indexOf('|');
            try {
                return new SessionCursor(Instant.parse(cursor.substring(0, Math.max(bar, 0))),
                        cursor.substring(bar + 1));
            } catch (java.time.format.DateTimeParseException e) {
                throw new InvalidInputException("after must be a session cursor returned by a previous page, was '"
                        + Checks.abbreviate(cursor) + "'");
            }
        }

        /** @return negative when this cursor lies before the session in ascending order */
        int compareTo(org.copkit.session.Session s) {
            int c = start.compareTo(s.start());
            return c != 0 ? c : id.compareTo(s.id().value());
        }
    }

    private final class RsvpsRepo extends Delegating<org.copkit.spi.SessionMemberKey, org.copkit.session.Rsvp>
            implements Repositories.Rsvps {
        RsvpsRepo() {
            super(rsvps);
        }

        @Override
        public List<org.copkit.session.Rsvp> listBySession(org.copkit.session.SessionId session) {
            return view.values().filter(r -> r.session().equals(session))
                    .sorted(Comparator.comparingLong(org.copkit.session.Rsvp::arrival)).toList();
        }

        @Override
        public List<org.copkit.session.Rsvp> listByMember(MemberId member) {
            return view.values().filter(r -> r.member().equals(member))
                    .sorted(Comparator.comparing(org.copkit.session.Rsvp::session)).toList();
        }
    }

    private final class AttendancesRepo
            extends Delegating<org.copkit.spi.SessionMemberKey, org.copkit.session.Attendance>
            implements Repositories.Attendances {
        AttendancesRepo() {
            super(attendances);
        }

        @Override
        public List<org.copkit.session.Attendance> listBySession(org.copkit.session.SessionId session) {
            return view.values().filter(a -> a.session().equals(session))
                    .sorted(Comparator.comparing(org.copkit.session.Attendance::checkedInAt)
                            .thenComparing(org.copkit.session.Attendance::member))
                    .toList();
        }
    }

    // ---- questions and discussions

    @Override
    public Repositories.Conversations conversations() {
        return new ConversationsRepo();
    }

    @Override
    public Repositories.Posts posts() {
        return new PostsRepo();
    }

    @Override
    public Repositories.ConversationRevisions conversationRevisions() {
        return new ConversationRevisionsRepo();
    }

    @Override
    public Repositories.PostRevisions postRevisions() {
        return new PostRevisionsRepo();
    }

    @Override
    public Repositories.Votes votes() {
        return new VotesRepo();
    }

    private final class ConversationsRepo extends Delegating<ConversationId, Conversation>
            implements Repositories.Conversations {
        ConversationsRepo() {
            super(conversations);
        }

        @Override
        public Page<Conversation> listByCommunity(CommunityId community, Set<ConversationKind> kinds,
                Set<ConversationStatus> statuses, PageRequest page) {
            return pageById(view.values().filter(c -> c.community().equals(community))
                    .filter(c -> kinds.isEmpty() || kinds.contains(c.kind()))
                    .filter(c -> statuses.isEmpty() || statuses.contains(c.status())), c -> c.id().value(), page);
        }

        @Override
        public Page<Conversation> list(PageRequest page) {
            return pageById(view.values(), c -> c.id().value(), page);
        }
    }

    private final class PostsRepo extends Delegating<PostId, Post> implements Repositories.Posts {
        PostsRepo() {
            super(posts);
        }

        @Override
        public Page<Post> listByConversation(ConversationId conversation, PageRequest page) {
            return pageById(view.values().filter(p -> p.conversation().equals(conversation)), p -> p.id().value(),
                    page);
        }
    }

    private final class ConversationRevisionsRepo implements Repositories.ConversationRevisions {
        @Override
        public void insert(ConversationRevision revision) {
            checkWritable();
            if (find(revision.conversation(), revision.number()).isPresent()) {
                throw new ConflictException("conversation " + revision.conversation() + " already has revision "
                        + revision.number());
            }
            conversationRevisions.put(new InMemoryStorage.ConversationRevisionKey(revision.conversation(),
                    revision.number()), revision);
        }

        @Override
        public Optional<ConversationRevision> find(ConversationId conversation, int number) {
            InMemoryStorage.ConversationRevisionKey key = new InMemoryStorage.ConversationRevisionKey(conversation,
                    number);
            ConversationRevision r = conversationRevisions.get(key);
            return Optional.ofNullable(r != null ? r : store.conversationRevisions.get(key));
        }

        @Override
        public Page<ConversationRevision> list(ConversationId conversation, PageRequest page) {
            int after = page.after().map(c -> (int) numericCursor(c, "revision number", Integer.MAX_VALUE)).orElse(0);
            Stream<ConversationRevision> all = Stream.concat(
                    store.conversationRevisions.subMap(new InMemoryStorage.ConversationRevisionKey(conversation, 0),
                            true, new InMemoryStorage.ConversationRevisionKey(conversation, Integer.MAX_VALUE), true)
                            .values().stream(),
                    conversationRevisions.values().stream().filter(r -> r.conversation().equals(conversation)))
                    .sorted(Comparator.comparingInt(ConversationRevision::number));
            return page(all, r -> r.number() > after, r -> Integer.toString(r.number()), page);
        }
    }

    private final class PostRevisionsRepo implements Repositories.PostRevisions {
        @Override
        public void insert(PostRevision revision) {
            checkWritable();
            if (find(revision.post(), revision.number()).isPresent()) {
                throw new ConflictException("post " + revision.post() + " already has revision " + revision.number());
            }
            postRevisions.put(new InMemoryStorage.PostRevisionKey(revision.post(), revision.number()), revision);
        }

        @Override
        public Optional<PostRevision> find(PostId post, int number) {
            InMemoryStorage.PostRevisionKey key = new InMemoryStorage.PostRevisionKey(post, number);
            PostRevision r = postRevisions.get(key);
            return Optional.ofNullable(r != null ? r : store.postRevisions.get(key));
        }

        @Override
        public Page<PostRevision> list(PostId post, PageRequest page) {
            int after = page.after().map(c -> (int) numericCursor(c, "revision number", Integer.MAX_VALUE)).orElse(0);
            Stream<PostRevision> all = Stream.concat(
                    store.postRevisions.subMap(new InMemoryStorage.PostRevisionKey(post, 0), true,
                            new InMemoryStorage.PostRevisionKey(post, Integer.MAX_VALUE), true).values().stream(),
                    postRevisions.values().stream().filter(r -> r.post().equals(post)))
                    .sorted(Comparator.comparingInt(PostRevision::number));
            return page(all, r -> r.number() > after, r -> Integer.toString(r.number()), page);
        }
    }

    private final class VotesRepo implements Repositories.Votes {
        @Override
        public Optional<Vote> find(Ref target, MemberId voter) {
            InMemoryStorage.VoteKey key = InMemoryStorage.VoteKey.of(target, voter);
            Optional<Vote> staged = votes.get(key);
            return staged != null ? staged : Optional.ofNullable(store.votes.get(key));
        }

        @Override
        public void put(Vote vote) {
            checkWritable();
            votes.put(InMemoryStorage.VoteKey.of(vote.target(), vote.voter()), Optional.of(vote));
        }

        @Override
        public void remove(Ref target, MemberId voter) {
            checkWritable();
            votes.put(InMemoryStorage.VoteKey.of(target, voter), Optional.empty());
        }

        @Override
        public Page<Vote> listByTarget(Ref target, PageRequest page) {
            java.util.TreeMap<InMemoryStorage.VoteKey, Vote> merged = new java.util.TreeMap<>();
            store.votes.forEach((k, v) -> {
                if (v.target().equals(target)) {
                    merged.put(k, v);
                }
            });
            votes.forEach((k, v) -> {
                if (k.targetType().equals(target.type().name()) && k.targetId().equals(target.id())) {
                    v.ifPresentOrElse(x -> merged.put(k, x), () -> merged.remove(k));
                }
            });
            return pageById(merged.values().stream(), v -> v.voter().value(), page);
        }
    }

    // ---- onboarding

    @Override
    public Repositories.LearningPaths learningPaths() {
        return new LearningPathsRepo();
    }

    private final class LearningPathsRepo
            extends Delegating<org.copkit.onboarding.LearningPathId, org.copkit.onboarding.LearningPath>
            implements Repositories.LearningPaths {
        LearningPathsRepo() {
            super(learningPaths);
        }

        @Override
        public Page<org.copkit.onboarding.LearningPath> listByCommunity(CommunityId community, PageRequest page) {
            return pageById(view.values().filter(p -> p.community().equals(community)), p -> p.id().value(), page);
        }
    }

    // ---- digests ---------------------------------------------------------------------------------

    @Override
    public Repositories.DigestMarks digestMarks() {
        return new DigestMarksRepo();
    }

    private final class DigestMarksRepo extends Delegating<MemberId, org.copkit.digest.DigestMark>
            implements Repositories.DigestMarks {
        DigestMarksRepo() {
            super(digestMarks);
        }
    }
}
