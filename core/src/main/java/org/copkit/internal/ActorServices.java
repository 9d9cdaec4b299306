package org.copkit.internal;

import org.copkit.CopKit;
import org.copkit.activity.ActivityService;
import org.copkit.community.CommunityService;
import org.copkit.community.PracticeService;
import org.copkit.conversation.ConversationService;
import org.copkit.domain.DomainService;
import org.copkit.knowledge.KnowledgeService;
import org.copkit.member.MemberId;
import org.copkit.member.MemberService;
import org.copkit.member.OrganizationService;
import org.copkit.search.SearchService;

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
    private final org.copkit.participation.ParticipationService participation;
    private final org.copkit.member.EndorsementService endorsements;
    private final org.copkit.value.ValueStoryService valueStories;
    private final org.copkit.review.ReviewService reviews;
    private final org.copkit.subscription.SubscriptionService subscriptions;
    private final org.copkit.session.SessionService sessions;
    private final ConversationService conversations;
    private final org.copkit.onboarding.OnboardingService onboarding;
    private final org.copkit.digest.DigestService digests;
    private final org.copkit.expertise.ExpertService experts;
    private final org.copkit.health.HealthService health;

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
    public org.copkit.participation.ParticipationService participation() {
        return participation;
    }

    @Override
    public org.copkit.member.EndorsementService endorsements() {
        return endorsements;
    }

    @Override
    public org.copkit.value.ValueStoryService valueStories() {
        return valueStories;
    }

    @Override
    public org.copkit.review.ReviewService reviews() {
        return reviews;
    }

    @Override
    public org.copkit.subscription.SubscriptionService subscriptions() {
        return subscriptions;
    }

    @Override
    public org.copkit.session.SessionService sessions() {
        return sessions;
    }

    @Override
    public ConversationService conversations() {
        return conversations;
    }

    @Override
    public org.copkit.onboarding.OnboardingService onboarding() {
        return onboarding;
    }

    @Override
    public org.copkit.digest.DigestService digests() {
        return digests;
    }

    @Override
    public org.copkit.expertise.ExpertService experts() {
        return experts;
    }

    @Override
    public org.copkit.health.HealthService health() {
        return health;
    }
}
