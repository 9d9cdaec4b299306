package org.copkit.memory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.copkit.ObjectType;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.Practice;
import org.copkit.community.PracticeId;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationId;
import org.copkit.conversation.ConversationRevision;
import org.copkit.conversation.Post;
import org.copkit.conversation.PostId;
import org.copkit.conversation.PostRevision;
import org.copkit.conversation.Vote;
import org.copkit.domain.Competency;
import org.copkit.domain.CompetencyId;
import org.copkit.domain.Domain;
import org.copkit.domain.DomainId;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.knowledge.Revision;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.Organization;
import org.copkit.member.OrganizationId;
import org.copkit.spi.Change;
import org.copkit.spi.ChangeFeed;
import org.copkit.spi.MembershipKey;
import org.copkit.spi.Storage;
import org.copkit.spi.Transaction;

/**
 * The reference {@link Storage}: everything in memory, nothing survives the JVM. For tests, demos and
 * hosts that need no persistence. Write transactions are serialised (one at a time); read
 * transactions run concurrently with each other and see only committed state. Thread-safe.
 *
 * <p>Every listing of the repositories reads a sorted secondary index (by community and status, by
 * member, by target, ...), so a page costs {@code O(log n)} plus the rows it returns, and a commit
 * {@code O(log n)} per written row and index; a transaction's own writes are merged into its listings
 * and reach the committed rows and indexes only at commit. Costs, measured figures and memory: {@code
 * docs/spi.md}, "The in-memory backend".
 */
public final class InMemoryStorage implements Storage {
    /** A revision's key, ordered by item then number. */
    record RevisionKey(KnowledgeItemId item, int number) implements Comparable<RevisionKey> {
        @Override
        public int compareTo(RevisionKey o) {
            int c = item.compareTo(o.item);
            return c != 0 ? c : Integer.compare(number, o.number);
        }
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    final Clock clock;

    final MemTable<OrganizationId, Organization> organizations = table(ObjectType.ORGANIZATION, Organization::id, Organization::version);
    final MemTable<MemberId, Member> members = table(ObjectType.MEMBER, Member::id, Member::version);
    final MemTable<DomainId, Domain> domains = table(ObjectType.DOMAIN, Domain::id, Domain::version);
    final MemTable<CompetencyId, Competency> competencies = table(ObjectType.COMPETENCY, Competency::id, Competency::version);
    final MemTable<CommunityId, Community> communities = table(ObjectType.COMMUNITY, Community::id, Community::version);
    final MemTable<MembershipKey, Membership> memberships = new MemTable<>(ObjectType.MEMBERSHIP,
            Comparator.comparing(MembershipKey::community).thenComparing(MembershipKey::member),
            m -> new MembershipKey(m.community(), m.member()), Membership::version, MembershipKey::toString);
    final MemTable<PracticeId, Practice> practices = table(ObjectType.PRACTICE, Practice::id, Practice::version);
    final MemTable<KnowledgeItemId, KnowledgeItem> items = table(ObjectType.KNOWLEDGE_ITEM, KnowledgeItem::id, KnowledgeItem::version);
    final MemTable<org.copkit.session.SessionId, org.copkit.session.Session> sessions = table(ObjectType.SESSION,
            org.copkit.session.Session::id, org.copkit.session.Session::version);
    final MemTable<org.copkit.spi.SessionMemberKey, org.copkit.session.Rsvp> rsvps = sessionMemberTable(ObjectType.RSVP,
            r -> new org.copkit.spi.SessionMemberKey(r.session(), r.member()), org.copkit.session.Rsvp::version);
    final MemTable<org.copkit.spi.SessionMemberKey, org.copkit.session.Attendance> attendances = sessionMemberTable(
            ObjectType.ATTENDANCE, a -> new org.copkit.spi.SessionMemberKey(a.session(), a.member()),
            org.copkit.session.Attendance::version);
    /**
     * Each item's committed revisions by number, in one array per item (most items have one or two): a
     * revision is found by a hash lookup and a binary search, and a million items' first revisions take
     * a million small arrays, not a million keys and tree nodes.
     */
    final java.util.HashMap<KnowledgeItemId, Revision[]> revisions = new java.util.HashMap<>();
    final List<Change> changeLog = new ArrayList<>();
    // ---- questions and discussions
    record ConversationRevisionKey(ConversationId conversation, int number) {}
    record PostRevisionKey(PostId post, int number) {}
    /** A vote's key, ordered by target then voter id. */
    record VoteKey(String targetType, String targetId, String voter) implements Comparable<VoteKey> {
        static VoteKey of(org.copkit.Ref target, MemberId voter) {
            return new VoteKey(target.type().name(), target.id(), voter.value());
        }

        @Override
        public int compareTo(VoteKey o) {
            int c = targetType.compareTo(o.targetType);
            if (c == 0) {
                c = targetId.compareTo(o.targetId);
            }
            return c != 0 ? c : voter.compareTo(o.voter);
        }
    }

    final MemTable<ConversationId, Conversation> conversations = table(ObjectType.CONVERSATION, Conversation::id,
            Conversation::version);
    final MemTable<PostId, Post> posts = table(ObjectType.POST, Post::id, Post::version);
    final TreeMap<ConversationRevisionKey, ConversationRevision> conversationRevisions = new TreeMap<>(
            Comparator.comparing(ConversationRevisionKey::conversation)
                    .thenComparingInt(ConversationRevisionKey::number));
    final TreeMap<PostRevisionKey, PostRevision> postRevisions = new TreeMap<>(
            Comparator.comparing(PostRevisionKey::post).thenComparingInt(PostRevisionKey::number));
    final TreeMap<VoteKey, Vote> votes = new TreeMap<>();
    final MemTable<MemberId, org.copkit.digest.DigestMark> digestMarks = table(ObjectType.DIGEST_MARK,
            org.copkit.digest.DigestMark::member, org.copkit.digest.DigestMark::version);

    final MemActivityLog activityLog = new MemActivityLog(true);
    final MemTable<org.copkit.review.ReviewTaskId, org.copkit.review.ReviewTask> reviewTasks = table(
            ObjectType.REVIEW_TASK, org.copkit.review.ReviewTask::id, org.copkit.review.ReviewTask::version);
    final MemTable<org.copkit.subscription.SubscriptionId, org.copkit.subscription.Subscription> subscriptions = table(
            ObjectType.SUBSCRIPTION, org.copkit.subscription.Subscription::id,
            org.copkit.subscription.Subscription::version);
    final MemTable<MemberId, org.copkit.subscription.NotificationPreference> preferences = table(
            ObjectType.NOTIFICATION_PREFERENCE, org.copkit.subscription.NotificationPreference::member,
            org.copkit.subscription.NotificationPreference::version);
    long lastChange;
    final MemTable<MembershipKey, org.copkit.participation.ParticipationLevel> participationLevels = new MemTable<>(
            ObjectType.PARTICIPATION_LEVEL,
            Comparator.comparing(MembershipKey::community).thenComparing(MembershipKey::member),
            l -> new MembershipKey(l.community(), l.member()), org.copkit.participation.ParticipationLevel::version,
            MembershipKey::toString);
    final MemTable<org.copkit.member.EndorsementId, org.copkit.member.Endorsement> endorsements = table(
            ObjectType.ENDORSEMENT, org.copkit.member.Endorsement::id, org.copkit.member.Endorsement::version);
    final MemTable<org.copkit.value.ValueStoryId, org.copkit.value.ValueStory> valueStories = table(
            ObjectType.VALUE_STORY, org.copkit.value.ValueStory::id, org.copkit.value.ValueStory::version);
    final MemTable<org.copkit.onboarding.LearningPathId, org.copkit.onboarding.LearningPath> learningPaths = table(
            ObjectType.LEARNING_PATH, org.copkit.onboarding.LearningPath::id,
            org.copkit.onboarding.LearningPath::version);

    // ---- secondary indexes: one per way a listing of Repositories selects and orders rows. Ids are kept as
    // text where a listing is ordered "by id" (binary order of the text), so a cursor bounds a range as is.

    final MemIndex<OrganizationId, Organization> organizationsById = organizations.index("byId", 0,
            o -> new Object[] {o.id().value()});
    final MemIndex<MemberId, Member> membersById = members.index("byId", 0, m -> new Object[] {m.id().value()});
    final MemIndex<MemberId, Member> membersByOrganization = members.index("byOrganization", 1,
            m -> new Object[] {m.organization(), m.id().value()});
    final MemIndex<DomainId, Domain> domainsById = domains.index("byId", 0, d -> new Object[] {d.id().value()});
    final MemIndex<CompetencyId, Competency> competenciesByDomain = competencies.index("byDomain", 1,
            c -> new Object[] {c.domain(), c.id().value()});
    final MemIndex<CommunityId, Community> communitiesById = communities.index("byId", 0,
            c -> new Object[] {c.id().value()});
    final MemIndex<MembershipKey, Membership> membershipsByCommunityState = memberships.index("byCommunityState", 2,
            m -> new Object[] {m.community(), m.state(), m.member().value()});
    final MemIndex<MembershipKey, Membership> membershipsByMember = memberships.index("byMember", 1,
            m -> new Object[] {m.member(), m.community().value()});
    final MemIndex<PracticeId, Practice> practicesByCommunity = practices.index("byCommunity", 1,
            p -> new Object[] {p.community(), p.id().value()});
    final MemIndex<PracticeId, Practice> practicesBySteward = practices.indexMany("bySteward", 1,
            p -> p.stewards().stream().map(m -> new Object[] {m, p.id().value()}).toList());
    final MemIndex<KnowledgeItemId, KnowledgeItem> itemsById = items.index("byId", 0,
            i -> new Object[] {i.id().value()});
    final MemIndex<KnowledgeItemId, KnowledgeItem> itemsByCommunityStatus = items.index("byCommunityStatus", 2,
            i -> new Object[] {i.community(), i.status(), i.id().value()});
    final MemIndex<KnowledgeItemId, KnowledgeItem> itemsByPracticeStatus = items.index("byPracticeStatus", 2,
            i -> i.practice().map(p -> new Object[] {p, i.status(), i.id().value()}).orElse(null));
    /** PUBLISHED items with a review date: the candidates of {@code listDueForReview}, by id. */
    final MemIndex<KnowledgeItemId, KnowledgeItem> itemsWithReviewDate = items.index("publishedWithReviewDate", 0,
            i -> i.status() == org.copkit.knowledge.ItemStatus.PUBLISHED && i.reviewBy().isPresent()
                    ? new Object[] {i.id().value()} : null);
    final MemIndex<org.copkit.session.SessionId, org.copkit.session.Session> sessionsById = sessions.index("byId",
            0, x -> new Object[] {x.id().value()});
    final MemIndex<org.copkit.session.SessionId, org.copkit.session.Session> sessionsByCommunity = sessions.index(
            "byCommunityStart", 1, x -> new Object[] {x.community(), x.start(), x.id().value()});
    final MemIndex<org.copkit.session.SessionId, org.copkit.session.Session> sessionsByHost = sessions.indexMany(
            "byHostStart", 1, x -> x.hosts().stream().map(h -> new Object[] {h, x.start(), x.id().value()}).toList());
    /** Answers to a session by arrival; equal arrivals in key order (member id). */
    final MemIndex<org.copkit.spi.SessionMemberKey, org.copkit.session.Rsvp> rsvpsBySession = rsvps.index(
            "bySessionArrival", 1, r -> new Object[] {r.session(), r.arrival()});
    final MemIndex<org.copkit.spi.SessionMemberKey, org.copkit.session.Rsvp> rsvpsByMember = rsvps.index(
            "byMember", 1, r -> new Object[] {r.member(), r.session().value()});
    final MemIndex<org.copkit.spi.SessionMemberKey, org.copkit.session.Attendance> attendancesBySession =
            attendances.index("bySessionCheckIn", 1, a -> new Object[] {a.session(), a.checkedInAt(),
                    a.member().value()});
    final MemIndex<ConversationId, Conversation> conversationsById = conversations.index("byId", 0,
            c -> new Object[] {c.id().value()});
    final MemIndex<ConversationId, Conversation> conversationsByCommunity = conversations.index(
            "byCommunityKindStatus", 3, c -> new Object[] {c.community(), c.kind(), c.status(), c.id().value()});
    final MemIndex<PostId, Post> postsByConversation = posts.index("byConversation", 1,
            p -> new Object[] {p.conversation(), p.id().value()});
    final MemIndex<org.copkit.review.ReviewTaskId, org.copkit.review.ReviewTask> reviewTasksByItem = reviewTasks
            .index("byItem", 1, t -> new Object[] {t.item(), t.id().value()});
    final MemIndex<org.copkit.review.ReviewTaskId, org.copkit.review.ReviewTask> reviewTasksByAssignee = reviewTasks
            .indexMany("byAssigneeStatus", 2, t -> t.assignees().stream()
                    .map(m -> new Object[] {m, t.status(), t.id().value()}).toList());
    final MemIndex<org.copkit.review.ReviewTaskId, org.copkit.review.ReviewTask> reviewTasksByCommunity = reviewTasks
            .index("byCommunityStatus", 2, t -> new Object[] {t.community(), t.status(), t.id().value()});
    /** Every subscription, active or not, under its member and target: at most one each. */
    final MemIndex<org.copkit.subscription.SubscriptionId, org.copkit.subscription.Subscription>
            subscriptionsByMemberTarget = subscriptions.index("byMemberTarget", 3,
                    x -> new Object[] {x.member(), x.target().type(), x.target().id()});
    final MemIndex<org.copkit.subscription.SubscriptionId, org.copkit.subscription.Subscription>
            activeSubscriptionsByMember = subscriptions.index("activeByMember", 1,
                    x -> x.active() ? new Object[] {x.member(), x.id().value()} : null);
    final MemIndex<org.copkit.subscription.SubscriptionId, org.copkit.subscription.Subscription>
            activeSubscriptionsByTarget = subscriptions.index("activeByTarget", 2,
                    x -> x.active() ? new Object[] {x.target().type(), x.target().id(), x.member().value()} : null);
    final MemIndex<MembershipKey, org.copkit.participation.ParticipationLevel> levelsByCommunity =
            participationLevels.index("byCommunity", 1, l -> new Object[] {l.community(), l.member().value()});
    /** Every endorsement under its endorsee, competency and endorser: at most one each. */
    final MemIndex<org.copkit.member.EndorsementId, org.copkit.member.Endorsement> endorsementsByTriple =
            endorsements.index("byEndorseeCompetencyEndorser", 3,
                    e -> new Object[] {e.endorsee(), e.competency(), e.endorser()});
    final MemIndex<org.copkit.member.EndorsementId, org.copkit.member.Endorsement> endorsementsByEndorsee =
            endorsements.index("byEndorsee", 1, e -> new Object[] {e.endorsee(), e.id().value()});
    final MemIndex<org.copkit.value.ValueStoryId, org.copkit.value.ValueStory> storiesByCommunity = valueStories
            .index("byCommunity", 1, x -> new Object[] {x.community(), x.id().value()});
    final MemIndex<org.copkit.onboarding.LearningPathId, org.copkit.onboarding.LearningPath> pathsByCommunity =
            learningPaths.index("byCommunity", 1, p -> new Object[] {p.community(), p.id().value()});

    /** Stores a committed revision; its item has no revision of that number yet. */
    void addRevision(Revision r) {
        Revision[] rs = revisions.get(r.item());
        if (rs == null) {
            revisions.put(r.item(), new Revision[] {r});
            return;
        }
        int at = firstAfter(rs, r.number());
        Revision[] grown = new Revision[rs.length + 1];
        System.arraycopy(rs, 0, grown, 0, at);
        grown[at] = r;
        System.arraycopy(rs, at, grown, at + 1, rs.length - at);
        revisions.put(r.item(), grown);
    }

    /** @return the index of the first revision numbered above {@code number} in an array sorted by number */
    static int firstAfter(Revision[] rs, int number) {
        int lo = 0;
        int hi = rs.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rs[mid].number() <= number) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** @return the committed revision of that number, or null */
    Revision revision(KnowledgeItemId item, int number) {
        Revision[] rs = revisions.get(item);
        if (rs == null) {
            return null;
        }
        int at = firstAfter(rs, number) - 1;
        return at >= 0 && rs[at].number() == number ? rs[at] : null;
    }

    private InMemoryStorage(Clock clock) {
        this.clock = clock;
    }

    /** @return an empty store using the system clock for change timestamps */
    public static InMemoryStorage create() {
        return new InMemoryStorage(Clock.systemUTC());
    }

    /**
     * @param clock the clock for change-feed timestamps
     * @return an empty store
     */
    public static InMemoryStorage create(Clock clock) {
        return new InMemoryStorage(java.util.Objects.requireNonNull(clock, "clock"));
    }

    private static <K extends Comparable<K> & org.copkit.Id, V> MemTable<K, V> table(ObjectType type,
            Function<V, K> key, java.util.function.ToLongFunction<V> version) {
        return new MemTable<>(type, Comparator.naturalOrder(), key, version, org.copkit.Id::value);
    }

    private static <V> MemTable<org.copkit.spi.SessionMemberKey, V> sessionMemberTable(ObjectType type,
            Function<V, org.copkit.spi.SessionMemberKey> key, java.util.function.ToLongFunction<V> version) {
        return new MemTable<>(type, Comparator.comparing(org.copkit.spi.SessionMemberKey::session)
                .thenComparing(org.copkit.spi.SessionMemberKey::member), key, version,
                org.copkit.spi.SessionMemberKey::toString);
    }

    @Override
    public <T> T read(Function<Transaction, T> work) {
        lock.readLock().lock();
        try {
            return work.apply(new MemTransaction(this, false));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public <T> T write(Function<Transaction, T> work) {
        if (lock.getReadHoldCount() > 0) {
            throw new IllegalStateException("a write transaction cannot start inside a read transaction");
        }
        lock.writeLock().lock();
        try {
            MemTransaction tx = new MemTransaction(this, true);
            T result = work.apply(tx);
            tx.commit();
            return result;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public ChangeFeed changes() {
        return new ChangeFeed() {
            @Override
            public List<Change> after(long sequence, int limit) {
                if (limit < 1) {
                    throw new IllegalArgumentException("limit must be at least 1 but was " + limit);
                }
                lock.readLock().lock();
                try {
                    // sequences are 1, 2, 3, ...: the change with sequence n sits at index n - 1
                    int from = (int) Math.min(Math.max(sequence, 0), changeLog.size());
                    return List.copyOf(changeLog.subList(from, (int) Math.min(changeLog.size(), (long) from + limit)));
                } finally {
                    lock.readLock().unlock();
                }
            }

            @Override
            public long head() {
                lock.readLock().lock();
                try {
                    return lastChange;
                } finally {
                    lock.readLock().unlock();
                }
            }
        };
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String toString() {
        return "InMemoryStorage";
    }
}
