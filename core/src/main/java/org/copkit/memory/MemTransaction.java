package org.copkit.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.Iterator;
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
    /** Activities appended by this transaction (null until the first). */
    private MemActivityLog activities;
    private final java.util.TreeMap<InMemoryStorage.RevisionKey, Revision> revisions;

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
    private final java.util.TreeMap<InMemoryStorage.ConversationRevisionKey, ConversationRevision> conversationRevisions;
    private final java.util.TreeMap<InMemoryStorage.PostRevisionKey, PostRevision> postRevisions;
    /** Staged votes; an empty value removes the vote. */
    private final java.util.TreeMap<InMemoryStorage.VoteKey, Optional<Vote>> votes = new java.util.TreeMap<>();

    MemTransaction(InMemoryStorage store, boolean writable) {
        this.store = store;
        this.writable = writable;
        revisions = new java.util.TreeMap<>();
        conversationRevisions = new java.util.TreeMap<>(store.conversationRevisions.comparator());
        postRevisions = new java.util.TreeMap<>(store.postRevisions.comparator());
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
        revisions.values().forEach(store::addRevision);
        store.changeLog.addAll(changes);
        if (!changes.isEmpty()) {
            store.lastChange = changes.get(changes.size() - 1).sequence();
        }
        if (activities != null) {
            store.activityLog.addAll(activities);
        }
        store.conversationRevisions.putAll(conversationRevisions);
        store.postRevisions.putAll(postRevisions);
        votes.forEach((k, v) -> v.ifPresentOrElse(x -> store.votes.put(k, x), () -> store.votes.remove(k)));
    }

    /**
     * Keyset paging: the first {@code limit} rows, and the cursor of the last one when more follow.
     *
     * @param rows the rows after the cursor, in listing order
     */
    static <V> Page<V> page(Iterator<V> rows, Function<V, String> cursor, PageRequest req) {
        List<V> out = new ArrayList<>();
        while (out.size() <= req.limit() && rows.hasNext()) {
            out.add(rows.next());
        }
        if (out.size() <= req.limit()) {
            return new Page<>(out, Optional.empty());
        }
        List<V> pageRows = out.subList(0, req.limit());
        return new Page<>(pageRows, Optional.of(cursor.apply(pageRows.get(pageRows.size() - 1))));
    }

    /** @return the rows, all of them */
    private static <V> List<V> all(Iterator<V> rows) {
        List<V> out = new ArrayList<>();
        rows.forEachRemaining(out::add);
        return out;
    }

    /** @return the listing-order parts after a cursor that is an id (or null for the first page) */
    private static Object[] afterId(PageRequest page) {
        return page.after().map(a -> new Object[] {a}).orElse(null);
    }

    /** @return one index prefix {@code (first, value)} per value of the set, or per value of the enum when it is empty */
    private static <E extends Enum<E>> List<Object[]> prefixes(Object first, Set<E> values, E[] every) {
        List<Object[]> out = new ArrayList<>();
        for (E e : values.isEmpty() ? List.of(every) : values) {
            out.add(new Object[] {first, e});
        }
        return out;
    }

    private static final Object[] NO_PREFIX = {};

    /** Committed and own revisions of one object (never the same number twice), by number. */
    private static <R> Iterator<R> numbered(java.util.SortedMap<?, R> committed, java.util.SortedMap<?, R> own,
            java.util.function.ToIntFunction<R> number) {
        return MemIndex.merge(List.of(committed.values().iterator(), own.values().iterator()),
                Comparator.comparingInt(number));
    }

    /** @return the rows of {@code first}, then those of {@code second}; lazy */
    private static <T> Iterator<T> concat(Iterator<T> first, Iterator<T> second) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return first.hasNext() || second.hasNext();
            }

            @Override
            public T next() {
                return first.hasNext() ? first.next() : second.next();
            }
        };
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
            return page(view.scan(store.organizationsById, NO_PREFIX, afterId(page)), o -> o.id().value(), page);
        }
    }

    private final class MembersRepo extends Delegating<MemberId, Member> implements Repositories.Members {
        MembersRepo() {
            super(members);
        }

        @Override
        public Page<Member> list(PageRequest page) {
            return page(view.scan(store.membersById, NO_PREFIX, afterId(page)), m -> m.id().value(), page);
        }

        @Override
        public Page<Member> listByOrganization(OrganizationId organization, PageRequest page) {
            return page(view.scan(store.membersByOrganization, new Object[] {organization}, afterId(page)),
                    m -> m.id().value(), page);
        }
    }

    private final class DomainsRepo extends Delegating<DomainId, Domain> implements Repositories.Domains {
        DomainsRepo() {
            super(domains);
        }

        @Override
        public Page<Domain> list(PageRequest page) {
            return page(view.scan(store.domainsById, NO_PREFIX, afterId(page)), d -> d.id().value(), page);
        }
    }

    private final class CompetenciesRepo extends Delegating<org.copkit.domain.CompetencyId, Competency>
            implements Repositories.Competencies {
        CompetenciesRepo() {
            super(competencies);
        }

        @Override
        public Page<Competency> listByDomain(DomainId domain, PageRequest page) {
            return page(view.scan(store.competenciesByDomain, new Object[] {domain}, afterId(page)),
                    c -> c.id().value(), page);
        }
    }

    private final class CommunitiesRepo extends Delegating<CommunityId, Community>
            implements Repositories.Communities {
        CommunitiesRepo() {
            super(communities);
        }

        @Override
        public Page<Community> list(PageRequest page) {
            return page(view.scan(store.communitiesById, NO_PREFIX, afterId(page)), c -> c.id().value(), page);
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
            return page(view.scan(store.membershipsByCommunityState,
                    prefixes(community, states, MembershipState.values()), afterId(page), false),
                    m -> m.member().value(), page);
        }

        @Override
        public List<Membership> listByMember(MemberId member) {
            return all(view.scan(store.membershipsByMember, new Object[] {member}, null));
        }
    }

    private final class PracticesRepo extends Delegating<PracticeId, Practice> implements Repositories.Practices {
        PracticesRepo() {
            super(practices);
        }

        @Override
        public List<Practice> listByCommunity(CommunityId community) {
            return all(view.scan(store.practicesByCommunity, new Object[] {community}, null));
        }

        @Override
        public List<Practice> listStewardedBy(MemberId member) {
            return all(view.scan(store.practicesBySteward, new Object[] {member}, null));
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
            Iterator<KnowledgeItem> rows = practice.isPresent()
                    ? MemActivityLog.filtered(view.scan(store.itemsByPracticeStatus,
                            prefixes(practice.get(), statuses, ItemStatus.values()), afterId(page), false),
                            i -> i.community().equals(community))
                    : view.scan(store.itemsByCommunityStatus, prefixes(community, statuses, ItemStatus.values()),
                            afterId(page), false);
            return page(rows, i -> i.id().value(), page);
        }

        @Override
        public Page<KnowledgeItem> list(PageRequest page) {
            return page(view.scan(store.itemsById, NO_PREFIX, afterId(page)), i -> i.id().value(), page);
        }

        @Override
        public Page<KnowledgeItem> listDueForReview(Instant before, PageRequest page) {
            Checks.present("before", before);
            // candidates: PUBLISHED items with a review date, by id; read until the page is full
            return page(MemActivityLog.filtered(view.scan(store.itemsWithReviewDate, NO_PREFIX, afterId(page)),
                    i -> i.reviewBy().orElseThrow().isBefore(before)), i -> i.id().value(), page);
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
            Revision r = revisions.isEmpty() ? null : revisions.get(new InMemoryStorage.RevisionKey(item, number));
            return Optional.ofNullable(r != null ? r : store.revision(item, number));
        }

        @Override
        public Page<Revision> list(KnowledgeItemId item, PageRequest page) {
            int after = page.after().map(c -> (int) numericCursor(c, "revision number", Integer.MAX_VALUE)).orElse(0);
            InMemoryStorage.RevisionKey from = new InMemoryStorage.RevisionKey(item, after);
            InMemoryStorage.RevisionKey to = new InMemoryStorage.RevisionKey(item, Integer.MAX_VALUE);
            Revision[] committed = store.revisions.getOrDefault(item, new Revision[0]);
            Iterator<Revision> committedAfter = java.util.Arrays.asList(committed)
                    .subList(InMemoryStorage.firstAfter(committed, after), committed.length).iterator();
            return page(MemIndex.merge(List.of(committedAfter, revisions.subMap(from, false, to, true).values()
                    .iterator()), Comparator.comparingInt(Revision::number)), r -> Integer.toString(r.number()), page);
        }
    }

    private final class ActivitiesRepo implements Repositories.Activities {
        @Override
        public Activity append(Activity activity) {
            checkWritable();
            if (activities == null) {
                activities = new MemActivityLog(false);
            }
            Activity stored = activity.withSequence(store.activityLog.size() + activities.size() + 1L);
            activities.add(stored);
            return stored;
        }

        @Override
        public Page<Activity> list(ActivityFilter filter, PageRequest page) {
            long before = page.after().map(c -> numericCursor(c, "activity sequence", Long.MAX_VALUE))
                    .orElse(Long.MAX_VALUE);
            // this transaction's activities are newer than every committed one
            Iterator<Activity> newestFirst = activities == null ? store.activityLog.list(filter, before)
                    : concat(activities.list(filter, before), store.activityLog.list(filter, before));
            return page(newestFirst, a -> Long.toString(a.sequence()), page);
        }

        @Override
        public Page<Activity> listSince(CommunityId community, Instant since, PageRequest page) {
            long after = page.after().map(c -> numericCursor(c, "activity sequence", Long.MAX_VALUE)).orElse(0L);
            Iterator<Activity> oldestFirst = activities == null ? store.activityLog.since(community, since, after)
                    : concat(store.activityLog.since(community, since, after), activities.since(community, since, after));
            return page(oldestFirst, a -> Long.toString(a.sequence()), page);
        }

        @Override
        public Page<Activity> listInvolving(CommunityId community, MemberId member, PageRequest page) {
            long before = page.after().map(c -> numericCursor(c, "activity sequence", Long.MAX_VALUE))
                    .orElse(Long.MAX_VALUE);
            Iterator<Activity> newestFirst = activities == null ? store.activityLog.involving(community, member, before)
                    : concat(activities.involving(community, member, before),
                            store.activityLog.involving(community, member, before));
            return page(newestFirst, a -> Long.toString(a.sequence()), page);
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
            return page(view.scan(store.levelsByCommunity, new Object[] {community}, afterId(page)),
                    l -> l.member().value(), page);
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
            Iterator<org.copkit.member.Endorsement> it = view.scan(store.endorsementsByTriple,
                    new Object[] {endorsee, competency, endorser}, null);
            return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
        }

        @Override
        public Page<org.copkit.member.Endorsement> listByEndorsee(MemberId endorsee, PageRequest page) {
            return page(view.scan(store.endorsementsByEndorsee, new Object[] {endorsee}, afterId(page)),
                    e -> e.id().value(), page);
        }
    }

    private final class ValueStoriesRepo extends Delegating<org.copkit.value.ValueStoryId, org.copkit.value.ValueStory>
            implements Repositories.ValueStories {
        ValueStoriesRepo() {
            super(valueStories);
        }

        @Override
        public Page<org.copkit.value.ValueStory> listByCommunity(CommunityId community, PageRequest page) {
            return page(view.scan(store.storiesByCommunity, new Object[] {community}, afterId(page)),
                    s -> s.id().value(), page);
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
            return all(view.scan(store.reviewTasksByItem, new Object[] {item}, null));
        }

        @Override
        public Page<org.copkit.review.ReviewTask> listByAssignee(MemberId member,
                Set<org.copkit.review.ReviewTaskStatus> statuses, PageRequest page) {
            return page(view.scan(store.reviewTasksByAssignee,
                    prefixes(member, statuses, org.copkit.review.ReviewTaskStatus.values()), afterId(page), false),
                    t -> t.id().value(), page);
        }

        @Override
        public Page<org.copkit.review.ReviewTask> listByCommunity(CommunityId community,
                Set<org.copkit.review.ReviewTaskStatus> statuses, PageRequest page) {
            return page(view.scan(store.reviewTasksByCommunity,
                    prefixes(community, statuses, org.copkit.review.ReviewTaskStatus.values()), afterId(page), false),
                    t -> t.id().value(), page);
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
            Iterator<org.copkit.subscription.Subscription> it = view.scan(store.subscriptionsByMemberTarget,
                    new Object[] {member, target.type(), target.id()}, null);
            return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
        }

        @Override
        public Page<org.copkit.subscription.Subscription> listByMember(MemberId member, PageRequest page) {
            return page(view.scan(store.activeSubscriptionsByMember, new Object[] {member}, afterId(page)),
                    s -> s.id().value(), page);
        }

        @Override
        public Page<org.copkit.subscription.Subscription> listByTarget(Ref target, PageRequest page) {
            return page(view.scan(store.activeSubscriptionsByTarget, new Object[] {target.type(), target.id()},
                    afterId(page)), s -> s.member().value(), page);
        }

        @Override
        public List<org.copkit.subscription.Subscription> listByTargets(java.util.Collection<Ref> targets) {
            List<org.copkit.subscription.Subscription> all = new ArrayList<>();
            for (Ref t : new java.util.LinkedHashSet<>(targets)) {
                view.scan(store.activeSubscriptionsByTarget, new Object[] {t.type(), t.id()}, null)
                        .forEachRemaining(all::add);
            }
            return all;
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

    private final class SessionsRepo extends Delegating<org.copkit.session.SessionId, org.copkit.session.Session>
            implements Repositories.Sessions {
        SessionsRepo() {
            super(sessions);
        }

        @Override
        public Page<org.copkit.session.Session> listByCommunity(CommunityId community, boolean descending,
                PageRequest page) {
            Object[] after = page.after().map(SessionCursor::parse).map(c -> new Object[] {c.start(), c.id()})
                    .orElse(null);
            return page(view.scan(store.sessionsByCommunity, List.<Object[]>of(new Object[] {community}), after,
                    descending), s -> s.start() + "|" + s.id().value(), page);
        }

        @Override
        public List<org.copkit.session.Session> listByHost(MemberId host) {
            return all(view.scan(store.sessionsByHost, new Object[] {host}, null));
        }

        @Override
        public Page<org.copkit.session.Session> list(PageRequest page) {
            return page(view.scan(store.sessionsById, NO_PREFIX, afterId(page)), s -> s.id().value(), page);
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
    }

    private final class RsvpsRepo extends Delegating<org.copkit.spi.SessionMemberKey, org.copkit.session.Rsvp>
            implements Repositories.Rsvps {
        RsvpsRepo() {
            super(rsvps);
        }

        @Override
        public List<org.copkit.session.Rsvp> listBySession(org.copkit.session.SessionId session) {
            return all(view.scan(store.rsvpsBySession, new Object[] {session}, null));
        }

        @Override
        public List<org.copkit.session.Rsvp> listByMember(MemberId member) {
            return all(view.scan(store.rsvpsByMember, new Object[] {member}, null));
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
            return all(view.scan(store.attendancesBySession, new Object[] {session}, null));
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
            List<Object[]> prefixes = new ArrayList<>();
            for (ConversationKind kind : kinds.isEmpty() ? List.of(ConversationKind.values()) : kinds) {
                for (ConversationStatus status : statuses.isEmpty() ? List.of(ConversationStatus.values()) : statuses) {
                    prefixes.add(new Object[] {community, kind, status});
                }
            }
            return page(view.scan(store.conversationsByCommunity, prefixes, afterId(page), false),
                    c -> c.id().value(), page);
        }

        @Override
        public Page<Conversation> list(PageRequest page) {
            return page(view.scan(store.conversationsById, NO_PREFIX, afterId(page)), c -> c.id().value(), page);
        }
    }

    private final class PostsRepo extends Delegating<PostId, Post> implements Repositories.Posts {
        PostsRepo() {
            super(posts);
        }

        @Override
        public Page<Post> listByConversation(ConversationId conversation, PageRequest page) {
            return page(view.scan(store.postsByConversation, new Object[] {conversation}, afterId(page)),
                    p -> p.id().value(), page);
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
            InMemoryStorage.ConversationRevisionKey from = new InMemoryStorage.ConversationRevisionKey(conversation,
                    after);
            InMemoryStorage.ConversationRevisionKey to = new InMemoryStorage.ConversationRevisionKey(conversation,
                    Integer.MAX_VALUE);
            return page(numbered(store.conversationRevisions.subMap(from, false, to, true),
                    conversationRevisions.subMap(from, false, to, true), ConversationRevision::number),
                    r -> Integer.toString(r.number()), page);
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
            InMemoryStorage.PostRevisionKey from = new InMemoryStorage.PostRevisionKey(post, after);
            InMemoryStorage.PostRevisionKey to = new InMemoryStorage.PostRevisionKey(post, Integer.MAX_VALUE);
            return page(numbered(store.postRevisions.subMap(from, false, to, true),
                    postRevisions.subMap(from, false, to, true), PostRevision::number),
                    r -> Integer.toString(r.number()), page);
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
            // the votes on one target are the keys from (target, after-or-"") to (target + NUL, ""): no id holds NUL
            InMemoryStorage.VoteKey from = new InMemoryStorage.VoteKey(target.type().name(), target.id(),
                    page.after().orElse(""));
            InMemoryStorage.VoteKey to = new InMemoryStorage.VoteKey(target.type().name(), target.id() + "\0", "");
            boolean fromInclusive = page.after().isEmpty();
            java.util.NavigableMap<InMemoryStorage.VoteKey, Optional<Vote>> own = votes.subMap(from, fromInclusive, to,
                    false);
            Iterator<Vote> committed = store.votes.subMap(from, fromInclusive, to, false).entrySet().stream()
                    .filter(e -> !own.containsKey(e.getKey())).map(java.util.Map.Entry::getValue).iterator();
            Iterator<Vote> mine = own.values().stream().flatMap(Optional::stream).iterator();
            return page(MemIndex.merge(List.of(committed, mine), Comparator.comparing(v -> v.voter().value())),
                    v -> v.voter().value(), page);
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
            return page(view.scan(store.pathsByCommunity, new Object[] {community}, afterId(page)),
                    p -> p.id().value(), page);
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
