package org.copkit.spi;

/**
 * One storage transaction: the repositories as seen inside it. Obtained only inside
 * {@link Storage#read} or {@link Storage#write}; not to be kept or shared across threads.
 */
public interface Transaction {
    /** @return organisations */
    Repositories.Organizations organizations();

    /** @return members */
    Repositories.Members members();

    /** @return domains */
    Repositories.Domains domains();

    /** @return competencies */
    Repositories.Competencies competencies();

    /** @return communities */
    Repositories.Communities communities();

    /** @return memberships */
    Repositories.Memberships memberships();

    /** @return practices */
    Repositories.Practices practices();

    /** @return knowledge items */
    Repositories.KnowledgeItems items();

    /** @return revisions of knowledge items */
    Repositories.Revisions revisions();

    /** @return the activity log */
    Repositories.Activities activities();

    /** @return derived participation levels */
    Repositories.ParticipationLevels participationLevels();

    /** @return endorsements of competencies */
    Repositories.Endorsements endorsements();

    /** @return value-creation stories */
    Repositories.ValueStories valueStories();
    /** @return review tasks of knowledge items */
    Repositories.ReviewTasks reviewTasks();

    /** @return subscriptions */
    Repositories.Subscriptions subscriptions();

    /** @return notification preferences */
    Repositories.NotificationPreferences notificationPreferences();
    /** @return sessions */
    Repositories.Sessions sessions();

    /** @return answers to sessions */
    Repositories.Rsvps rsvps();

    /** @return attendance of sessions */
    Repositories.Attendances attendances();
    /** @return questions and discussions */
    Repositories.Conversations conversations();

    /** @return answers, replies and comments */
    Repositories.Posts posts();

    /** @return revisions of conversations */
    Repositories.ConversationRevisions conversationRevisions();

    /** @return revisions of posts */
    Repositories.PostRevisions postRevisions();

    /** @return votes on conversations and posts */
    Repositories.Votes votes();

    /** @return learning paths */
    Repositories.LearningPaths learningPaths();
    /** @return when each member's last digest was sent */
    Repositories.DigestMarks digestMarks();

    /**
     * The member's memberships and stewarded practices, for loading an actor. The default asks
     * {@link #memberships()} and {@link #practices()}; backends may answer in one query.
     *
     * @param member the member, not null (an unknown member has no roles)
     * @return the roles, never null
     */
    default MemberRoles rolesOf(org.copkit.member.MemberId member) {
        java.util.Map<org.copkit.community.PracticeId, org.copkit.community.CommunityId> stewarded =
                new java.util.HashMap<>();
        practices().listStewardedBy(member).forEach(p -> stewarded.put(p.id(), p.community()));
        return new MemberRoles(memberships().listByMember(member), stewarded);
    }

    /**
     * The member and its roles, for loading an actor. The default asks {@link #members()} and
     * {@link #rolesOf}; backends may answer in one query.
     *
     * @param member the member, not null
     * @return the member and its roles; empty when the member is not registered
     */
    default java.util.Optional<MemberAndRoles> memberAndRoles(org.copkit.member.MemberId member) {
        return members().find(member).map(m -> new MemberAndRoles(m, rolesOf(member)));
    }

    /**
     * Several reads at once: what a service call knows it needs before it starts (its actor, the
     * community it acts in, the followers its notifications go to), so that a database backend can
     * answer in one round trip. The result is exactly what the separate reads would return in this
     * transaction; the default makes them one after the other ({@link #memberAndRoles},
     * {@code communities().find}, {@code subscriptions().listByTargets}, each only when asked for).
     *
     * @param batch what to read, not null
     * @return what was read, never null
     */
    default ReadBatch.Result readBatch(ReadBatch batch) {
        java.util.Optional<MemberAndRoles> member = batch.member().flatMap(this::memberAndRoles);
        java.util.Map<org.copkit.community.CommunityId, org.copkit.community.Community> communities =
                new java.util.LinkedHashMap<>();
        for (org.copkit.community.CommunityId id : batch.communities()) {
            communities().find(id).ifPresent(c -> communities.put(id, c));
        }
        return new ReadBatch.Result(member, communities, batch.followed().isEmpty() ? java.util.List.of()
                : subscriptions().listByTargets(batch.followed()));
    }
}
