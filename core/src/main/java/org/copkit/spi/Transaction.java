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
     * Takes the write lock of aggregates for the rest of this write transaction: a rule that spans
     * several rows (the seats and waitlist of a session, one accepted answer per question, the last
     * coordinator of a community, a digest sent once per member) is checked and changed only while the
     * aggregate that owns it is locked. Another transaction that locks one of the same aggregates waits
     * until this one has committed or rolled back, and what it reads after its own {@code lock} returns
     * includes everything this one committed. Locking an aggregate twice, or one that does not exist,
     * is allowed and does nothing more.
     *
     * <p>The aggregates are locked in one fixed order whatever the order of the list, so two
     * transactions that lock overlapping sets in one call never deadlock. A backend whose write
     * transactions never overlap (the in-memory storage, H2 in storage-jdbc) has nothing to do; a
     * backend whose write transactions overlap must lock (PostgreSQL: {@code SELECT ... FOR NO KEY
     * UPDATE} on the aggregates' rows). {@code org.copkit.testkit.ConcurrencyContract} checks it.
     *
     * @param aggregates the aggregates, not null, without null elements; each of an {@link
     *     org.copkit.ObjectType} for which this storage keeps one row per object (organisation, member,
     *     domain, community, practice, knowledge item, session, conversation, post, learning path)
     * @throws IllegalStateException in a read-only transaction
     * @throws IllegalArgumentException for a type that names no aggregate
     */
    void lock(java.util.Collection<org.copkit.Ref> aggregates);

    /** The types of object {@link #lock} accepts: those stored as one row per object. */
    java.util.Set<org.copkit.ObjectType> LOCKABLE = java.util.Collections.unmodifiableSet(java.util.EnumSet.of(
            org.copkit.ObjectType.ORGANIZATION, org.copkit.ObjectType.MEMBER, org.copkit.ObjectType.DOMAIN,
            org.copkit.ObjectType.COMMUNITY, org.copkit.ObjectType.PRACTICE, org.copkit.ObjectType.KNOWLEDGE_ITEM,
            org.copkit.ObjectType.SESSION, org.copkit.ObjectType.CONVERSATION, org.copkit.ObjectType.POST,
            org.copkit.ObjectType.LEARNING_PATH));

    /**
     * Checks the argument of {@link #lock}, for backends.
     *
     * @param aggregates what a caller asked to lock
     * @return the aggregates, distinct, in the order in which to lock them (by type, then id)
     * @throws IllegalArgumentException for a type not in {@link #LOCKABLE}
     * @throws NullPointerException for a null list or element
     */
    static java.util.List<org.copkit.Ref> lockOrder(java.util.Collection<org.copkit.Ref> aggregates) {
        java.util.TreeSet<org.copkit.Ref> sorted = new java.util.TreeSet<>(java.util.Comparator
                .comparing(org.copkit.Ref::type).thenComparing(org.copkit.Ref::id));
        for (org.copkit.Ref r : java.util.Objects.requireNonNull(aggregates, "aggregates")) {
            java.util.Objects.requireNonNull(r, "aggregates contains null");
            if (!LOCKABLE.contains(r.type())) {
                throw new IllegalArgumentException("cannot lock " + r + ": " + r.type()
                        + " is not an aggregate; lock one of " + LOCKABLE);
            }
            sorted.add(r);
        }
        return java.util.List.copyOf(sorted);
    }

    /**
     * Takes the write lock of one aggregate; see {@link #lock(java.util.Collection)}.
     *
     * @param aggregate the aggregate, not null
     */
    default void lock(org.copkit.Ref aggregate) {
        lock(java.util.List.of(aggregate));
    }

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

    /**
     * The aggregates of one community's health report for the half-open period {@code [from, to)}: active
     * memberships by level and newcomers, questions asked with their first answer and the unanswered
     * backlog, items published and stale, sessions held with their attendance, value stories by cycle;
     * content counted per {@link HealthFacts.VisibilityGroup} so that the caller applies the visibility
     * rule per group (see {@link HealthFacts} for what each figure counts). The default reads the
     * repositories' listings object by object (exact, but proportional to the community's size);
     * backends with indexes should answer with aggregate queries. An unknown community has no facts
     * (all counts zero).
     *
     * @param community the community, not null
     * @param reader the member the report is for (decides {@link HealthFacts.VisibilityGroup#byReader()}),
     *     not null
     * @param from start of the period (inclusive), not null
     * @param to end of the period (exclusive), not null, after {@code from}
     * @param now the report's clock reading: what is stale, which sessions were held; not null
     * @return the facts, never null
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code to} is not after {@code from}
     */
    default HealthFacts healthFacts(org.copkit.community.CommunityId community, org.copkit.member.MemberId reader,
            java.time.Instant from, java.time.Instant to, java.time.Instant now) {
        HealthFacts.check(community, reader, from, to, now);
        return HealthScan.facts(this, community, reader, from, to, now);
    }
}
