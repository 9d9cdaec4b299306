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
 */
public final class InMemoryStorage implements Storage {
    record RevisionKey(KnowledgeItemId item, int number) {}

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
    final TreeMap<RevisionKey, Revision> revisions = new TreeMap<>(
            Comparator.comparing(RevisionKey::item).thenComparingInt(RevisionKey::number));
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
            return Comparator.comparing(VoteKey::targetType).thenComparing(VoteKey::targetId)
                    .thenComparing(VoteKey::voter).compare(this, o);
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

    final List<org.copkit.activity.Activity> activityLog = new ArrayList<>();
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
