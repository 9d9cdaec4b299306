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
    }

    /** Append-only revisions of knowledge items. */
    public interface Revisions {
        /**
         * @param revision a revision whose number is the next for its item
         * @throws org.copkit.ConflictException when the item already has a revision with that number
         */
        void insert(Revision revision);

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
         * @param filter which activities
         * @param page cursor is a sequence; listing is newest first
         * @return matching activities, newest first
         */
        Page<Activity> list(ActivityFilter filter, PageRequest page);
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
}
