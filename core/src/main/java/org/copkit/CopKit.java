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
import org.copkit.domain.DomainService;
import org.copkit.internal.Engine;
import org.copkit.internal.ActorServices;
import org.copkit.knowledge.KnowledgeService;
import org.copkit.knowledge.ReviewRules;
import org.copkit.member.MemberId;
import org.copkit.member.MemberService;
import org.copkit.member.OrganizationService;
import org.copkit.notification.Notifier;
import org.copkit.memory.InMemorySearchIndex;
import org.copkit.memory.InMemoryStorage;
import org.copkit.search.SearchService;
import org.copkit.spi.IdGenerator;
import org.copkit.spi.SearchIndex;
import org.copkit.spi.Storage;

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
    public org.copkit.review.MaintenanceService maintenance() {
        return new org.copkit.internal.Maintenance(engine);
    }

    /** @return the clock the kit runs on */
    public Clock clock() {
        return engine.clock();
    }

    /**
     * Rebuilds the search index from storage. Searches keep working on the old index meanwhile.
     */
    public void reindex() {
        engine.indexer().rebuild();
    }

    /** Closes the search index and the storage. */
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
        org.copkit.participation.ParticipationService participation();

        /** @return endorsements of members' competencies */
        org.copkit.member.EndorsementService endorsements();

        /** @return value-creation stories */
        org.copkit.value.ValueStoryService valueStories();
        /** @return review tasks and marking domain changes */
        org.copkit.review.ReviewService reviews();

        /** @return the actor's subscriptions and notification preference */
        org.copkit.subscription.SubscriptionService subscriptions();
        /** @return sessions (meetings) */
        org.copkit.session.SessionService sessions();
        /** @return questions and discussions */
        org.copkit.conversation.ConversationService conversations();

        /** @return learning paths and "start here" */
        org.copkit.onboarding.OnboardingService onboarding();
        /** @return the actor's digest of what changed in what they follow, and sending due digests (system) */
        org.copkit.digest.DigestService digests();

        /** @return finding experts and peers by competency or topic */
        org.copkit.expertise.ExpertService experts();

        /** @return community health reports */
        org.copkit.health.HealthService health();
    }

    /**
     * Configures a {@link CopKit}. Every option may be set once; setting one twice fails with a
     * message that names it. Not thread-safe; {@link #build()} may be called once.
     */
    public static final class Builder {
        /** How long a member counts as a newcomer after joining a community, unless configured: 90 days. */
        public static final java.time.Duration DEFAULT_NEWCOMER_PERIOD = java.time.Duration.ofDays(90);
        private Storage storage;
        private SearchIndex search;
        private Clock clock;
        private IdGenerator ids;
        private AccessRules accessRules;
        private MembershipRules membershipRules;
        private ReviewRules reviewRules;
        private Notifier notifier;
        private org.copkit.participation.ParticipationRules participationRules;
        private final List<ActivityListener> listeners = new ArrayList<>();
        private org.copkit.session.RsvpRules rsvpRules;
        private java.time.Duration newcomerPeriod;
        private org.copkit.expertise.ExpertRules expertRules;
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
        public Builder rsvpRules(org.copkit.session.RsvpRules rules) {
            this.rsvpRules = once("rsvpRules", this.rsvpRules, rules);
            return this;
        }

        /**
         * @param rules how participation levels derive from activity (default:
         *     {@link org.copkit.participation.ParticipationRules#defaults()})
         */
        public Builder participationRules(org.copkit.participation.ParticipationRules rules) {
            this.participationRules = once("participationRules", this.participationRules, rules);
            return this;
        }

        /** @param rules how experts are scored (default: {@link org.copkit.expertise.ExpertRules#defaults()}) */
        public Builder expertRules(org.copkit.expertise.ExpertRules rules) {
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
         * @param listener receives every activity after commit; may be called several times
         */
        public Builder listener(ActivityListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @return the running kit; the search index catches up with storage before it returns
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
            Engine engine = new Engine(new Engine.Config(st, se, c, ids != null ? ids : IdGenerator.timeOrdered(c),
                    accessRules != null ? accessRules : AccessRules.defaults(),
                    membershipRules != null ? membershipRules : MembershipRules.defaults(),
                    reviewRules != null ? reviewRules : ReviewRules.defaults(), listeners,
                    notifier != null ? notifier : Notifier.none(),
                    participationRules != null ? participationRules
                            : org.copkit.participation.ParticipationRules.defaults(),
                    rsvpRules != null ? rsvpRules : org.copkit.session.RsvpRules.defaults(),
                    newcomerPeriod != null ? newcomerPeriod : DEFAULT_NEWCOMER_PERIOD,
                    expertRules != null ? expertRules : org.copkit.expertise.ExpertRules.defaults()));
            return new CopKit(engine, "storage=" + st + ", search=" + se);
        }
    }
}
