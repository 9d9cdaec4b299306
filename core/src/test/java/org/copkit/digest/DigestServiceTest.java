package org.copkit.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.content;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.copkit.AccessDeniedException;
import org.copkit.Fixture;
import org.copkit.InvalidInputException;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.StoreSnapshot;
import org.copkit.access.Audience;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityId;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationDraft;
import org.copkit.conversation.Post;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.MemberId;
import org.copkit.notification.Notification;
import org.copkit.notification.Notifier;
import org.copkit.session.Session;
import org.copkit.session.SessionDraft;
import org.copkit.session.SessionFormat;
import org.copkit.session.SessionKind;
import org.copkit.subscription.NotificationFrequency;
import org.copkit.subscription.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DigestServiceTest {
    private final List<Digest> delivered = new CopyOnWriteArrayList<>();
    private Fixture f;
    private MemberId ann;
    private MemberId bob;
    private MemberId carl;
    private CommunityId heat;
    private CommunityId grid;
    private Instant from;
    private Instant to;

    @BeforeEach
    void setUp() {
        f = Fixture.create(b -> b.notifier(new Notifier() {
            @Override
            public void deliver(Notification notification) {}

            @Override
            public void deliverDigest(Digest digest) {
                delivered.add(digest);
            }
        }));
        ann = f.member("ann", ACME);
        bob = f.member("bob", ACME);
        carl = f.member("carl", BETA);
        heat = f.community(ann, "Heat");
        grid = f.community(carl, "Grid");
        f.join(heat, bob, carl);
        f.as(ann).subscriptions().follow(Subscription.tag("subsidie"));
        f.clock.advance(Duration.ofHours(1));
        from = f.clock.instant();
        to = from.plus(Duration.ofDays(1));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private KnowledgeItem publish(MemberId owner, CommunityId c, Audience a, String title, String... tags) {
        f.clock.advance(Duration.ofMinutes(10));
        return f.published(owner, c, a, content(title, "body").withTags(tags));
    }

    private Session session(MemberId host, CommunityId c, String title, Instant start) {
        return f.as(host).sessions().schedule(SessionDraft.of(c, SessionKind.MEETUP, SessionFormat.ONLINE, title,
                start.atZone(ZoneOffset.UTC), start.plus(Duration.ofHours(1)).atZone(ZoneOffset.UTC), null,
                URI.create("https://meet.example/" + title.length())));
    }

    @Test
    void digest_listsNewItemsOfFollowedTags_withTheReason_andLeavesOutWhatIsNotFollowedOrOwn() {
        KnowledgeItem subsidy = publish(bob, heat, Audience.community(), "Subsidy rules", "Subsidie");
        KnowledgeItem gridSubsidy = publish(carl, grid, Audience.platform(), "Grid subsidy", "subsidie");
        publish(carl, grid, Audience.platform(), "Unrelated grid note");
        publish(ann, heat, Audience.community(), "My own note", "subsidie");
        f.clock.advance(Duration.ofDays(2));

        Digest d = f.as(ann).digests().digest(from, to);

        assertThat(d.section(DigestSection.NEW_ITEMS)).extracting(DigestEntry::object, DigestEntry::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Ref.of(ObjectType.KNOWLEDGE_ITEM, subsidy.id()),
                                "you follow tag 'subsidie'"),
                        org.assertj.core.groups.Tuple.tuple(Ref.of(ObjectType.KNOWLEDGE_ITEM, gridSubsidy.id()),
                                "you follow tag 'subsidie'"));
        assertThat(d.member()).isEqualTo(ann);
        assertThat(d.from()).isEqualTo(from);
        assertThat(d.to()).isEqualTo(to);
    }

    @Test
    void digest_neverContainsAnotherOrganisationsRestrictedItems() {
        publish(carl, heat, Audience.organization(BETA), "Beta-only subsidy", "subsidie");
        f.clock.advance(Duration.ofDays(2));

        Digest d = f.as(ann).digests().digest(from, to);

        assertThat(d.entries()).isEmpty();
        MemberId dora = f.member("dora", BETA);
        f.join(heat, dora);
        assertThat(f.as(dora).digests().digest(from, to).section(DigestSection.NEW_ITEMS))
                .extracting(DigestEntry::title).containsExactly("Beta-only subsidy");
    }

    @Test
    void digest_neverContainsAnotherOrganisationsRestrictedQuestionsOrSessions() {
        Conversation q = f.as(carl).conversations().ask(ConversationDraft.of(heat, content("Beta question", "?"))
                .withAudience(Audience.organization(BETA)));
        f.as(carl).sessions().schedule(SessionDraft.of(heat, SessionKind.MEETUP, SessionFormat.ONLINE, "Beta meeting",
                to.plus(Duration.ofDays(1)).atZone(ZoneOffset.UTC), to.plus(Duration.ofDays(1)).plusSeconds(3600)
                        .atZone(ZoneOffset.UTC), null, URI.create("https://meet.example/b"))
                .withAudience(Audience.organization(BETA)));
        f.clock.advance(Duration.ofDays(2));

        assertThat(f.as(ann).digests().digest(from, to).entries()).isEmpty();
        assertThat(f.as(bob).digests().digest(from, to).entries()).isEmpty();
        assertThat(f.as(carl).sessions().get(f.as(carl).sessions().upcoming(org.copkit.PageRequest.first()).items()
                .get(0).id())).isNotNull();
        assertThat(q.id()).isNotNull();
    }

    @Test
    void digest_listsUpdatedItems_questions_andUpcomingSessions_byTimeThenId() {
        f.clock.advance(Duration.ofMinutes(1));
        KnowledgeItem old = f.published(bob, heat, Audience.community(), content("Old guide", "body"));
        f.clock.advance(Duration.ofMinutes(1));
        // the period starts after the guide was published
        Instant periodStart = f.clock.instant();
        f.clock.advance(Duration.ofMinutes(10));
        KnowledgeItem edited = f.as(bob).knowledge().edit(old.id(), old.version(), content("Old guide", "better"), "");
        f.clock.advance(Duration.ofMinutes(10));
        Conversation open = f.as(bob).conversations().ask(ConversationDraft.of(heat, content("Open question", "?")));
        f.clock.advance(Duration.ofMinutes(10));
        Conversation answered = f.as(bob).conversations().ask(ConversationDraft.of(heat, content("Solved", "?")));
        Post answer = f.as(carl).conversations().answer(answered.id(), "Like this");
        f.clock.advance(Duration.ofMinutes(10));
        f.as(bob).conversations().accept(answer.id(), f.as(bob).conversations().get(answered.id()).version());
        Instant end = periodStart.plus(Duration.ofDays(1));
        Session soon = session(bob, heat, "Soon", end.plus(Duration.ofDays(3)));
        Session sooner = session(bob, heat, "Sooner", end.plus(Duration.ofDays(1)));
        session(bob, heat, "Too late", end.plus(Duration.ofDays(15)));
        session(bob, heat, "Already started", end.minus(Duration.ofHours(2)));
        f.clock.advance(Duration.ofDays(2));

        Digest d = f.as(ann).digests().digest(periodStart, end);

        String active = "you are active in community 'Heat'";
        assertThat(d.section(DigestSection.UPDATED_ITEMS)).extracting(DigestEntry::object, DigestEntry::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Ref.of(ObjectType.KNOWLEDGE_ITEM, edited.id()),
                        active));
        assertThat(d.section(DigestSection.NEW_ITEMS)).isEmpty();
        assertThat(d.section(DigestSection.UNANSWERED_QUESTIONS)).extracting(DigestEntry::object)
                .containsExactly(Ref.of(ObjectType.CONVERSATION, open.id()));
        assertThat(d.section(DigestSection.ANSWERED_QUESTIONS)).extracting(DigestEntry::object)
                .containsExactly(Ref.of(ObjectType.CONVERSATION, answered.id()));
        assertThat(d.section(DigestSection.UPCOMING_SESSIONS)).extracting(DigestEntry::object, DigestEntry::at)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Ref.of(ObjectType.SESSION, sooner.id()), sooner.start()),
                        org.assertj.core.groups.Tuple.tuple(Ref.of(ObjectType.SESSION, soon.id()), soon.start()));
        assertThat(d.entries()).extracting(DigestEntry::section).isSorted();
        // a member of no community who follows nothing gets nothing
        MemberId dora = f.member("dora", ACME);
        assertThat(f.as(dora).digests().digest(periodStart, end).entries()).isEmpty();
    }

    @Test
    void digest_reasonPrefersTheFollowedConversation_thenTags_practice_community_member() {
        MemberId dora = f.member("dora", BETA);
        f.join(heat, dora);
        f.as(dora).subscriptions().follow(Ref.of(ObjectType.MEMBER, bob));
        Conversation q = f.as(bob).conversations().ask(ConversationDraft.of(heat, content("Q", "?")));
        f.clock.advance(Duration.ofDays(2));
        assertThat(f.as(dora).digests().digest(from, to).section(DigestSection.UNANSWERED_QUESTIONS))
                .extracting(DigestEntry::reason).containsExactly("you follow member 'Bob'");
        f.as(dora).subscriptions().follow(Ref.of(ObjectType.COMMUNITY, heat));
        assertThat(f.as(dora).digests().digest(from, to).section(DigestSection.UNANSWERED_QUESTIONS))
                .extracting(DigestEntry::reason).containsExactly("you follow community 'Heat'");
        f.as(dora).subscriptions().follow(Ref.of(ObjectType.CONVERSATION, q.id()));
        assertThat(f.as(dora).digests().digest(from, to).section(DigestSection.UNANSWERED_QUESTIONS))
                .extracting(DigestEntry::reason).containsExactly("you follow this conversation");
    }

    @Test
    void digest_isDeterministic_forAFixedPeriod_evenAfterLaterChanges() {
        publish(bob, heat, Audience.community(), "First", "subsidie");
        f.as(bob).conversations().ask(ConversationDraft.of(heat, content("Q", "?")));
        f.clock.advance(Duration.ofDays(2));
        Digest first = f.as(ann).digests().digest(from, to);
        publish(bob, heat, Audience.community(), "After the period", "subsidie");

        Digest again = f.as(ann).digests().digest(from, to);

        assertThat(again).isEqualTo(first);
        assertThat(first.entries()).hasSize(2);
    }

    @Test
    void digest_ofAPeriod_endsNow() {
        publish(bob, heat, Audience.community(), "Recent");
        f.clock.advance(Duration.ofMinutes(1));
        Digest d = f.as(ann).digests().digest(Period.ofDays(1));
        assertThat(d.to()).isEqualTo(f.clock.instant());
        assertThat(d.from()).isEqualTo(f.clock.instant().minus(Duration.ofDays(1)));
        assertThat(d.section(DigestSection.NEW_ITEMS)).extracting(DigestEntry::title).containsExactly("Recent");
    }

    @Test
    void digest_listsOpenReviewTasksAwaitingTheMember() {
        KnowledgeItem mine = f.published(ann, heat, Audience.community(), content("Tool list", "body"));
        f.clock.advance(Duration.ofDays(800));
        f.kit.maintenance().run();

        Digest d = f.as(ann).digests().digest(Period.ofDays(1));

        assertThat(d.section(DigestSection.REVIEW_TASKS)).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo(mine.content().title());
            assertThat(e.reason()).isEqualTo("assigned to you for review (review date passed)");
        });
        assertThat(f.as(carl).digests().digest(Period.ofDays(1)).section(DigestSection.REVIEW_TASKS)).isEmpty();
    }

    @Test
    void digest_rejectsBadPeriods_andTheSystemActor() {
        assertThatThrownBy(() -> f.as(ann).digests().digest(to, from)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("from must be before to");
        assertThatThrownBy(() -> f.as(ann).digests().digest(from, from.plus(Duration.ofDays(93))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 92 days");
        assertThatThrownBy(() -> f.as(ann).digests().digest(Period.ZERO)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> f.kit.system().digests().digest(from, to)).isInstanceOf(AccessDeniedException.class);
    }

    // ---- sending -------------------------------------------------------------------------------------

    @Test
    void sendDue_buildsEachPeriodOnce_forMembersWithThatFrequency_andDeliversAfterCommit() {
        f.as(ann).subscriptions().setPreference(NotificationFrequency.DAILY);
        f.as(bob).subscriptions().setPreference(NotificationFrequency.WEEKLY);
        publish(bob, heat, Audience.community(), "Subsidy", "subsidie");
        f.clock.advance(Duration.ofMinutes(1));

        DigestReport first = f.kit.system().digests().sendDue(NotificationFrequency.DAILY);

        assertThat(first.marked()).containsExactly(ann);
        assertThat(delivered).singleElement().satisfies(d -> {
            assertThat(d.member()).isEqualTo(ann);
            assertThat(d.to()).isEqualTo(f.clock.instant());
            assertThat(d.from()).isEqualTo(f.clock.instant().minus(Duration.ofDays(1)));
            assertThat(d.section(DigestSection.NEW_ITEMS)).extracting(DigestEntry::title).containsExactly("Subsidy");
        });
        assertThat(f.as(ann).activities().history(new Ref(ObjectType.DIGEST_MARK, ann.value()),
                org.copkit.PageRequest.first()).items()).extracting(a -> a.verb()).containsExactly(Verb.DIGEST_SENT);
        assertThat(f.as(bob).activities().history(new Ref(ObjectType.DIGEST_MARK, ann.value()),
                org.copkit.PageRequest.first()).items()).isEmpty();

        // the same period is not sent again, and half a day later nothing is due
        assertThat(f.kit.system().digests().sendDue(NotificationFrequency.DAILY).marked()).isEmpty();
        Instant firstEnd = f.clock.instant();
        f.clock.advance(Duration.ofHours(12));
        assertThat(f.kit.system().digests().sendDue(NotificationFrequency.DAILY).marked()).isEmpty();
        f.clock.advance(Duration.ofHours(12));
        publish(bob, heat, Audience.community(), "Second subsidy", "subsidie");
        f.clock.advance(Duration.ofMinutes(1));
        DigestReport next = f.kit.system().digests().sendDue(NotificationFrequency.DAILY);
        assertThat(next.marked()).containsExactly(ann);
        assertThat(delivered).hasSize(2);
        assertThat(delivered.get(1).from()).isEqualTo(firstEnd);
        assertThat(delivered.get(1).section(DigestSection.NEW_ITEMS)).extracting(DigestEntry::title)
                .containsExactly("Second subsidy");
        assertThat(f.storage.<Optional<DigestMark>>read(tx -> tx.digestMarks().find(ann))).hasValueSatisfying(m -> {
            assertThat(m.version()).as("marked pending and confirmed delivered, twice").isEqualTo(4);
            assertThat(m.sentUpTo()).isEqualTo(f.clock.instant());
            assertThat(m.pending()).isFalse();
        });

        DigestReport weekly = f.kit.system().digests().sendDue(NotificationFrequency.WEEKLY);
        assertThat(weekly.marked()).containsExactly(bob);
    }

    @Test
    void sendDue_marksButDoesNotDeliverEmptyDigests() {
        f.as(ann).subscriptions().setPreference(NotificationFrequency.DAILY);
        f.clock.advance(Duration.ofDays(3));
        DigestReport r = f.kit.system().digests().sendDue(NotificationFrequency.DAILY);
        assertThat(r.marked()).containsExactly(ann);
        assertThat(r.delivered()).isEmpty();
        assertThat(delivered).isEmpty();
    }

    @Test
    void sendDue_survivesANotifierThatThrows_andKeepsTheDigestPending() {
        Fixture g = Fixture.create(b -> b.notifier(new Notifier() {
            @Override
            public void deliver(Notification notification) {}

            @Override
            public void deliverDigest(Digest digest) {
                throw new IllegalStateException("mail server down");
            }
        }));
        try {
            MemberId x = g.member("xena", ACME);
            MemberId y = g.member("yuri", ACME);
            CommunityId c = g.community(x, "C");
            g.join(c, y);
            g.as(x).subscriptions().setPreference(NotificationFrequency.DAILY);
            g.published(y, c, Audience.community(), content("News", "body"));
            g.clock.advance(Duration.ofMinutes(1));
            DigestReport r = g.kit.system().digests().sendDue(NotificationFrequency.DAILY);
            assertThat(r.marked()).containsExactly(x);
            assertThat(r.delivered()).as("the notifier did not take it").isEmpty();
            assertThat(g.storage.<Optional<DigestMark>>read(tx -> tx.digestMarks().find(x))).hasValueSatisfying(m -> {
                assertThat(m.pending()).isTrue();
                assertThat(m.pendingFrom()).contains(g.clock.instant().minus(Duration.ofDays(1)));
                assertThat(m.leaseUntil()).contains(g.clock.instant().plus(DigestService.DELIVERY_LEASE));
            });
        } finally {
            g.close();
        }
    }

    @Test
    void sendDue_isRejectedForMembers_andForOtherFrequencies_withoutChangingAnything() {
        f.as(ann).subscriptions().setPreference(NotificationFrequency.DAILY);
        StoreSnapshot before = f.snapshot();
        int heard = f.heard.size();

        Throwable denied = catchThrowable(() -> f.as(ann).digests().sendDue(NotificationFrequency.DAILY));
        Throwable invalid = catchThrowable(() -> f.kit.system().digests().sendDue(NotificationFrequency.IMMEDIATE));

        assertThat(denied).isInstanceOf(AccessDeniedException.class).hasMessageContaining("send digests");
        assertThat(invalid).isInstanceOf(InvalidInputException.class).hasMessageContaining("DAILY or WEEKLY");
        assertThat(f.snapshot()).isEqualTo(before);
        assertThat(f.heard).hasSize(heard);
        assertThat(f.storage.<Optional<DigestMark>>read(tx -> tx.digestMarks().find(ann))).isEqualTo(Optional.empty());
        assertThat(delivered).isEmpty();
    }
}
