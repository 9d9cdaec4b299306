package org.copkit.internal;

import org.copkit.CopKit;
import org.copkit.activity.ActivityService;
import org.copkit.community.CommunityService;
import org.copkit.community.PracticeService;
import org.copkit.conversation.ConversationService;
import org.copkit.digest.DigestService;
import org.copkit.domain.DomainService;
import org.copkit.expertise.ExpertService;
import org.copkit.health.HealthService;
import org.copkit.knowledge.KnowledgeService;
import org.copkit.member.EndorsementService;
import org.copkit.member.MemberId;
import org.copkit.member.MemberService;
import org.copkit.member.OrganizationService;
import org.copkit.onboarding.OnboardingService;
import org.copkit.participation.ParticipationService;
import org.copkit.review.ReviewService;
import org.copkit.search.SearchService;
import org.copkit.session.SessionService;
import org.copkit.subscription.SubscriptionService;
import org.copkit.value.ValueStoryService;


/** The services of one acting member. Not API: obtain it through {@link CopKit#as}. */
public final class ActorServices implements CopKit.As {
    private final MemberId actor;
    private final OrganizationService organizations;
    private final MemberService members;
    private final DomainService domains;
    private final CommunityService communities;
    private final PracticeService practices;
    private final KnowledgeService knowledge;
    private final ActivityService activities;
    private final SearchService search;
    private final ParticipationService participation;
    private final EndorsementService endorsements;
    private final ValueStoryService valueStories;
    private final ReviewService reviews;
    private final SubscriptionService subscriptions;
    private final SessionService sessions;
    private final ConversationService conversations;
    private final OnboardingService onboarding;
    private final DigestService digests;
    private final ExpertService experts;
    private final HealthService health;

    /**
     * @param engine the running kit
     * @param actor who acts
     */
    public ActorServices(Engine engine, MemberId actor) {
        this.actor = actor;
        this.organizations = new Organizations(engine, actor);
        this.members = new Members(engine, actor);
        this.domains = new Domains(engine, actor);
        this.communities = new Communities(engine, actor);
        this.practices = new Practices(engine, actor);
        this.knowledge = new KnowledgeItems(engine, actor);
        this.activities = new ActivityFeed(engine, actor);
        this.search = new Searches(engine, actor);
        this.participation = new ParticipationLevels(engine, actor);
        this.endorsements = new Endorsements(engine, actor);
        this.valueStories = new ValueStories(engine, actor);
        this.reviews = new Reviews(engine, actor);
        this.subscriptions = new Subscriptions(engine, actor);
        this.sessions = new Sessions(engine, actor);
        this.conversations = new Conversations(engine, actor);
        this.onboarding = new Onboarding(engine, actor);
        this.digests = new Digests(engine, actor);
        this.experts = new Experts(engine, actor);
        this.health = new Health(engine, actor);
    }

    @Override
    public MemberId actor() {
        return actor;
    }

    @Override
    public OrganizationService organizations() {
        return organizations;
    }

    @Override
    public MemberService members() {
        return members;
    }

    @Override
    public DomainService domains() {
        return domains;
    }

    @Override
    public CommunityService communities() {
        return communities;
    }

    @Override
    public PracticeService practices() {
        return practices;
    }

    @Override
    public KnowledgeService knowledge() {
        return knowledge;
    }

    @Override
    public ActivityService activities() {
        return activities;
    }

    @Override
    public SearchService search() {
        return search;
    }

    @Override
    public ParticipationService participation() {
        return participation;
    }

    @Override
    public EndorsementService endorsements() {
        return endorsements;
    }

    @Override
    public ValueStoryService valueStories() {
        return valueStories;
    }

    @Override
    public ReviewService reviews() {
        return reviews;
    }

    @Override
    public SubscriptionService subscriptions() {
        return subscriptions;
    }

    @Override
    public SessionService sessions() {
        return sessions;
    }

    @Override
    public ConversationService conversations() {
        return conversations;
    }

    @Override
    public OnboardingService onboarding() {
        return onboarding;
    }

    @Override
    public DigestService digests() {
        return digests;
    }

    @Override
    public ExpertService experts() {
        return experts;
    }

    @Override
    public HealthService health() {
        return health;
    }
}
