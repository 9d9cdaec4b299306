package org.copkit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.copkit.access.AccessRules;
import org.copkit.activity.ActivityListener;
import org.copkit.activity.ActivityService;
import org.copkit.community.CommunityService;
import org.copkit.community.MembershipRules;
import org.copkit.community.PracticeService;
import org.copkit.conversation.ConversationService;
import org.copkit.digest.DigestService;
import org.copkit.domain.DomainService;
import org.copkit.expertise.ExpertRules;
import org.copkit.expertise.ExpertService;
import org.copkit.health.HealthService;
import org.copkit.internal.ActorServices;
import org.copkit.internal.Engine;
import org.copkit.internal.Maintenance;
import org.copkit.knowledge.KnowledgeService;
import org.copkit.knowledge.ReviewRules;
import org.copkit.member.EndorsementService;
import org.copkit.member.MemberId;
import org.copkit.member.MemberService;
import org.copkit.member.OrganizationService;
import org.copkit.memory.InMemorySearchIndex;
import org.copkit.memory.InMemoryStorage;
import org.copkit.notification.Notifier;
import org.copkit.onboarding.OnboardingService;
import org.copkit.participation.ParticipationRules;
import org.copkit.participation.ParticipationService;
import org.copkit.review.MaintenanceService;
import org.copkit.review.ReviewService;
import org.copkit.search.SearchService;
import org.copkit.session.RsvpRules;
import org.copkit.session.SessionService;
import org.copkit.spi.IdGenerator;
import org.copkit.spi.SearchIndex;
import org.copkit.spi.Storage;
import org.copkit.subscription.SubscriptionService;
import org.copkit.value.ValueStoryService;


/**
 * The entry point: a configured, running CoPKit. Build one with {@link #builder()} (or
 * {@link #inMemory()} for tests and demos), then act as a member with {@link #as(MemberId)}:
 *
 * <pre>{@code
 * CopKit kit = CopKit.inMemory();
 * kit.system().organizations().register(OrganizationId.of("acme"), "Acme", "");
 * kit.system().members().register(MemberId.of("anna"), MemberProfile.of("Anna", OrganizationId.of("acme")));
 * CopKit.As anna = kit.as(MemberId.of("anna"));
 * Community c = anna.communities().create(CommunityDraft.of(domain.id(), "Heat pumps", "..."));
 * }</pre>
 *
 * <p>Immutable and thread-safe; share one instance per application and {@link #close()} it on shut-down.
 */
public final class CopKit implements AutoCloseable {
    private final Engine engine;
    private final String description;

    private CopKit(Engine engine, String description) {
        this.engine = engine;
        this.description = description;
    }

    /** @return a builder with in-memory backends, the system clock and the default rules */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a kit on in-memory storage and search with default rules */
    public static CopKit inMemory() {
        return builder().build();
    }

    /**
     * The operations of one acting member; every call is checked against the access rules and every
     * read is filtered by what the member may see.
     *
     * @param member a registered member
     * @return the member's view of the kit
     * @throws NotFoundException when the member is not registered
     */
    public As as(MemberId member) {
        Objects.requireNonNull(member, "member");
        engine.requireMember(member);
        return new ActorServices(engine, member);
    }

    /**
     * The operations of the host application itself ({@link MemberId#SYSTEM}), which may do and see
     * everything: register organisations and members, import, administer.
     *
     * @return the system's view of the kit
     */
    public As system() {
        return new ActorServices(engine, MemberId.SYSTEM);
    }

    /**
     * Periodic upkeep for the host's scheduler: flags published items past their review-by date and
     * opens review tasks. Runs as the system actor.
     *
     * @return the maintenance service
     */
    public MaintenanceService maintenance() {
        return new Maintenance(engine);
    }

    /** @return the clock the kit runs on */
    public Clock clock() {
        return engine.clock();
    }

    /**
     * Rebuilds the search index from storage, then applies what changed meanwhile; returns when done.
     * Searches keep working on the old index meanwhile.
     */
    public void reindex() {
        engine.indexer().rebuild();
    }

    /**
     * Stops the background indexer (a batch it is applying is finished first; changes it has not applied
     * yet are applied by the next kit on the same storage and index), then closes the search index and
     * the storage.
     */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "CopKit[" + description + "]";
    }

    /** The services available to one acting member. Obtain through {@link CopKit#as}. Thread-safe. */
    public interface As {
        /** @return who acts */
        MemberId actor();

        /** @return organisations */
        OrganizationService organizations();

        /** @return members and profiles */
        MemberService members();

        /** @return domains and competency frameworks */
        DomainService domains();

        /** @return communities and memberships */
        CommunityService communities();

        /** @return practices */
        PracticeService practices();

        /** @return knowledge items */
        KnowledgeService knowledge();

        /** @return the activity log */
        ActivityService activities();

        /** @return search */
        SearchService search();

        /** @return derived participation levels (peripheral, active, core) */
        ParticipationService participation();

        /** @return endorsements of members' competencies */
        EndorsementService endorsements();

        /** @return value-creation stories */
        ValueStoryService valueStories();
        /** @return review tasks and marking domain changes */
        ReviewService reviews();

        /** @return the actor's subscriptions and notification preference */
        SubscriptionService subscriptions();
        /** @return sessions (meetings) */
        SessionService sessions();
        /** @return questions and discussions */
        ConversationService conversations();

        /** @return learning paths and "start here" */
        OnboardingService onboarding();
        /** @return the actor's digest of what changed in what they follow, and sending due digests (system) */
        DigestService digests();

        /** @return finding experts and peers by competency or topic */
        ExpertService experts();

        /** @return community health reports */
        HealthService health();
    }

    /**
     * Configures a {@link CopKit}. Every option may be set once; setting one twice fails with a
     * message that names it. Not thread-safe; {@link #build()} may be called once.
     */
    public static final class Builder {
        /** How long a member counts as a newcomer after joining a community, unless configured: 90 days. */
        public static final java.time.Duration DEFAULT_NEWCOMER_PERIOD = java.time.Duration.ofDays(90);
        /** How often the indexer looks for changes other processes committed, unless configured: 1 second. */
        public static final java.time.Duration DEFAULT_INDEX_POLL_INTERVAL = java.time.Duration.ofSeconds(1);
        /** How long a search waits for the indexer to apply this process's writes, unless configured: 10 seconds. */
        public static final java.time.Duration DEFAULT_SEARCH_WAIT = java.time.Duration.ofSeconds(10);
        private Storage storage;
        private SearchIndex search;
        private Clock clock;
        private IdGenerator ids;
        private AccessRules accessRules;
        private MembershipRules membershipRules;
        private ReviewRules reviewRules;
        private Notifier notifier;
        private ParticipationRules participationRules;
        private final List<ActivityListener> listeners = new ArrayList<>();
        private RsvpRules rsvpRules;
        private java.time.Duration newcomerPeriod;
        private java.time.Duration indexPollInterval;
        private java.time.Duration searchWait;
        private ExpertRules expertRules;
        private org.copkit.spi.Embedder embedder;
        private boolean built;

        private Builder() {}

        private static <T> T once(String what, T current, T value) {
            Objects.requireNonNull(value, what);
            if (current != null) {
                throw new CopKitException(ErrorCode.CONFIGURATION,
                        what + " was already set to " + current + "; set it once");
            }
            return value;
        }

        /** @param storage where everything is stored (default: {@link InMemoryStorage}) */
        public Builder storage(Storage storage) {
            this.storage = once("storage", this.storage, storage);
            return this;
        }

        /** @param search the search index (default: {@link InMemorySearchIndex}) */
        public Builder search(SearchIndex search) {
            this.search = once("search", this.search, search);
            return this;
        }

        /** @param clock the clock for all timestamps and rules (default: system UTC) */
        public Builder clock(Clock clock) {
            this.clock = once("clock", this.clock, clock);
            return this;
        }

        /** @param ids the id generator (default: {@link IdGenerator#timeOrdered}) */
        public Builder ids(IdGenerator ids) {
            this.ids = once("ids", this.ids, ids);
            return this;
        }

        /** @param rules who may do what (default: {@link AccessRules#defaults()}) */
        public Builder accessRules(AccessRules rules) {
            this.accessRules = once("accessRules", this.accessRules, rules);
            return this;
        }

        /** @param rules how members enter communities (default: {@link MembershipRules#defaults()}) */
        public Builder membershipRules(MembershipRules rules) {
            this.membershipRules = once("membershipRules", this.membershipRules, rules);
            return this;
        }

        /** @param rules when items may be published and how long they stay fresh (default: {@link ReviewRules#defaults()}) */
        public Builder reviewRules(ReviewRules rules) {
            this.reviewRules = once("reviewRules", this.reviewRules, rules);
            return this;
        }

        /** @param notifier delivers notifications the host's way (default: {@link Notifier#none()}) */
        public Builder notifier(Notifier notifier) {
            this.notifier = once("notifier", this.notifier, notifier);
            return this;
        }

        /** @param rules who of a session's GOING members gets a seat (default: {@link org.copkit.session.RsvpRules#defaults()}) */
        public Builder rsvpRules(RsvpRules rules) {
            this.rsvpRules = once("rsvpRules", this.rsvpRules, rules);
            return this;
        }

        /**
         * @param rules how participation levels derive from activity (default:
         *     {@link org.copkit.participation.ParticipationRules#defaults()})
         */
        public Builder participationRules(ParticipationRules rules) {
            this.participationRules = once("participationRules", this.participationRules, rules);
            return this;
        }

        /** @param rules how experts are scored (default: {@link org.copkit.expertise.ExpertRules#defaults()}) */
        public Builder expertRules(ExpertRules rules) {
            this.expertRules = once("expertRules", this.expertRules, rules);
            return this;
        }

        /**
         * @param period how long after joining a community a member counts as a newcomer there
         *     (default: {@link #DEFAULT_NEWCOMER_PERIOD}); positive
         * @throws InvalidInputException when the period is zero or negative
         */
        public Builder newcomerPeriod(java.time.Duration period) {
            Objects.requireNonNull(period, "newcomerPeriod");
            if (period.isNegative() || period.isZero()) {
                throw new InvalidInputException("newcomerPeriod must be positive but was " + period);
            }
            this.newcomerPeriod = once("newcomerPeriod", this.newcomerPeriod, period);
            return this;
        }

        /**
         * How often the background indexer reads the change feed when this process wrote nothing: it is
         * woken by every write of this kit anyway, so the interval only matters for changes that other
         * processes (other kits on the same database) commit. Where the storage notifies of those commits
         * ({@link org.copkit.spi.ChangeFeed#onCommit}, PostgreSQL) they wake the indexer at once, and the
         * poll is the fallback for a notification that did not arrive.
         *
         * @param interval the poll interval (default: {@link #DEFAULT_INDEX_POLL_INTERVAL}); positive
         * @return this
         * @throws InvalidInputException when the interval is zero or negative
         */
        public Builder indexPollInterval(java.time.Duration interval) {
            Objects.requireNonNull(interval, "indexPollInterval");
            if (interval.isNegative() || interval.isZero()) {
                throw new InvalidInputException("indexPollInterval must be positive but was " + interval);
            }
            this.indexPollInterval = once("indexPollInterval", this.indexPollInterval, interval);
            return this;
        }

        /**
         * How long a search (and every other call that reads the search index: similar items, suggestions,
         * experts by topic) waits for the background indexer to apply the writes this kit committed before
         * the call. After that, or at once while the indexer is failing, it searches the index as it is and
         * logs a WARN.
         *
         * @param wait the longest wait (default: {@link #DEFAULT_SEARCH_WAIT}); zero or positive
         * @return this
         * @throws InvalidInputException when the wait is negative
         */
        public Builder searchWait(java.time.Duration wait) {
            Objects.requireNonNull(wait, "searchWait");
            if (wait.isNegative()) {
                throw new InvalidInputException("searchWait must not be negative but was " + wait);
            }
            this.searchWait = once("searchWait", this.searchWait, wait);
            return this;
        }

        /**
         * @param listener receives every activity after commit; may be called several times
         */
        public Builder listener(ActivityListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @param embedder turns texts into vectors for semantic retrieval (default: none, ranking by
         *     words only); handed to the search index with {@link SearchIndex#useEmbedder} when the kit is
         *     built. An index that does not support embedders (core's in-memory index) ignores it with an
         *     INFO log.
         * @return this
         */
        public Builder embedder(org.copkit.spi.Embedder embedder) {
            this.embedder = once("embedder", this.embedder, embedder);
            return this;
        }

        /**
         * @return the running kit; the search index catches up with storage before it returns, and from
         *     then on a background indexer thread (stopped by {@link CopKit#close()}) keeps it current
         * @throws CopKitException with {@link ErrorCode#CONFIGURATION} when called twice
         */
        public CopKit build() {
            if (built) {
                throw new CopKitException(ErrorCode.CONFIGURATION, "build() was already called on this builder");
            }
            built = true;
            Clock c = clock != null ? clock : Clock.systemUTC();
            Storage st = storage != null ? storage : InMemoryStorage.create(c);
            SearchIndex se = search != null ? search : new InMemorySearchIndex();
            if (embedder != null && !se.useEmbedder(embedder)) {
                org.slf4j.LoggerFactory.getLogger(CopKit.class).info(
                        "The search index {} does not use embedders; {} is ignored and search ranks by words only",
                        se, embedder.modelId());
            }
            Engine engine = new Engine(new Engine.Config(st, se, c, ids != null ? ids : IdGenerator.timeOrdered(c),
                    accessRules != null ? accessRules : AccessRules.defaults(),
                    membershipRules != null ? membershipRules : MembershipRules.defaults(),
                    reviewRules != null ? reviewRules : ReviewRules.defaults(), listeners,
                    notifier != null ? notifier : Notifier.none(),
                    participationRules != null ? participationRules
                            : ParticipationRules.defaults(),
                    rsvpRules != null ? rsvpRules : RsvpRules.defaults(),
                    newcomerPeriod != null ? newcomerPeriod : DEFAULT_NEWCOMER_PERIOD,
                    expertRules != null ? expertRules : ExpertRules.defaults(),
                    indexPollInterval != null ? indexPollInterval : DEFAULT_INDEX_POLL_INTERVAL,
                    searchWait != null ? searchWait : DEFAULT_SEARCH_WAIT));
            return new CopKit(engine, "storage=" + st + ", search=" + se);
        }
    }
}
