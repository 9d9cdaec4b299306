package org.copkit.spi;

import java.util.List;
import java.util.Optional;
import java.util.Set;
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
import org.copkit.domain.Competency;
import org.copkit.domain.CompetencyId;
import org.copkit.domain.Domain;
import org.copkit.domain.DomainId;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.knowledge.Revision;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.Organization;
import org.copkit.member.OrganizationId;

/**
 * The repository interfaces of the storage SPI, one per aggregate. Listings are keyset-paged: the
 * cursor is the key of the last returned element, as text, and the order is fixed per listing. "Ordered
 * by id" means binary order of the id text (Java's {@code String.compareTo}; in SQL a binary collation
 * such as PostgreSQL's {@code COLLATE "C"}), never a locale's collation.
 */
public final class Repositories {
    private Repositories() {}

    /** Organisations, listed by id. */
    public interface Organizations extends Repository<OrganizationId, Organization> {
        /** @return organisations ordered by id */
        Page<Organization> list(PageRequest page);
    }

    /** Members, listed by id. */
    public interface Members extends Repository<MemberId, Member> {
        /** @return members ordered by id */
        Page<Member> list(PageRequest page);

        /** @return members of one organisation, ordered by id */
        Page<Member> listByOrganization(OrganizationId organization, PageRequest page);
    }

    /** Domains, listed by id. */
    public interface Domains extends Repository<DomainId, Domain> {
        /** @return domains ordered by id */
        Page<Domain> list(PageRequest page);
    }

    /** Competencies of all domains. */
    public interface Competencies extends Repository<CompetencyId, Competency> {
        /** @return the competencies of one domain, ordered by id */
        Page<Competency> listByDomain(DomainId domain, PageRequest page);
    }

    /** Communities, listed by id. */
    public interface Communities extends Repository<CommunityId, Community> {
        /** @return communities ordered by id */
        Page<Community> list(PageRequest page);
    }

    /** Memberships, keyed by community and member. */
    public interface Memberships extends Repository<MembershipKey, Membership> {
        /**
         * @param states only these states (empty: all)
         * @return memberships of one community, ordered by member id
         */
        Page<Membership> listByCommunity(CommunityId community, Set<MembershipState> states, PageRequest page);

        /** @return all memberships of one member in any state, ordered by community id */
        List<Membership> listByMember(MemberId member);
    }

    /** Practices. */
    public interface Practices extends Repository<PracticeId, Practice> {
        /** @return practices of one community, ordered by id */
        List<Practice> listByCommunity(CommunityId community);

        /** @return practices the member stewards, ordered by id */
        List<Practice> listStewardedBy(MemberId member);
    }

    /** Knowledge items (their current state; content history lives in {@link Revisions}). */
    public interface KnowledgeItems extends Repository<KnowledgeItemId, KnowledgeItem> {
        /**
         * @param practice only this practice, when present
         * @param statuses only these statuses (empty: all)
         * @return items of one community, ordered by id
         */
        Page<KnowledgeItem> listByCommunity(CommunityId community, Optional<PracticeId> practice,
                Set<ItemStatus> statuses, PageRequest page);

        /** @return every item in any community, ordered by id (for export and index rebuilds) */
        Page<KnowledgeItem> list(PageRequest page);

        /**
         * @param before the moment to compare with
         * @return PUBLISHED items whose review-by date is strictly before {@code before}, in any
         *     community, ordered by id
         */
        Page<KnowledgeItem> listDueForReview(java.time.Instant before, PageRequest page);

        /**
         * The heads of several items (status, visibility and title without body, approvals and
         * provenance), for digests that judge thousands of changed items but show a few. The default
         * reads the items with {@link #findAll}; backends read only the head's columns.
         *
         * @param ids the items, not null (duplicates are ignored; unknown ids are left out)
         * @return the found items' heads, in the order of {@code ids}
         */
        default java.util.Map<KnowledgeItemId, ItemHead> findHeads(java.util.Collection<KnowledgeItemId> ids) {
            java.util.Map<KnowledgeItemId, ItemHead> heads = new java.util.LinkedHashMap<>();
            findAll(ids).forEach((id, i) -> heads.put(id, ItemHead.of(i)));
            return heads;
        }
    }

    /** Append-only revisions of knowledge items. */
    public interface Revisions {
        /**
         * @param revision a revision whose number is the next for its item
         * @throws org.copkit.ConflictException when the item already has a revision with that number
         */
        void insert(Revision revision);

        /**
         * Stores revisions as {@link #insert} does, in list order; backends override this to write in
         * batches. On a failure some may already be written in this transaction, which the caller then
         * rolls back.
         *
         * @param revisions revisions, each the next of its item; may be empty
         * @throws org.copkit.ConflictException when an item already has a revision with one of the numbers
         */
        default void insertAll(List<Revision> revisions) {
            revisions.forEach(this::insert);
        }

        /** @return the revision, if stored */
        Optional<Revision> find(KnowledgeItemId item, int number);

        /** @return revisions of one item, ordered by number ascending; cursor is the number */
        Page<Revision> list(KnowledgeItemId item, PageRequest page);
    }

    /** The append-only activity log. */
    public interface Activities {
        /**
         * @param activity an activity with sequence 0
         * @return the stored activity with its assigned sequence (increasing in commit order)
         */
        Activity append(Activity activity);

        /**
         * Appends activities as {@link #append} does, in list order: their sequences increase in list order.
         * Backends override this to write in batches.
         *
         * @param activities activities with sequence 0; may be empty
         * @return the stored activities with their sequences, in list order
         */
        default List<Activity> appendAll(List<Activity> activities) {
            List<Activity> stored = new java.util.ArrayList<>(activities.size());
            activities.forEach(a -> stored.add(append(a)));
            return stored;
        }

        /**
         * @param filter which activities
         * @param page cursor is a sequence; listing is newest first
         * @return matching activities, newest first
         */
        Page<Activity> list(ActivityFilter filter, PageRequest page);

        /**
         * Activities of one community at or after an instant, for rolling-window counts.
         *
         * @param community the community
         * @param since only activities with {@code at} at or after this instant
         * @param page cursor is a sequence; listing is oldest first (ascending sequence)
         * @return matching activities, oldest first
         */
        Page<Activity> listSince(CommunityId community, java.time.Instant since, PageRequest page);

        /**
         * Activities of one community that involve one member: by the member as actor, or naming the
         * member as target ({@code Ref(MEMBER, member)}, as check-ins do). For progress along learning paths.
         *
         * @param community the community
         * @param member the member
         * @param page cursor is a sequence; listing is newest first
         * @return matching activities, newest first
         */
        Page<Activity> listInvolving(CommunityId community, MemberId member, PageRequest page);

        /**
         * The heads of one community's activities with one of the verbs and {@code at} in [from, to): what
         * one member's digest reads of the period (their communities' publications, changes, questions and
         * acceptances), without reading the rest of the log or the activities' visibility and details.
         * Unpaged: a digest reads the whole period. The default pages through {@link #listSince};
         * backends answer from an index on community, verb and time.
         *
         * @param community the community
         * @param verbs the verbs, not empty
         * @param from start (inclusive)
         * @param to end (exclusive), after {@code from}
         * @return matching activities, ascending sequence
         * @throws org.copkit.InvalidInputException when an argument is null, {@code verbs} is empty or
         *     {@code from} is not before {@code to}
         */
        default List<ActivityHead> listHeads(CommunityId community, Set<org.copkit.activity.Verb> verbs,
                java.time.Instant from, java.time.Instant to) {
            ActivityHead.check(community, verbs, from, to);
            List<ActivityHead> heads = new java.util.ArrayList<>();
            PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
            while (true) {
                Page<Activity> p = listSince(community, from, page);
                p.items().stream().filter(a -> verbs.contains(a.verb()) && a.at().isBefore(to))
                        .forEach(a -> heads.add(ActivityHead.of(a)));
                if (p.next().isEmpty()) {
                    return heads;
                }
                page = page.after(p.next().get());
            }
        }
    }

    /** Derived participation levels, keyed by community and member like memberships. */
    public interface ParticipationLevels
            extends Repository<MembershipKey, org.copkit.participation.ParticipationLevel> {
        /** @return stored levels of one community, ordered by member id */
        Page<org.copkit.participation.ParticipationLevel> listByCommunity(CommunityId community, PageRequest page);
    }

    /**
     * Endorsements. At most one endorsement exists per endorsee, competency and endorser: inserting a
     * second one fails with {@link org.copkit.ConflictException} (withdrawn ones are updated instead).
     */
    public interface Endorsements extends Repository<org.copkit.member.EndorsementId, org.copkit.member.Endorsement> {
        /** @return the endorsement of that competency of the endorsee by the endorser, withdrawn or not */
        Optional<org.copkit.member.Endorsement> find(MemberId endorsee, CompetencyId competency, MemberId endorser);

        /** @return endorsements received by one member, withdrawn ones too, ordered by id */
        Page<org.copkit.member.Endorsement> listByEndorsee(MemberId endorsee, PageRequest page);
    }

    /** Value-creation stories. */
    public interface ValueStories extends Repository<org.copkit.value.ValueStoryId, org.copkit.value.ValueStory> {
        /** @return stories of one community, ordered by id */
        Page<org.copkit.value.ValueStory> listByCommunity(CommunityId community, PageRequest page);
    }

    // ---- freshness and subscriptions ------------------------------------------------------------

    /** Review tasks of knowledge items. */
    public interface ReviewTasks extends Repository<org.copkit.review.ReviewTaskId, org.copkit.review.ReviewTask> {
        /** @return every task of one item in any status, ordered by id */
        List<org.copkit.review.ReviewTask> listByItem(KnowledgeItemId item);

        /**
         * @param statuses only these statuses (empty: all)
         * @return tasks naming the member among their assignees, ordered by id
         */
        Page<org.copkit.review.ReviewTask> listByAssignee(MemberId member,
                Set<org.copkit.review.ReviewTaskStatus> statuses, PageRequest page);

        /**
         * @param statuses only these statuses (empty: all)
         * @return tasks of one community, ordered by id
         */
        Page<org.copkit.review.ReviewTask> listByCommunity(CommunityId community,
                Set<org.copkit.review.ReviewTaskStatus> statuses, PageRequest page);
    }

    /**
     * Subscriptions. There is at most one per member and target: {@link #insert} of a second one fails
     * with {@link org.copkit.ConflictException}.
     */
    public interface Subscriptions
            extends Repository<org.copkit.subscription.SubscriptionId, org.copkit.subscription.Subscription> {
        /** @return the member's subscription to the target, active or not */
        Optional<org.copkit.subscription.Subscription> find(MemberId member, org.copkit.Ref target);

        /** @return the member's active subscriptions, ordered by id */
        Page<org.copkit.subscription.Subscription> listByMember(MemberId member, PageRequest page);

        /** @return the active subscriptions to one target, ordered by member id; the cursor is a member id */
        Page<org.copkit.subscription.Subscription> listByTarget(org.copkit.Ref target, PageRequest page);

        /**
         * The active subscriptions to any of several targets, for notification fan-out in one round
         * trip. The default pages through {@link #listByTarget} once per target; backends should answer
         * with one query.
         *
         * @param targets the targets, not null (duplicates are ignored; empty gives an empty list)
         * @return every active subscription to one of the targets (no limit: all of them), grouped by
         *     target in the order the targets were given, each group ordered by member id
         */
        default List<org.copkit.subscription.Subscription> listByTargets(
                java.util.Collection<org.copkit.Ref> targets) {
            List<org.copkit.subscription.Subscription> all = new java.util.ArrayList<>();
            for (org.copkit.Ref t : new java.util.LinkedHashSet<>(targets)) {
                PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
                while (true) {
                    Page<org.copkit.subscription.Subscription> p = listByTarget(t, page);
                    all.addAll(p.items());
                    if (p.next().isEmpty()) {
                        break;
                    }
                    page = page.after(p.next().get());
                }
            }
            return all;
        }
    }

    /** Notification preferences, one per member who set one. */
    public interface NotificationPreferences
            extends Repository<MemberId, org.copkit.subscription.NotificationPreference> {}
    /**
     * Sessions. Listings by start are ordered by start instant, then by id (binary order); their cursor
     * is {@code start + "|" + id} of the last returned row, with {@code start} as {@link
     * java.time.Instant#toString()}.
     */
    public interface Sessions extends Repository<org.copkit.session.SessionId, org.copkit.session.Session> {
        /**
         * @param descending latest start first when true, else earliest start first
         * @return sessions of one community, ordered by start then id
         */
        Page<org.copkit.session.Session> listByCommunity(CommunityId community, boolean descending, PageRequest page);

        /** @return sessions the member hosts, ordered by start then id */
        List<org.copkit.session.Session> listByHost(MemberId host);

        /** @return every session, ordered by id (for export) */
        Page<org.copkit.session.Session> list(PageRequest page);
    }

    /** Members' answers to sessions, keyed by session and member. */
    public interface Rsvps extends Repository<SessionMemberKey, org.copkit.session.Rsvp> {
        /** @return every answer to one session, ordered by arrival */
        List<org.copkit.session.Rsvp> listBySession(org.copkit.session.SessionId session);

        /** @return every answer of one member, ordered by session id */
        List<org.copkit.session.Rsvp> listByMember(MemberId member);
    }

    /** Attendance of sessions, keyed by session and member. */
    public interface Attendances extends Repository<SessionMemberKey, org.copkit.session.Attendance> {
        /** @return the attendance of one session, ordered by check-in time then member id */
        List<org.copkit.session.Attendance> listBySession(org.copkit.session.SessionId session);
    }

    /** Questions and discussions (their current state; content history lives in {@link ConversationRevisions}). */
    public interface Conversations extends Repository<org.copkit.conversation.ConversationId,
            org.copkit.conversation.Conversation> {
        /**
         * @param kinds only these kinds (empty: all)
         * @param statuses only these statuses (empty: all)
         * @return conversations of one community, ordered by id
         */
        Page<org.copkit.conversation.Conversation> listByCommunity(CommunityId community,
                Set<org.copkit.conversation.ConversationKind> kinds,
                Set<org.copkit.conversation.ConversationStatus> statuses, PageRequest page);

        /** @return every conversation in any community, ordered by id (for export and index rebuilds) */
        Page<org.copkit.conversation.Conversation> list(PageRequest page);

        /**
         * The heads of several conversations (kind, status, visibility and title without the body), for
         * digests. The default reads them with {@link #findAll}; backends read only the head's columns.
         *
         * @param ids the conversations, not null (duplicates are ignored; unknown ids are left out)
         * @return the found conversations' heads, in the order of {@code ids}
         */
        default java.util.Map<org.copkit.conversation.ConversationId, ConversationHead> findHeads(
                java.util.Collection<org.copkit.conversation.ConversationId> ids) {
            java.util.Map<org.copkit.conversation.ConversationId, ConversationHead> heads =
                    new java.util.LinkedHashMap<>();
            findAll(ids).forEach((id, c) -> heads.put(id, ConversationHead.of(c)));
            return heads;
        }
    }

    /** Answers, replies and comments. */
    public interface Posts extends Repository<org.copkit.conversation.PostId, org.copkit.conversation.Post> {
        /** @return posts of one conversation, ordered by id */
        Page<org.copkit.conversation.Post> listByConversation(org.copkit.conversation.ConversationId conversation,
                PageRequest page);
    }

    /** Append-only revisions of conversations. */
    public interface ConversationRevisions {
        /**
         * @param revision a revision whose number is the next for its conversation
         * @throws org.copkit.ConflictException when the conversation already has a revision with that number
         */
        void insert(org.copkit.conversation.ConversationRevision revision);

        /** @return the revision, if stored */
        Optional<org.copkit.conversation.ConversationRevision> find(org.copkit.conversation.ConversationId conversation,
                int number);

        /** @return revisions of one conversation, ordered by number ascending; cursor is the number */
        Page<org.copkit.conversation.ConversationRevision> list(org.copkit.conversation.ConversationId conversation,
                PageRequest page);
    }

    /** Append-only revisions of posts. */
    public interface PostRevisions {
        /**
         * @param revision a revision whose number is the next for its post
         * @throws org.copkit.ConflictException when the post already has a revision with that number
         */
        void insert(org.copkit.conversation.PostRevision revision);

        /** @return the revision, if stored */
        Optional<org.copkit.conversation.PostRevision> find(org.copkit.conversation.PostId post, int number);

        /** @return revisions of one post, ordered by number ascending; cursor is the number */
        Page<org.copkit.conversation.PostRevision> list(org.copkit.conversation.PostId post, PageRequest page);
    }

    /**
     * Votes, at most one per voter and target. Votes are not in the change feed: the score they add up
     * to is kept on the voted conversation or post, whose update is.
     */
    public interface Votes {
        /** @return the voter's current vote on the target, if any */
        Optional<org.copkit.conversation.Vote> find(Ref target, MemberId voter);

        /** Stores the vote, replacing the voter's earlier vote on the same target. */
        void put(org.copkit.conversation.Vote vote);

        /** Removes the voter's vote on the target; nothing happens when there is none. */
        void remove(Ref target, MemberId voter);

        /** @return votes on one target, ordered by voter id; cursor is the voter id */
        Page<org.copkit.conversation.Vote> listByTarget(Ref target, PageRequest page);
    }

    // ---- onboarding

    /** Learning paths of communities. */
    public interface LearningPaths
            extends Repository<org.copkit.onboarding.LearningPathId, org.copkit.onboarding.LearningPath> {
        /** @return paths of one community, ordered by id */
        Page<org.copkit.onboarding.LearningPath> listByCommunity(CommunityId community, PageRequest page);
    }
    /** When each member's last digest was sent, one per member who received one. */
    public interface DigestMarks extends Repository<MemberId, org.copkit.digest.DigestMark> {}
}
