package org.copkit.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.GAMMA;
import static org.copkit.Fixture.content;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.copkit.AccessDeniedException;
import org.copkit.ConflictException;
import org.copkit.CopKitException;
import org.copkit.Fixture;
import org.copkit.InvalidInputException;
import org.copkit.NotFoundException;
import org.copkit.ObjectType;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.StoreSnapshot;
import org.copkit.TestClock;
import org.copkit.access.Audience;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityDraft;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeDraft;
import org.copkit.community.PracticeId;
import org.copkit.community.Role;
import org.copkit.domain.CompetencyDraft;
import org.copkit.domain.CompetencyId;
import org.copkit.domain.DomainId;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.MemberId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Review dates, the maintenance run, reviewing, and domain changes, through {@code kit.as(member)}. */
class FreshnessTest {
    private static final Instant ONE_YEAR_ON = TestClock.START.atOffset(ZoneOffset.UTC).plusYears(1).toInstant();

    private Fixture f;
    private MemberId anna; // ACME, coordinator of heat
    private MemberId alex; // ACME, member of heat, owner of items
    private MemberId bob; // BETA, member of heat, steward of the subsidies practice
    private MemberId carl; // GAMMA, plain member of heat
    private CommunityId heat;
    private PracticeId subsidies;

    @BeforeEach
    void setUp() {
        f = Fixture.create();
        anna = f.member("anna", ACME);
        alex = f.member("alex", ACME);
        bob = f.member("bob", BETA);
        carl = f.member("carl", GAMMA);
        heat = f.community(anna, "Heat pumps");
        f.join(heat, alex, bob, carl);
        subsidies = f.as(anna).practices().create(heat, PracticeDraft.of("Subsidies", "").withStewards(bob)).id();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private KnowledgeItem publishedInPractice(MemberId owner, Audience audience, ItemContent c) {
        KnowledgeItem d = f.as(owner).knowledge().create(ItemDraft.of(heat, ItemKind.ARTICLE, c).inPractice(subsidies)
                .withAudience(audience));
        return f.as(owner).knowledge().publish(d.id(), d.version());
    }

    private KnowledgeItem stored(KnowledgeItem i) {
        return f.kit.system().knowledge().get(i.id());
    }

    private List<ReviewTask> tasksOf(CommunityId community, ReviewTaskStatus... statuses) {
        return f.kit.system().reviews().inCommunity(community, Set.of(statuses), PageRequest.first()).items();
    }

    private void assertRejected(ThrowingCallable call, Class<? extends CopKitException> type, String... parts) {
        StoreSnapshot before = f.snapshot();
        Throwable e = catchThrowable(call);
        assertThat(e).isExactlyInstanceOf(type);
        assertThat(e.getMessage()).contains(parts);
        assertThat(f.snapshot()).isEqualTo(before);
    }

    // ---- maintenance ---------------------------------------------------------------------------

    @Test
    void maintenance_flagsAnItemOnlyOnceItsReviewDateHasPassed() {
        KnowledgeItem item = f.published(alex, heat, Audience.community(), content("Heat pump basics", "b"));
        assertThat(item.reviewBy()).contains(ONE_YEAR_ON);

        f.clock.advance(Duration.between(TestClock.START, ONE_YEAR_ON));
        FreshnessReport atTheDate = f.kit.maintenance().run();
        assertThat(atTheDate.itemsFlagged()).isZero();
        assertThat(stored(item).status()).isEqualTo(ItemStatus.PUBLISHED);

        f.clock.advance(Duration.ofSeconds(1));
        FreshnessReport after = f.kit.maintenance().run();

        assertThat(after.flagged()).containsExactly(item.id());
        assertThat(after.tasksCreated()).isEqualTo(1);
        assertThat(after.at()).isEqualTo(f.clock.instant());
        KnowledgeItem flagged = stored(item);
        assertThat(flagged.status()).isEqualTo(ItemStatus.NEEDS_REVIEW);
        assertThat(flagged.version()).isEqualTo(item.version() + 1);
        Activity a = f.heard.get(f.heard.size() - 1);
        assertThat(a.verb()).isEqualTo(Verb.FLAGGED);
        assertThat(a.actor()).isEqualTo(MemberId.SYSTEM);
        assertThat(a.details()).containsEntry("reason", "REVIEW_DATE_PASSED");
        List<ReviewTask> tasks = tasksOf(heat);
        assertThat(tasks).singleElement().satisfies(t -> {
            assertThat(t.item()).isEqualTo(item.id());
            assertThat(t.assignees()).containsExactly(alex);
            assertThat(t.reason()).isEqualTo(ReviewReason.REVIEW_DATE_PASSED);
            assertThat(t.status()).isEqualTo(ReviewTaskStatus.OPEN);
            assertThat(t.createdAt()).isEqualTo(f.clock.instant());
            assertThat(t.closedAt()).isEmpty();
        });
    }

    @Test
    void maintenance_isIdempotent_andNeverOpensASecondTask() {
        f.published(alex, heat, Audience.community(), content("One", "b"));
        f.published(alex, heat, Audience.community(), content("Two", "b"));
        f.clock.advance(Duration.ofDays(400));

        assertThat(f.kit.maintenance().run().itemsFlagged()).isEqualTo(2);
        StoreSnapshot after = f.snapshot();
        FreshnessReport second = f.kit.maintenance().run();

        assertThat(second.itemsFlagged()).isZero();
        assertThat(second.tasksCreated()).isZero();
        assertThat(f.snapshot()).isEqualTo(after);
        assertThat(tasksOf(heat)).hasSize(2);
    }

    @Test
    void maintenance_ignoresDraftsArchivedAndFreshItems() {
        f.draft(alex, heat, Audience.community(), content("Draft", "b"));
        KnowledgeItem archived = f.published(alex, heat, Audience.community(), content("Old", "b"));
        f.as(alex).knowledge().archive(archived.id(), archived.version(), "");
        f.clock.advance(Duration.ofDays(300));
        KnowledgeItem fresh = f.published(alex, heat, Audience.community(), content("Fresh", "b"));
        f.clock.advance(Duration.ofDays(100));

        assertThat(f.kit.maintenance().run().itemsFlagged()).isZero();
        assertThat(stored(fresh).status()).isEqualTo(ItemStatus.PUBLISHED);
    }

    @Test
    void maintenance_assignsTheActiveStewardsOfThePracticeAndTheOwner() {
        KnowledgeItem item = publishedInPractice(alex, Audience.community(), content("Grant", "b"));
        f.clock.advance(Duration.ofDays(400));

        f.kit.maintenance().run();

        assertThat(tasksOf(heat)).singleElement().satisfies(t -> assertThat(t.assignees())
                .containsExactlyInAnyOrder(alex, bob));
        assertThat(f.as(bob).reviews().mine(Set.of(), PageRequest.first()).items()).extracting(ReviewTask::item)
                .containsExactly(item.id());
    }

    @Test
    void maintenance_usesThePracticeReviewInterval() {
        PracticeId quick = f.as(anna).practices().create(heat, PracticeDraft.of("Quick", "")
                .reviewedEvery(Period.ofMonths(1))).id();
        KnowledgeItem d = f.as(alex).knowledge().create(ItemDraft.of(heat, ItemKind.ARTICLE, content("Q", "b"))
                .inPractice(quick));
        f.as(alex).knowledge().publish(d.id(), d.version());
        f.clock.advance(Duration.ofDays(32));

        assertThat(f.kit.maintenance().run().flagged()).containsExactly(d.id());
    }

    // ---- reviewing -----------------------------------------------------------------------------

    @Test
    void confirm_publishesAgainWithANewReviewDate_andClosesTheTask() {
        KnowledgeItem item = f.published(alex, heat, Audience.community(), content("Basics", "b"));
        f.clock.advance(Duration.ofDays(400));
        f.kit.maintenance().run();
        KnowledgeItem flagged = stored(item);

        KnowledgeItem confirmed = f.as(alex).knowledge().confirm(item.id(), flagged.version(), "still right");

        Instant now = f.clock.instant();
        assertThat(confirmed.status()).isEqualTo(ItemStatus.PUBLISHED);
        assertThat(confirmed.reviewBy()).contains(now.atOffset(ZoneOffset.UTC).plusYears(1).toInstant());
        assertThat(confirmed.publishedAt()).isEqualTo(item.publishedAt());
        assertThat(confirmed.revision()).isEqualTo(item.revision());
        assertThat(tasksOf(heat)).isEmpty();
        assertThat(tasksOf(heat, ReviewTaskStatus.DONE)).singleElement()
                .satisfies(t -> assertThat(t.closedAt()).contains(now));
        Activity a = f.heard.get(f.heard.size() - 1);
        assertThat(a.verb()).isEqualTo(Verb.CONFIRMED);
        assertThat(a.details()).containsEntry("note", "still right").containsEntry("tasksClosed", "1");
        // the item is fresh again: maintenance leaves it alone until the new date passes
        assertThat(f.kit.maintenance().run().itemsFlagged()).isZero();
    }

    @Test
    void confirm_isAllowedToTheSteward_butNotToAPlainMember_whichChangesNothing() {
        KnowledgeItem item = publishedInPractice(alex, Audience.community(), content("Grant", "b"));
        f.clock.advance(Duration.ofDays(400));
        f.kit.maintenance().run();
        long v = stored(item).version();

        assertRejected(() -> f.as(carl).knowledge().confirm(item.id(), v, ""), AccessDeniedException.class,
                "Heat pumps");
        assertThat(f.as(bob).knowledge().confirm(item.id(), v, "").status()).isEqualTo(ItemStatus.PUBLISHED);
    }

    @Test
    void confirm_ofADraftOrWithAStaleVersion_isAConflict_andChangesNothing() {
        KnowledgeItem draft = f.draft(alex, heat, Audience.community(), content("Draft", "b"));
        KnowledgeItem item = f.published(alex, heat, Audience.community(), content("Pub", "b"));

        assertRejected(() -> f.as(alex).knowledge().confirm(draft.id(), draft.version(), ""),
                ConflictException.class, "DRAFT");
        assertRejected(() -> f.as(alex).knowledge().confirm(item.id(), item.version() - 1, ""),
                ConflictException.class, "version");
    }

    @Test
    void edit_keepsTheItemNeedingReview_andTheTaskOpen() {
        KnowledgeItem item = f.published(alex, heat, Audience.community(), content("Basics", "b"));
        f.clock.advance(Duration.ofDays(400));
        f.kit.maintenance().run();

        KnowledgeItem edited = f.as(alex).knowledge().edit(item.id(), stored(item).version(),
                content("Basics", "new body"), "updated");

        assertThat(edited.status()).isEqualTo(ItemStatus.NEEDS_REVIEW);
        assertThat(tasksOf(heat)).hasSize(1);
        assertThat(f.as(alex).knowledge().confirm(item.id(), edited.version(), "").status())
                .isEqualTo(ItemStatus.PUBLISHED);
        assertThat(tasksOf(heat)).isEmpty();
    }

    @Test
    void archiveAndSupersede_closeTheOpenTasks() {
        KnowledgeItem old1 = f.published(alex, heat, Audience.community(), content("Old one", "b"));
        KnowledgeItem old2 = f.published(alex, heat, Audience.community(), content("Old two", "b"));
        f.clock.advance(Duration.ofDays(400));
        f.kit.maintenance().run();
        KnowledgeItem successor = f.published(alex, heat, Audience.community(), content("New", "b"));

        f.as(alex).knowledge().archive(old1.id(), stored(old1).version(), "obsolete");
        f.as(alex).knowledge().supersede(old2.id(), stored(old2).version(), successor.id());

        assertThat(tasksOf(heat)).isEmpty();
        assertThat(tasksOf(heat, ReviewTaskStatus.DONE)).extracting(ReviewTask::item)
                .containsExactlyInAnyOrder(old1.id(), old2.id());
    }

    // ---- listing tasks -------------------------------------------------------------------------

    @Test
    void tasks_ofItemsAnAssigneeMayNotSee_areNeitherListedNorFound() {
        // bob (BETA) stewards the practice, but this item is for ACME only
        KnowledgeItem secret = publishedInPractice(alex, Audience.organization(ACME), content("ACME only", "b"));
        f.clock.advance(Duration.ofDays(400));
        f.kit.maintenance().run();
        ReviewTask task = tasksOf(heat).get(0);
        assertThat(task.assignees()).contains(bob);

        assertThat(f.as(bob).reviews().mine(Set.of(), PageRequest.first()).items()).isEmpty();
        Throwable e = catchThrowable(() -> f.as(bob).reviews().get(task.id()));
        assertThat(e).isExactlyInstanceOf(NotFoundException.class).hasMessageNotContaining(secret.title());
        assertThat(f.as(alex).reviews().get(task.id())).isEqualTo(task);
        assertThat(f.as(alex).reviews().mine(EnumSet.allOf(ReviewTaskStatus.class), PageRequest.first()).items())
                .containsExactly(task);
    }

    @Test
    void communityTasks_areListedForCoordinatorsOnly() {
        f.published(alex, heat, Audience.community(), content("Basics", "b"));
        f.clock.advance(Duration.ofDays(400));
        f.kit.maintenance().run();

        assertThat(f.as(anna).reviews().inCommunity(heat, Set.of(), PageRequest.first()).items()).hasSize(1);
        assertRejected(() -> f.as(alex).reviews().inCommunity(heat, Set.of(), PageRequest.first()),
                AccessDeniedException.class, "coordinators", "Heat pumps");
    }

    @Test
    void communityTasks_pageWithoutSkippingOrRepeating() {
        for (int i = 0; i < 7; i++) {
            f.published(alex, heat, Audience.community(), content("Item " + i, "b"));
        }
        f.clock.advance(Duration.ofDays(400));
        f.kit.maintenance().run();

        List<ReviewTask> all = StoreSnapshot.all(p -> f.as(anna).reviews().inCommunity(heat, Set.of(),
                new PageRequest(p.after(), 3)));

        assertThat(all).hasSize(7).doesNotHaveDuplicates();
    }

    // ---- domain changes ------------------------------------------------------------------------

    @Test
    void domainChange_flagsOnlyCurrentItemsLinkedByCompetencyOrTag() {
        CompetencyId grants = f.competency("grants").id();
        CompetencyId isde = f.kit.system().domains().addCompetency(f.domain, CompetencyDraft.of(
                java.util.Map.of(Fixture.EN, "ISDE")).withId(CompetencyId.of("isde")).under(grants)).id();
        CompetencyId noise = f.competency("noise").id();
        KnowledgeItem byCompetency = f.published(alex, heat, Audience.community(),
                content("Grants", "b").withCompetencies(grants));
        KnowledgeItem byNarrower = f.published(alex, heat, Audience.community(),
                content("ISDE", "b").withCompetencies(isde));
        KnowledgeItem byTag = f.published(alex, heat, Audience.community(), content("Tagged", "b")
                .withTags("Subsidie"));
        KnowledgeItem unlinked = f.published(alex, heat, Audience.community(),
                content("Noise", "b").withCompetencies(noise).withTags("geluid"));
        KnowledgeItem draft = f.draft(alex, heat, Audience.community(), content("Draft", "b").withTags("subsidie"));
        KnowledgeItem archived = f.published(alex, heat, Audience.community(), content("Gone", "b")
                .withTags("subsidie"));
        f.as(alex).knowledge().archive(archived.id(), archived.version(), "");
        DomainId other = f.kit.system().domains().create("Water", "").id();
        CommunityId water = f.community(anna, CommunityDraft.of(other, "Water", ""));
        KnowledgeItem elsewhere = f.published(anna, water, Audience.community(), content("Water subsidy", "b")
                .withTags("subsidie"));

        FreshnessReport r = f.kit.system().reviews().markDomainChange(f.domain, Set.of(grants), Set.of("SUBSIDIE"),
                "Subsidy rules changed on 1 July");

        assertThat(r.flagged()).containsExactlyInAnyOrder(byCompetency.id(), byNarrower.id(), byTag.id());
        assertThat(r.tasksCreated()).isEqualTo(3);
        for (KnowledgeItem i : List.of(byCompetency, byNarrower, byTag)) {
            assertThat(stored(i).status()).isEqualTo(ItemStatus.NEEDS_REVIEW);
        }
        assertThat(stored(unlinked).status()).isEqualTo(ItemStatus.PUBLISHED);
        assertThat(stored(draft).status()).isEqualTo(ItemStatus.DRAFT);
        assertThat(stored(archived).status()).isEqualTo(ItemStatus.ARCHIVED);
        assertThat(stored(elsewhere).status()).isEqualTo(ItemStatus.PUBLISHED);
        assertThat(tasksOf(heat)).allSatisfy(t -> {
            assertThat(t.reason()).isEqualTo(ReviewReason.DOMAIN_CHANGE);
            assertThat(t.note()).isEqualTo("Subsidy rules changed on 1 July");
        });
        assertThat(f.heard).filteredOn(a -> a.verb() == Verb.DOMAIN_CHANGED).singleElement()
                .satisfies(a -> assertThat(a.object()).isEqualTo(Ref.of(ObjectType.DOMAIN, f.domain)));
        // a second mark flags nothing new: the items already need review
        assertThat(f.kit.system().reviews().markDomainChange(f.domain, Set.of(grants), Set.of(), "again")
                .itemsFlagged()).isZero();
        assertThat(tasksOf(heat)).hasSize(3);
    }

    @Test
    void domainChange_isAllowedToTheDomainsCreatorAndCoordinatorsOnTheDomain_only() {
        f.published(alex, heat, Audience.community(), content("Tagged", "b").withTags("subsidie"));
        DomainId own = f.as(carl).domains().create("Carl's domain", "").id();
        DomainId other = f.kit.system().domains().create("Water", "").id();
        MemberId dora = f.member("dora", ACME);
        f.community(dora, CommunityDraft.of(other, "Water", ""));

        assertRejected(() -> f.as(alex).reviews().markDomainChange(f.domain, Set.of(), Set.of("subsidie"), "x"),
                AccessDeniedException.class, "Energy transition");
        assertRejected(() -> f.as(dora).reviews().markDomainChange(f.domain, Set.of(), Set.of("subsidie"), "x"),
                AccessDeniedException.class, "Energy transition");
        assertThat(f.as(carl).reviews().markDomainChange(own, Set.of(), Set.of("subsidie"), "x").itemsFlagged())
                .isZero();
        assertThat(f.as(anna).reviews().markDomainChange(f.domain, Set.of(), Set.of("subsidie"), "x")
                .itemsFlagged()).isEqualTo(1);
    }

    @Test
    void domainChange_reportsOnlyItemsTheActorMaySee_butFlagsThemAll() {
        MemberId gina = f.member("gina", GAMMA);
        CommunityId open = f.community(gina, "Open heat");
        f.join(open, alex);
        KnowledgeItem acmeOnly = f.published(alex, open, Audience.organization(ACME), content("Secret", "b")
                .withTags("subsidie"));

        FreshnessReport r = f.as(gina).reviews().markDomainChange(f.domain, Set.of(), Set.of("subsidie"), "x");

        assertThat(r.flagged()).isEmpty();
        assertThat(r.tasksCreated()).isZero();
        assertThat(stored(acmeOnly).status()).isEqualTo(ItemStatus.NEEDS_REVIEW);
    }

    @Test
    void domainChange_withInvalidInput_isRejected_andChangesNothing() {
        f.competency("grants");
        DomainId other = f.kit.system().domains().create("Water", "").id();
        CompetencyId foreign = f.kit.system().domains().addCompetency(other, CompetencyDraft.of(
                java.util.Map.of(Fixture.EN, "Dikes")).withId(CompetencyId.of("dikes"))).id();
        var sys = f.kit.system().reviews();

        assertRejected(() -> sys.markDomainChange(f.domain, Set.of(), Set.of(), "x"), InvalidInputException.class,
                "competencies", "tags");
        assertRejected(() -> sys.markDomainChange(f.domain, Set.of(foreign), Set.of(), "x"),
                InvalidInputException.class, "dikes", other.value());
        assertRejected(() -> sys.markDomainChange(f.domain, Set.of(CompetencyId.of("nope")), Set.of(), "x"),
                InvalidInputException.class, "nope");
        assertRejected(() -> sys.markDomainChange(f.domain, Set.of(), Set.of("subsidie"), "  "),
                InvalidInputException.class, "note");
        assertRejected(() -> sys.markDomainChange(DomainId.of("unknown"), Set.of(), Set.of("subsidie"), "x"),
                NotFoundException.class, "unknown");
    }

    @Test
    void roleChanges_doNotMatter_forTheOwnerAsAssignee() {
        f.role(heat, anna, alex, Role.CORE);
        KnowledgeItem item = f.published(alex, heat, Audience.community(), content("Basics", "b"));
        f.clock.advance(Duration.ofDays(400));
        f.kit.maintenance().run();

        assertThat(f.as(alex).reviews().mine(Set.of(), PageRequest.first()).items()).extracting(ReviewTask::item)
                .containsExactly(item.id());
    }
}
