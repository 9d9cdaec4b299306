package org.copkit.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.content;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.copkit.AccessDeniedException;
import org.copkit.CopKitException;
import org.copkit.Fixture;
import org.copkit.InvalidInputException;
import org.copkit.NotFoundException;
import org.copkit.ObjectType;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.StoreSnapshot;
import org.copkit.access.Audience;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeDraft;
import org.copkit.community.PracticeId;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.MemberId;
import org.copkit.notification.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Following, preferences and the fan-out of notifications, through {@code kit.as(member)}. */
class SubscriptionServiceTest {
    private final List<Notification> delivered = new CopyOnWriteArrayList<>();
    private Fixture f;
    private MemberId anna; // ACME, coordinator of heat
    private MemberId alex; // ACME, member of heat
    private MemberId bob; // BETA, member of heat
    private MemberId nina; // ACME, not in heat
    private CommunityId heat;

    @BeforeEach
    void setUp() {
        f = Fixture.create(b -> b.notifier(delivered::add));
        anna = f.member("anna", ACME);
        alex = f.member("alex", ACME);
        bob = f.member("bob", BETA);
        nina = f.member("nina", ACME);
        heat = f.community(anna, "Heat pumps");
        f.join(heat, alex, bob);
        delivered.clear();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private List<Notification> to(MemberId m) {
        return delivered.stream().filter(n -> n.recipient().equals(m)).toList();
    }

    private void assertRejected(ThrowingCallable call, Class<? extends CopKitException> type, String... parts) {
        StoreSnapshot before = f.snapshot();
        Throwable e = catchThrowable(call);
        assertThat(e).isExactlyInstanceOf(type);
        assertThat(e.getMessage()).contains(parts);
        assertThat(f.snapshot()).isEqualTo(before);
    }

    @Test
    void followingATag_notifiesOfNewItemsWithThatTag_sayingWhy() {
        f.as(bob).subscriptions().follow(Subscription.tag("Subsidie"));

        KnowledgeItem item = f.published(alex, heat, Audience.community(), content("ISDE", "b").withTags("subsidie"));

        assertThat(to(bob)).singleElement().satisfies(n -> {
            assertThat(n.activity().verb()).isEqualTo(Verb.PUBLISHED);
            assertThat(n.activity().object()).isEqualTo(Ref.of(ObjectType.KNOWLEDGE_ITEM, item.id()));
            assertThat(n.reason()).isEqualTo("you follow tag 'subsidie'");
        });
        assertThat(to(alex)).isEmpty();
    }

    @Test
    void anEditThatChangesTheTags_notifiesFollowersOfTheNewTag_andNotThoseOfTheOldOne() {
        f.as(bob).subscriptions().follow(Subscription.tag("subsidie"));
        f.as(nina).subscriptions().follow(Subscription.tag("isolatie"));
        KnowledgeItem item = f.published(alex, heat, Audience.platform(), content("ISDE", "b").withTags("isolatie"));
        assertThat(to(nina)).isNotEmpty();
        assertThat(to(bob)).isEmpty();
        delivered.clear();

        KnowledgeItem edited = f.as(alex).knowledge().edit(item.id(), item.version(),
                content("ISDE", "b2").withTags("subsidie"), "");

        assertThat(to(bob)).singleElement().satisfies(n -> {
            assertThat(n.activity().object()).isEqualTo(Ref.of(ObjectType.KNOWLEDGE_ITEM, edited.id()));
            assertThat(n.reason()).isEqualTo("you follow tag 'subsidie'");
        });
        assertThat(to(nina)).isEmpty();
    }

    @Test
    void followingACommunity_notifiesOncePerActivity_evenWhenSeveralFollowsMatch() {
        f.as(bob).subscriptions().follow(Ref.of(ObjectType.COMMUNITY, heat));
        f.as(bob).subscriptions().follow(Subscription.tag("subsidie"));
        f.as(bob).subscriptions().follow(Ref.of(ObjectType.MEMBER, alex));

        KnowledgeItem d = f.draft(alex, heat, Audience.community(), content("ISDE", "b").withTags("subsidie"));
        f.as(alex).knowledge().publish(d.id(), d.version());

        // the draft is invisible to bob (a plain member), the publication is not
        assertThat(to(bob)).singleElement().satisfies(n -> assertThat(n.reason())
                .isEqualTo("you follow tag 'subsidie'"));
    }

    @Test
    void creatingADraft_notifiesTheFollowersWhoMaySeeIt_fromTheFollowersReadWithTheActor() {
        f.as(anna).subscriptions().follow(Ref.of(ObjectType.COMMUNITY, heat));
        f.as(anna).subscriptions().follow(Subscription.tag("subsidie"));
        f.as(bob).subscriptions().follow(Ref.of(ObjectType.MEMBER, alex));
        delivered.clear();

        KnowledgeItem d = f.as(alex).knowledge().create(ItemDraft.of(heat, ItemKind.ARTICLE,
                content("ISDE", "b").withTags("subsidie")));

        // the coordinator reviews drafts of the community and hears of it once, for the tag (before the
        // community); bob, a plain member following alex, may not see a draft
        assertThat(to(anna)).singleElement().satisfies(n -> {
            assertThat(n.activity().verb()).isEqualTo(Verb.CREATED);
            assertThat(n.activity().object()).isEqualTo(Ref.of(ObjectType.KNOWLEDGE_ITEM, d.id()));
            assertThat(n.reason()).isEqualTo("you follow tag 'subsidie'");
        });
        assertThat(to(bob)).isEmpty();
        assertThat(to(alex)).isEmpty();
    }

    @Test
    void followingAPracticeOrAMember_saysSo() {
        PracticeId p = f.as(anna).practices().create(heat, PracticeDraft.of("Subsidies", "")).id();
        f.as(bob).subscriptions().follow(Ref.of(ObjectType.PRACTICE, p));
        f.as(nina).subscriptions().follow(Ref.of(ObjectType.MEMBER, alex));

        KnowledgeItem d = f.as(alex).knowledge().create(ItemDraft.of(heat, ItemKind.ARTICLE, content("G", "b"))
                .inPractice(p).withAudience(Audience.platform()));
        f.as(alex).knowledge().publish(d.id(), d.version());

        assertThat(to(bob)).extracting(Notification::reason).containsExactly("you follow practice 'Subsidies'");
        assertThat(to(nina)).extracting(Notification::reason).containsExactly("you follow member 'Alex'");
    }

    @Test
    void anOrganisationOnlyItem_neverNotifiesAFollowerFromAnotherOrganisation() {
        f.as(bob).subscriptions().follow(Ref.of(ObjectType.COMMUNITY, heat));
        f.as(bob).subscriptions().follow(Subscription.tag("subsidie"));
        f.as(bob).subscriptions().follow(Ref.of(ObjectType.MEMBER, alex));
        f.as(anna).subscriptions().follow(Subscription.tag("subsidie"));

        KnowledgeItem item = f.published(alex, heat, Audience.organization(ACME), content("Internal", "b")
                .withTags("subsidie"));
        f.as(alex).knowledge().edit(item.id(), item.version(), content("Internal", "b2").withTags("subsidie"), "");

        assertThat(to(bob)).isEmpty();
        // anna (ACME, coordinator) may see the draft, its publication and the edit
        assertThat(to(anna)).extracting(n -> n.activity().verb()).containsExactly(Verb.CREATED, Verb.PUBLISHED,
                Verb.EDITED);
    }

    @Test
    void preferencesOffDailyAndWeekly_getNoImmediateNotification() {
        MemberId dan = f.member("dan", ACME);
        MemberId eve = f.member("eve", ACME);
        f.join(heat, dan, eve);
        for (MemberId m : List.of(bob, dan, eve, nina)) {
            f.as(m).subscriptions().follow(Subscription.tag("subsidie"));
        }
        f.as(bob).subscriptions().setPreference(NotificationFrequency.OFF);
        f.as(dan).subscriptions().setPreference(NotificationFrequency.DAILY);
        f.as(eve).subscriptions().setPreference(NotificationFrequency.WEEKLY);

        f.published(alex, heat, Audience.platform(), content("ISDE", "b").withTags("subsidie"));

        assertThat(delivered).extracting(Notification::recipient).containsExactly(nina);
    }

    @Test
    void aThrowingNotifier_breaksNothing() {
        try (Fixture g = Fixture.create(b -> b.notifier(n -> {
            throw new IllegalStateException("mail server down");
        }))) {
            MemberId a = g.member("anna", ACME);
            MemberId b = g.member("bob", ACME);
            CommunityId c = g.community(a, "Heat");
            g.join(c, b);
            g.as(b).subscriptions().follow(Ref.of(ObjectType.COMMUNITY, c));

            KnowledgeItem item = g.published(a, c, Audience.community(), content("T", "b"));

            assertThat(g.kit.system().knowledge().get(item.id()).status().current()).isTrue();
            assertThat(g.heard).anySatisfy(x -> assertThat(x.verb()).isEqualTo(Verb.PUBLISHED));
        }
    }

    @Test
    void unfollowing_stopsNotifications_andFollowingAgainResumesThem() {
        Ref tag = Subscription.tag("subsidie");
        f.as(bob).subscriptions().follow(tag);
        assertThat(f.as(bob).subscriptions().unfollow(tag)).isTrue();
        assertThat(f.as(bob).subscriptions().unfollow(tag)).isFalse();

        f.published(alex, heat, Audience.community(), content("One", "b").withTags("subsidie"));
        assertThat(to(bob)).isEmpty();
        assertThat(f.as(bob).subscriptions().mine(PageRequest.first()).items()).isEmpty();

        Subscription again = f.as(bob).subscriptions().follow(tag);
        f.published(alex, heat, Audience.community(), content("Two", "b").withTags("subsidie"));
        assertThat(to(bob)).hasSize(1);
        assertThat(again.version()).isEqualTo(3);
        assertThat(again.active()).isTrue();
    }

    @Test
    void theActor_isNeverNotifiedOfTheirOwnActivity() {
        f.as(alex).subscriptions().follow(Ref.of(ObjectType.COMMUNITY, heat));
        f.as(alex).subscriptions().follow(Ref.of(ObjectType.MEMBER, alex));

        f.published(alex, heat, Audience.community(), content("Mine", "b"));

        assertThat(delivered).isEmpty();
    }

    @Test
    void followingTwice_keepsOneSubscription_andRecordsOneActivity() {
        Subscription first = f.as(bob).subscriptions().follow(Ref.of(ObjectType.COMMUNITY, heat));
        StoreSnapshot before = f.snapshot();

        Subscription second = f.as(bob).subscriptions().follow(Ref.of(ObjectType.COMMUNITY, heat));

        assertThat(second).isEqualTo(first);
        assertThat(f.snapshot()).isEqualTo(before);
        assertThat(f.as(bob).subscriptions().mine(PageRequest.first()).items()).containsExactly(first);
        assertThat(f.as(alex).subscriptions().mine(PageRequest.first()).items()).isEmpty();
    }

    @Test
    void subscriptionActivities_areSeenOnlyByTheFollower() {
        f.as(bob).subscriptions().follow(Ref.of(ObjectType.COMMUNITY, heat));
        f.as(alex).subscriptions().follow(Ref.of(ObjectType.MEMBER, bob));

        assertThat(to(alex)).isEmpty();
        assertThat(f.as(alex).activities().feed(java.util.Optional.empty(), java.util.Optional.of(bob),
                PageRequest.first()).items()).noneMatch(a -> a.verb() == Verb.FOLLOWED);
        assertThat(f.as(bob).activities().feed(java.util.Optional.empty(), java.util.Optional.of(bob),
                PageRequest.first()).items()).anyMatch(a -> a.verb() == Verb.FOLLOWED);
    }

    @Test
    void follow_ofUnknownOrUnfollowableTargets_isRejected_andChangesNothing() {
        assertRejected(() -> f.as(bob).subscriptions().follow(new Ref(ObjectType.COMMUNITY, "nope")),
                NotFoundException.class, "nope");
        assertRejected(() -> f.as(bob).subscriptions().follow(new Ref(ObjectType.MEMBER, "ghost")),
                NotFoundException.class, "ghost");
        assertRejected(() -> f.as(bob).subscriptions().follow(new Ref(ObjectType.ORGANIZATION, "acme")),
                InvalidInputException.class, "subscription.target", "ORGANIZATION");
        assertRejected(() -> f.kit.system().subscriptions().follow(Subscription.tag("x")),
                AccessDeniedException.class, "system");
        assertRejected(() -> f.kit.system().subscriptions().setPreference(NotificationFrequency.OFF),
                AccessDeniedException.class, "system");
    }

    @Test
    void preference_defaultsToImmediate_andIsStoredPerMember() {
        NotificationPreference none = f.as(bob).subscriptions().preference();
        assertThat(none.frequency()).isEqualTo(NotificationFrequency.IMMEDIATE);
        assertThat(none.version()).isZero();
        assertThat(none.updatedAt()).isEqualTo(Instant.EPOCH);

        NotificationPreference daily = f.as(bob).subscriptions().setPreference(NotificationFrequency.DAILY);
        NotificationPreference same = f.as(bob).subscriptions().setPreference(NotificationFrequency.DAILY);
        NotificationPreference weekly = f.as(bob).subscriptions().setPreference(NotificationFrequency.WEEKLY);

        assertThat(daily.version()).isEqualTo(1);
        assertThat(same).isEqualTo(daily);
        assertThat(weekly.version()).isEqualTo(2);
        assertThat(f.as(bob).subscriptions().preference()).isEqualTo(weekly);
        assertThat(f.as(alex).subscriptions().preference().frequency()).isEqualTo(NotificationFrequency.IMMEDIATE);
    }

    @Test
    void aTagTarget_isStoredInLowerCase() {
        assertThat(Subscription.tag(" Subsidie ").id()).isEqualTo("subsidie");
        assertThat(f.as(bob).subscriptions().follow(new Ref(ObjectType.TAG, "WarmtePomp")).target())
                .isEqualTo(new Ref(ObjectType.TAG, "warmtepomp"));
    }

    @Test
    void followingAConversation_isAccepted_andFollowingAMemberTellsOfTheirEdits() {
        org.copkit.conversation.Conversation q = f.as(alex).conversations().ask(
                org.copkit.conversation.ConversationDraft.of(heat, content("A question", "b")));
        f.as(bob).subscriptions().follow(Ref.of(ObjectType.CONVERSATION, q.id()));
        KnowledgeItem item = f.published(alex, heat, Audience.community(), content("Watched", "b"));
        f.as(bob).subscriptions().follow(Ref.of(ObjectType.MEMBER, anna));
        delivered.clear();

        f.as(anna).knowledge().edit(item.id(), item.version(), content("Watched", "b2"), "");

        assertThat(to(bob)).extracting(Notification::reason).containsExactly("you follow member 'Anna'");
    }
}
