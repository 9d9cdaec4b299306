package org.copkit.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.copkit.Ref;
import org.copkit.spi.Repositories;
import org.copkit.spi.Transaction;

/**
 * One {@link JdbcStorage} transaction on one Jdbi handle. Repositories are created on first use.
 * Changes are buffered here and written to the feed by {@link #flushChanges} just before commit (on
 * PostgreSQL usually earlier, with the deferred writes they belong to).
 */
final class JdbcTransaction implements Transaction {
    private record Pending(Ref ref, long version) {}

    private final Db db;
    private final boolean writable;
    private final List<Pending> changes = new ArrayList<>();

    private OrganizationsRepo organizations;
    private MembersRepo members;
    private DomainsRepo domains;
    private CompetenciesRepo competencies;
    private CommunitiesRepo communities;
    private MembershipsRepo memberships;
    private PracticesRepo practices;
    private ItemsRepo items;
    private RevisionsRepo revisions;
    private ActivitiesRepo activities;
    private ParticipationLevelsRepo participationLevels;
    private EndorsementsRepo endorsements;
    private ValueStoriesRepo valueStories;
    private ReviewTasksRepo reviewTasks;
    private SubscriptionsRepo subscriptions;
    private PreferencesRepo preferences;
    private SessionsRepo sessions;
    private RsvpsRepo rsvps;
    private AttendancesRepo attendances;
    private ConversationsRepo conversations;
    private PostsRepo posts;
    private ConversationRevisionsRepo conversationRevisions;
    private PostRevisionsRepo postRevisions;
    private VotesRepo votes;
    private LearningPathsRepo learningPaths;
    private DigestMarksRepo digestMarks;

    /**
     * On PostgreSQL, the {@code pg_notify(...)} call that the statement appending to the change feed makes
     * (delivered to other nodes' listeners at commit, {@link PgCommitListener}); null: none.
     */
    private final String notify;

    JdbcTransaction(Db db, boolean writable, java.time.Clock clock) {
        this(db, writable, clock, null);
    }

    JdbcTransaction(Db db, boolean writable, java.time.Clock clock, String notify) {
        this.db = db;
        this.writable = writable;
        this.notify = notify;
        if (writable && db.schema.dialect() == Dialect.POSTGRESQL) {
            // the change-feed entries of deferred writes travel in their round trip
            db.beforeSending(() -> {
                if (!changes.isEmpty() && changes.size() <= ONE_STATEMENT) {
                    deferChanges(clock.instant());
                }
            });
        }
    }

    Db db() {
        return db;
    }

    /**
     * On PostgreSQL one {@code SELECT ... FOR NO KEY UPDATE} per table, rows in id order (the tables
     * in the order of {@link Transaction#lockOrder}), so overlapping locks are always taken in one
     * order. {@code NO KEY} leaves inserts that reference the row (foreign keys take KEY SHARE) free.
     * On H2 write transactions never overlap ({@link H2WriteLock}): nothing to do.
     */
    @Override
    public void lock(java.util.Collection<Ref> aggregates) {
        List<Ref> ordered = Transaction.lockOrder(aggregates);
        checkWritable();
        if (db.schema.dialect() != Dialect.POSTGRESQL || ordered.isEmpty()) {
            return;
        }
        java.util.Map<org.copkit.ObjectType, List<String>> byType = new java.util.LinkedHashMap<>();
        ordered.forEach(r -> byType.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(r.id()));
        byType.forEach((type, ids) -> db.query("SELECT id FROM " + db.schema.t(LOCK_TABLES.get(type))
                + " WHERE id IN (" + String.join(", ", java.util.Collections.nCopies(ids.size(), "?"))
                + ") ORDER BY id FOR NO KEY UPDATE", r -> r.text("id"), ids.toArray()));
    }

    private static final java.util.Map<org.copkit.ObjectType, String> LOCK_TABLES = java.util.Map.of(
            org.copkit.ObjectType.ORGANIZATION, "organizations", org.copkit.ObjectType.MEMBER, "members",
            org.copkit.ObjectType.DOMAIN, "domains", org.copkit.ObjectType.COMMUNITY, "communities",
            org.copkit.ObjectType.PRACTICE, "practices", org.copkit.ObjectType.KNOWLEDGE_ITEM, "knowledge_items",
            org.copkit.ObjectType.SESSION, "sessions", org.copkit.ObjectType.CONVERSATION, "conversations",
            org.copkit.ObjectType.POST, "posts", org.copkit.ObjectType.LEARNING_PATH, "learning_paths");

    void checkWritable() {
        if (!writable) {
            throw new IllegalStateException("write attempted in a read-only transaction");
        }
    }

    void changed(Ref ref, long version) {
        changes.add(new Pending(ref, version));
    }

    /** Up to this many changes, PostgreSQL writes the change head and the entries in one statement. */
    private static final int ONE_STATEMENT = 100;

    /**
     * Appends the buffered changes to the feed. Their sequence numbers come from the single row of
     * {@code change_head}, whose lock this transaction then holds until it commits: on PostgreSQL a
     * later transaction waits here, so sequence order is commit order and no reader can see a sequence
     * before the smaller ones of another transaction have committed (on H2 write transactions do not
     * overlap at all, see {@link H2WriteLock}). On PostgreSQL the changes of deferred writes usually went
     * out with them already ({@link Db#beforeSending}); a transaction may append to the feed several
     * times, holding the lock from the first time.
     */
    void flushChanges(Instant at) {
        if (changes.isEmpty()) {
            return;
        }
        Schema s = db.schema;
        int n = changes.size();
        if (s.dialect() == Dialect.POSTGRESQL && n <= ONE_STATEMENT) {
            deferChanges(at);
            db.flush();
            return;
        }
        // advance the head and read its new value in one statement (the row lock is held to commit); on
        // PostgreSQL the same statement notifies the other nodes (delivered at commit)
        String advance = "UPDATE " + s.t("change_head") + " SET last_seq = last_seq + ? WHERE id = 1";
        long last = db.one(s.dialect() == Dialect.H2 ? "SELECT last_seq FROM FINAL TABLE (" + advance + ")"
                : notify == null ? advance + " RETURNING last_seq"
                : "WITH h AS (" + advance + " RETURNING last_seq), n AS (SELECT " + notify + " FROM h)"
                        + " SELECT h.last_seq FROM h, n", r -> r.longValue("last_seq"), (long) n)
                .orElseThrow(() -> new IllegalStateException("change_head has no row"));
        long seq = last - n;
        for (int from = 0; from < n; from += ONE_STATEMENT) {
            List<Pending> part = changes.subList(from, Math.min(n, from + ONE_STATEMENT));
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(s.t("changes"))
                    .append(" (seq, object_type, object_id, version, changed_at) VALUES ");
            List<Object> args = new ArrayList<>();
            for (int i = 0; i < part.size(); i++) {
                sql.append(i == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)");
                Pending p = part.get(i);
                args.add(++seq);
                args.add(p.ref().type().name());
                args.add(p.ref().id());
                args.add(p.version());
                args.add(at);
            }
            db.update(sql.toString(), args.toArray());
        }
        changes.clear();
    }

    /**
     * PostgreSQL, up to 100 changes: advances the head and inserts the entries in one statement, a
     * data-modifying CTE whose UPDATE takes the same row lock, held to commit; deferred, so it goes out
     * with the transaction's next round trip. The same statement sends the commit notification
     * ({@code pg_notify}, a CTE evaluated once and joined as one row), so it costs no round trip either.
     */
    private void deferChanges(Instant at) {
        Schema s = db.schema;
        int n = changes.size();
        StringBuilder sql = new StringBuilder("WITH h AS (UPDATE ").append(s.t("change_head"))
                .append(" SET last_seq = last_seq + ? WHERE id = 1 RETURNING last_seq)")
                .append(notify == null ? "" : ", n AS (SELECT " + notify + " FROM h)").append(" INSERT INTO ")
                .append(s.t("changes")).append(" (seq, object_type, object_id, version, changed_at)")
                .append(" SELECT h.last_seq - ? + v.k, v.t, v.i, v.ver, v.at FROM h, ")
                .append(notify == null ? "" : "n, ").append("(VALUES ");
        List<Object> args = new ArrayList<>(2 + 5 * n);
        args.add((long) n);
        args.add((long) n);
        for (int i = 0; i < n; i++) {
            sql.append(i == 0 ? "(CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT),"
                    + " CAST(? AS TIMESTAMP WITH TIME ZONE))" : ", (?, ?, ?, ?, ?)");
            Pending p = changes.get(i);
            args.add((long) (i + 1));
            args.add(p.ref().type().name());
            args.add(p.ref().id());
            args.add(p.version());
            args.add(at);
        }
        sql.append(") AS v(k, t, i, ver, at)");
        changes.clear();
        db.later("changes", sql.toString(), null, inserted -> {
            if (inserted != n) {
                throw new IllegalStateException("change_head has no row: " + inserted + " of " + n
                        + " change-feed entries were written");
            }
        }, args.toArray());
    }

    @Override
    public Repositories.Organizations organizations() {
        return organizations != null ? organizations : (organizations = new OrganizationsRepo(this));
    }

    @Override
    public Repositories.Members members() {
        return members != null ? members : (members = new MembersRepo(this));
    }

    @Override
    public Repositories.Domains domains() {
        return domains != null ? domains : (domains = new DomainsRepo(this));
    }

    @Override
    public Repositories.Competencies competencies() {
        return competencies != null ? competencies : (competencies = new CompetenciesRepo(this));
    }

    @Override
    public Repositories.Communities communities() {
        return communities != null ? communities : (communities = new CommunitiesRepo(this));
    }

    @Override
    public Repositories.Memberships memberships() {
        return memberships != null ? memberships : (memberships = new MembershipsRepo(this));
    }

    @Override
    public Repositories.Practices practices() {
        return practices != null ? practices : (practices = new PracticesRepo(this));
    }

    @Override
    public Repositories.KnowledgeItems items() {
        return items != null ? items : (items = new ItemsRepo(this));
    }

    @Override
    public Repositories.Revisions revisions() {
        return revisions != null ? revisions : (revisions = new RevisionsRepo(this));
    }

    @Override
    public Repositories.Activities activities() {
        return activities != null ? activities : (activities = new ActivitiesRepo(this));
    }

    @Override
    public Repositories.ParticipationLevels participationLevels() {
        return participationLevels != null ? participationLevels
                : (participationLevels = new ParticipationLevelsRepo(this));
    }

    @Override
    public Repositories.Endorsements endorsements() {
        return endorsements != null ? endorsements : (endorsements = new EndorsementsRepo(this));
    }

    @Override
    public Repositories.ValueStories valueStories() {
        return valueStories != null ? valueStories : (valueStories = new ValueStoriesRepo(this));
    }

    @Override
    public Repositories.ReviewTasks reviewTasks() {
        return reviewTasks != null ? reviewTasks : (reviewTasks = new ReviewTasksRepo(this));
    }

    @Override
    public Repositories.Subscriptions subscriptions() {
        return subscriptions != null ? subscriptions : (subscriptions = new SubscriptionsRepo(this));
    }

    @Override
    public Repositories.NotificationPreferences notificationPreferences() {
        return preferences != null ? preferences : (preferences = new PreferencesRepo(this));
    }

    @Override
    public Repositories.Sessions sessions() {
        return sessions != null ? sessions : (sessions = new SessionsRepo(this));
    }

    @Override
    public Repositories.Rsvps rsvps() {
        return rsvps != null ? rsvps : (rsvps = new RsvpsRepo(this));
    }

    @Override
    public Repositories.Attendances attendances() {
        return attendances != null ? attendances : (attendances = new AttendancesRepo(this));
    }

    @Override
    public Repositories.Conversations conversations() {
        return conversations != null ? conversations : (conversations = new ConversationsRepo(this));
    }

    @Override
    public Repositories.Posts posts() {
        return posts != null ? posts : (posts = new PostsRepo(this));
    }

    @Override
    public Repositories.ConversationRevisions conversationRevisions() {
        return conversationRevisions != null ? conversationRevisions
                : (conversationRevisions = new ConversationRevisionsRepo(this));
    }

    @Override
    public Repositories.PostRevisions postRevisions() {
        return postRevisions != null ? postRevisions : (postRevisions = new PostRevisionsRepo(this));
    }

    @Override
    public Repositories.Votes votes() {
        return votes != null ? votes : (votes = new VotesRepo(this));
    }

    @Override
    public Repositories.LearningPaths learningPaths() {
        return learningPaths != null ? learningPaths : (learningPaths = new LearningPathsRepo(this));
    }

    @Override
    public Repositories.DigestMarks digestMarks() {
        return digestMarks != null ? digestMarks : (digestMarks = new DigestMarksRepo(this));
    }

    /** Memberships and stewarded practices in one statement ({@link BatchReads#rolesOf}). */
    @Override
    public org.copkit.spi.MemberRoles rolesOf(org.copkit.member.MemberId member) {
        return BatchReads.rolesOf(this, member);
    }

    /** Member row, memberships and stewarded practices in one statement ({@link BatchReads#read}). */
    @Override
    public java.util.Optional<org.copkit.spi.MemberAndRoles> memberAndRoles(org.copkit.member.MemberId member) {
        return BatchReads.read(this, org.copkit.spi.ReadBatch.member(member)).member();
    }

    /** The whole batch in one {@code UNION ALL} statement ({@link BatchReads#read}). */
    @Override
    public org.copkit.spi.ReadBatch.Result readBatch(org.copkit.spi.ReadBatch batch) {
        return BatchReads.read(this, batch);
    }

    /** Aggregate queries over V4's indexes ({@link HealthReads}). */
    @Override
    public org.copkit.spi.HealthFacts healthFacts(org.copkit.community.CommunityId community,
            org.copkit.member.MemberId reader, Instant from, Instant to, Instant now) {
        return HealthReads.facts(this, community, reader, from, to, now);
    }
}
