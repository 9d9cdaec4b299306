package org.copkit.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.content;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Optional;
import org.copkit.AccessDeniedException;
import org.copkit.ConflictException;
import org.copkit.Fixture;
import org.copkit.InvalidInputException;
import org.copkit.ObjectType;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.TestClock;
import org.copkit.access.Audience;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeDraft;
import org.copkit.community.PracticeId;
import org.copkit.community.Role;
import org.copkit.member.MemberId;
import org.copkit.search.SearchQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The life cycle of knowledge items through the service, on in-memory backends and a test clock. */
class KnowledgeServiceTest {
    private Fixture f;
    private MemberId anna; // coordinator
    private MemberId olga; // owner, plain member
    private MemberId carl; // core member
    private MemberId stef; // plain member, steward of the reviewed practice
    private MemberId mike; // plain member
    private CommunityId heat;
    private PracticeId reviewed; // 2 approvals, reviewed every 3 months

    @BeforeEach
    void setUp() {
        f = Fixture.create();
        anna = f.member("anna", ACME);
        olga = f.member("olga", ACME);
        carl = f.member("carl", BETA);
        stef = f.member("stef", ACME);
        mike = f.member("mike", ACME);
        heat = f.community(anna, "Heat pumps");
        f.join(heat, olga, carl, stef, mike);
        f.role(heat, anna, carl, Role.CORE);
        reviewed = f.as(anna).practices().create(heat, PracticeDraft.of("Installation", "How we install")
                .withStewards(stef).reviewedEvery(Period.ofMonths(3)).requiringApprovals(2)).id();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private KnowledgeItem createInPractice(String title) {
        return f.as(olga).knowledge().create(ItemDraft.of(heat, ItemKind.BEST_PRACTICE,
                content(title, "Body of " + title)).inPractice(reviewed).withAudience(Audience.platform()));
    }

    private static Instant plus(Instant i, Period p) {
        return i.atOffset(ZoneOffset.UTC).plus(p).toInstant();
    }

    @Test
    void create_makesADraftWithRevisionOne_ownedByTheActor() {
        KnowledgeItem i = createInPractice("Flushing the loop");
        assertThat(i.status()).isEqualTo(ItemStatus.DRAFT);
        assertThat(i.owner()).isEqualTo(olga);
        assertThat(i.revision()).isEqualTo(1);
        assertThat(i.version()).isEqualTo(1);
        assertThat(i.createdAt()).isEqualTo(TestClock.START);
        assertThat(i.reviewBy()).isEmpty();
        assertThat(i.publishedAt()).isEmpty();
        assertThat(f.as(olga).knowledge().revision(i.id(), 1).content()).isEqualTo(i.content());
    }

    @Test
    void publish_requiresTwoApprovals_whenPracticeRequiresThem() {
        KnowledgeItem i = createInPractice("Flushing the loop");
        i = f.as(olga).knowledge().submit(i.id(), i.version());
        assertThat(i.status()).isEqualTo(ItemStatus.IN_REVIEW);
        KnowledgeItem none = i;
        assertThatThrownBy(() -> f.as(olga).knowledge().publish(none.id(), none.version()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("needs 2").hasMessageContaining("has 0");

        i = f.as(carl).knowledge().approve(i.id(), i.version());
        KnowledgeItem one = i;
        assertThatThrownBy(() -> f.as(olga).knowledge().publish(one.id(), one.version()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("has 1");

        f.clock.advance(Duration.ofDays(2));
        i = f.as(stef).knowledge().approve(i.id(), i.version());
        assertThat(i.approvals()).extracting(Approval::approver).containsExactly(carl, stef);
        assertThat(i.approvals()).extracting(Approval::role).containsExactly(Role.CORE, Role.MEMBER);
        assertThat(i.approvals()).extracting(Approval::steward).containsExactly(false, true);

        Instant now = f.clock.instant();
        KnowledgeItem published = f.as(olga).knowledge().publish(i.id(), i.version());
        assertThat(published.status()).isEqualTo(ItemStatus.PUBLISHED);
        assertThat(published.publishedAt()).contains(now);
        assertThat(published.reviewBy()).contains(plus(now, Period.ofMonths(3)));
        assertThat(f.as(mike).knowledge().get(i.id())).isEqualTo(published);
    }

    @Test
    void approvals_fromPlainMembersDoNotCount_andPlainMembersMayNotReview() {
        KnowledgeItem i = createInPractice("Flushing the loop");
        i = f.as(olga).knowledge().submit(i.id(), i.version());
        KnowledgeItem inReview = i;
        // a plain member cannot even see an unpublished item
        assertThatThrownBy(() -> f.as(mike).knowledge().approve(inReview.id(), inReview.version()))
                .isInstanceOf(org.copkit.NotFoundException.class);
        assertThatThrownBy(() -> f.as(olga).knowledge().approve(inReview.id(), inReview.version()))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("own item");
    }

    @Test
    void publish_ofADraftOutsideAPractice_needsNoApprovals_andUsesTheKindsDefaultInterval() {
        for (ItemKind kind : ItemKind.values()) {
            KnowledgeItem d = f.as(olga).knowledge().create(ItemDraft.of(heat, kind, content("Kind " + kind, "")));
            KnowledgeItem p = f.as(olga).knowledge().publish(d.id(), d.version());
            Period expected = switch (kind) {
                case TOOL -> Period.ofMonths(6);
                case ARTICLE, BEST_PRACTICE, TEMPLATE -> Period.ofYears(1);
                case LESSON_LEARNED, DECISION -> Period.ofYears(2);
                case CASE -> Period.ofYears(3);
            };
            assertThat(p.reviewBy()).as(kind.name()).contains(plus(TestClock.START, expected));
            assertThat(p.publishedAt()).contains(TestClock.START);
        }
    }

    @Test
    void publish_inAPracticeWithoutInterval_usesTheKindsDefault() {
        PracticeId quick = f.as(anna).practices().create(heat, PracticeDraft.of("Quick", "")).id();
        KnowledgeItem d = f.as(olga).knowledge().create(ItemDraft.of(heat, ItemKind.TOOL, content("Calc", ""))
                .inPractice(quick));
        f.clock.advance(Duration.ofHours(5));
        KnowledgeItem p = f.as(olga).knowledge().publish(d.id(), d.version());
        assertThat(p.reviewBy()).contains(plus(TestClock.START.plus(Duration.ofHours(5)), Period.ofMonths(6)));
    }

    @Test
    void reject_sendsTheItemBackToDraft_andDropsItsApprovals() {
        KnowledgeItem i = createInPractice("Flushing the loop");
        i = f.as(olga).knowledge().submit(i.id(), i.version());
        i = f.as(carl).knowledge().approve(i.id(), i.version());
        i = f.as(stef).knowledge().reject(i.id(), i.version(), "Needs a diagram");
        assertThat(i.status()).isEqualTo(ItemStatus.DRAFT);
        assertThat(i.approvals()).isEmpty();

        i = f.as(olga).knowledge().submit(i.id(), i.version());
        assertThat(i.approvals()).isEmpty();
        i = f.as(carl).knowledge().approve(i.id(), i.version());
        KnowledgeItem one = i;
        assertThatThrownBy(() -> f.as(olga).knowledge().publish(one.id(), one.version()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("has 1");
        assertThat(f.as(olga).activities().history(Ref.of(ObjectType.KNOWLEDGE_ITEM, i.id()), PageRequest.first())
                .items()).extracting(Activity::verb).containsExactly(Verb.APPROVED, Verb.SUBMITTED, Verb.REJECTED,
                        Verb.APPROVED, Verb.SUBMITTED, Verb.CREATED);
    }

    @Test
    void edit_ofAnItemInReview_dropsItsApprovals_soChangedContentIsReviewedAgain() {
        KnowledgeItem i = createInPractice("Flushing the loop");
        i = f.as(olga).knowledge().submit(i.id(), i.version());
        i = f.as(carl).knowledge().approve(i.id(), i.version());
        i = f.as(stef).knowledge().approve(i.id(), i.version());
        i = f.as(olga).knowledge().edit(i.id(), i.version(), i.content().withBody("Something else entirely"),
                "after approval");
        assertThat(i.status()).isEqualTo(ItemStatus.IN_REVIEW);
        assertThat(i.approvals()).isEmpty();
        KnowledgeItem edited = i;
        assertThatThrownBy(() -> f.as(olga).knowledge().publish(edited.id(), edited.version()))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void edit_keepsEveryRevision_andRestoreMakesAnOldOneCurrentAsANewRevision() {
        KnowledgeItem i = createInPractice("v1 title");
        ItemContent v1 = i.content();
        f.clock.advance(Duration.ofMinutes(1));
        i = f.as(olga).knowledge().edit(i.id(), i.version(), v1.withTitle("v2 title"), "second");
        f.clock.advance(Duration.ofMinutes(1));
        i = f.as(stef).knowledge().edit(i.id(), i.version(), v1.withTitle("v3 title").withTags("loop"), "third");
        assertThat(i.revision()).isEqualTo(3);
        assertThat(i.version()).isEqualTo(3);
        assertThat(i.title()).isEqualTo("v3 title");

        var revs = f.as(olga).knowledge().revisions(i.id(), PageRequest.first()).items();
        assertThat(revs).extracting(Revision::number).containsExactly(1, 2, 3);
        assertThat(revs).extracting(Revision::note).containsExactly("created", "second", "third");
        assertThat(revs).extracting(Revision::author).containsExactly(olga, olga, stef);
        assertThat(revs).extracting(Revision::at).containsExactly(TestClock.START,
                TestClock.START.plusSeconds(60), TestClock.START.plusSeconds(120));
        assertThat(f.as(olga).knowledge().revision(i.id(), 2).content().title()).isEqualTo("v2 title");
        var paged = f.as(olga).knowledge().revisions(i.id(), PageRequest.first(2));
        assertThat(paged.items()).hasSize(2);
        assertThat(f.as(olga).knowledge().revisions(i.id(), PageRequest.first(2).after(paged.next().orElseThrow()))
                .items()).extracting(Revision::number).containsExactly(3);

        i = f.as(olga).knowledge().restore(i.id(), i.version(), 1, "");
        assertThat(i.revision()).isEqualTo(4);
        assertThat(i.content()).isEqualTo(v1);
        Revision r4 = f.as(olga).knowledge().revision(i.id(), 4);
        assertThat(r4.content()).isEqualTo(v1);
        assertThat(r4.note()).isEqualTo("restored revision 1");
        assertThat(f.as(olga).knowledge().revision(i.id(), 3).content().title()).isEqualTo("v3 title");
    }

    @Test
    void edit_ofAPublishedItem_keepsItPublished_andTheIndexFollows() {
        KnowledgeItem i = f.published(olga, heat, Audience.platform(), content("Brine pressure", "old words"));
        i = f.as(olga).knowledge().edit(i.id(), i.version(), i.content().withBody("fresh words"), "update");
        assertThat(i.status()).isEqualTo(ItemStatus.PUBLISHED);
        assertThat(i.revision()).isEqualTo(2);
        assertThat(f.as(mike).search().query("fresh").total()).isEqualTo(1);
        assertThat(f.as(mike).search().query("old").total()).isZero();
    }

    @Test
    void archive_withdrawsTheItem_keepsItsHistory_andFreezesIt() {
        KnowledgeItem i = f.published(olga, heat, Audience.platform(), content("Brine pressure", "words"));
        i = f.as(anna).knowledge().archive(i.id(), i.version(), "outdated");
        assertThat(i.status()).isEqualTo(ItemStatus.ARCHIVED);
        assertThat(i.reviewBy()).isEmpty();
        assertThat(f.as(mike).knowledge().revisions(i.id(), PageRequest.first()).items()).hasSize(1);
        assertThat(f.as(mike).search().query("brine").total()).isZero();
        assertThat(f.as(mike).search().query(SearchQuery.of("brine").withStatuses("ARCHIVED")).total()).isEqualTo(1);
        KnowledgeItem archived = i;
        assertThatThrownBy(() -> f.as(olga).knowledge().edit(archived.id(), archived.version(),
                archived.content(), "")).isInstanceOf(ConflictException.class).hasMessageContaining("ARCHIVED");
        assertThatThrownBy(() -> f.as(olga).knowledge().archive(archived.id(), archived.version(), ""))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void supersede_pointsAtAPublishedVisibleSuccessor() {
        KnowledgeItem old = f.published(olga, heat, Audience.platform(), content("Old guide", "x"));
        KnowledgeItem draftSuccessor = f.draft(olga, heat, Audience.platform(), content("New guide", "y"));
        assertThatThrownBy(() -> f.as(olga).knowledge().supersede(old.id(), old.version(), draftSuccessor.id()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be published");
        // a successor the actor cannot see is reported like a missing one
        KnowledgeItem hidden = f.published(carl, heat, Audience.organization(BETA), content("Beta guide", "z"));
        assertThatThrownBy(() -> f.as(olga).knowledge().supersede(old.id(), old.version(), hidden.id()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("successor " + hidden.id() + " does not exist");
        assertThatThrownBy(() -> f.as(olga).knowledge().supersede(old.id(), old.version(), old.id()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("itself");

        KnowledgeItem successor = f.as(olga).knowledge().publish(draftSuccessor.id(), draftSuccessor.version());
        KnowledgeItem s = f.as(olga).knowledge().supersede(old.id(), old.version(), successor.id());
        assertThat(s.status()).isEqualTo(ItemStatus.SUPERSEDED);
        assertThat(s.supersededBy()).contains(successor.id());
        assertThat(s.reviewBy()).isEmpty();
        Activity a = f.as(mike).activities().history(Ref.of(ObjectType.KNOWLEDGE_ITEM, old.id()),
                PageRequest.first()).items().get(0);
        assertThat(a.verb()).isEqualTo(Verb.SUPERSEDED);
        assertThat(a.target()).contains(Ref.of(ObjectType.KNOWLEDGE_ITEM, successor.id()));
        assertThatThrownBy(() -> f.as(olga).knowledge().supersede(successor.id(), successor.version(), old.id()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("SUPERSEDED");
    }

    @Test
    void staleVersions_areConflicts_andTheFirstWriterWins() {
        KnowledgeItem i = createInPractice("Shared");
        KnowledgeItem first = f.as(olga).knowledge().edit(i.id(), i.version(), i.content().withBody("olga's"), "o");
        assertThatThrownBy(() -> f.as(stef).knowledge().edit(i.id(), i.version(), i.content().withBody("stef's"), "s"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("version 2")
                .hasMessageContaining("expected 1");
        assertThatThrownBy(() -> f.as(olga).knowledge().submit(i.id(), i.version()))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> f.as(olga).knowledge().changeAudience(i.id(), i.version(), Audience.community()))
                .isInstanceOf(ConflictException.class);
        KnowledgeItem now = f.as(olga).knowledge().get(i.id());
        assertThat(now).isEqualTo(first);
        assertThat(now.content().body()).isEqualTo("olga's");
        assertThat(f.as(olga).knowledge().revisions(i.id(), PageRequest.first()).items()).hasSize(2);
    }

    @Test
    void list_andCount_filterByPracticeAndStatus() {
        KnowledgeItem a = createInPractice("A");
        KnowledgeItem b = f.published(olga, heat, Audience.platform(), content("B", ""));
        ItemQuery q = ItemQuery.in(heat);
        assertThat(f.as(olga).knowledge().list(q, PageRequest.first()).items()).containsExactly(a, b);
        assertThat(f.as(olga).knowledge().list(q.inPractice(reviewed), PageRequest.first()).items())
                .containsExactly(a);
        assertThat(f.as(olga).knowledge().list(q.withStatus(ItemStatus.PUBLISHED), PageRequest.first()).items())
                .containsExactly(b);
        assertThat(f.as(olga).knowledge().count(q.withStatus(ItemStatus.DRAFT, ItemStatus.PUBLISHED))).isEqualTo(2);
        assertThat(Optional.of(a.practice())).contains(Optional.of(reviewed));
    }
}
