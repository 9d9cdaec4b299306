package org.copkit.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.content;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
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
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeDraft;
import org.copkit.community.PracticeId;
import org.copkit.domain.CompetencyId;
import org.copkit.member.MemberId;
import org.copkit.notification.Notification;
import org.copkit.subscription.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bulk import through {@code kit.as(member).knowledge().importItems}: one transaction, create's checks per draft. */
class ImportItemsTest {
    private final List<Notification> delivered = Collections.synchronizedList(new ArrayList<>());
    private Fixture f;
    private MemberId anna; // coordinator of heat
    private MemberId olga; // plain member of heat (ACME)
    private MemberId carl; // plain member of heat (BETA)
    private MemberId stef; // steward of the practice
    private MemberId nora; // registered, member of no community
    private CommunityId heat;
    private CommunityId grid;
    private PracticeId reviewed;
    private PracticeId gridPractice;

    @BeforeEach
    void setUp() {
        f = Fixture.create(b -> b.notifier(delivered::add));
        anna = f.member("anna", ACME);
        olga = f.member("olga", ACME);
        carl = f.member("carl", BETA);
        stef = f.member("stef", ACME);
        nora = f.member("nora", ACME);
        heat = f.community(anna, "Heat pumps");
        grid = f.community(anna, "Grids");
        f.join(heat, olga, carl, stef);
        reviewed = f.as(anna).practices().create(heat, PracticeDraft.of("Installation", "How we install")
                .withStewards(stef).reviewedEvery(Period.ofMonths(3)).requiringApprovals(2)).id();
        gridPractice = f.as(anna).practices().create(grid, PracticeDraft.of("Cables", "Cables")).id();
        f.competency("heat-pumps");
        delivered.clear();
        f.heard.clear();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static List<ItemDraft> drafts(CommunityId community, int n) {
        return IntStream.range(0, n).mapToObj(i -> ItemDraft.of(community, ItemKind.ARTICLE,
                content("Wiki page " + i, "Body " + i))).toList();
    }

    private static List<ItemDraft> with(List<ItemDraft> drafts, int index, ItemDraft replacement) {
        List<ItemDraft> copy = new ArrayList<>(drafts);
        copy.set(index, replacement);
        return copy;
    }

    private void assertRejected(ThrowingCallable call, Class<? extends CopKitException> type, String... parts) {
        StoreSnapshot before = f.snapshot();
        Throwable e = catchThrowable(call);
        assertThat(e).isExactlyInstanceOf(type);
        assertThat(e.getMessage()).contains(parts);
        assertThat(f.snapshot()).isEqualTo(before);
        assertThat(f.heard).isEmpty();
    }

    @Test
    void importAsDrafts_storesEveryItemInOrder_withRevisionOneImportProvenanceAndOneActivityEach() {
        List<KnowledgeItem> items = f.as(olga).knowledge().importItems(drafts(heat, 25), ImportOptions.asDrafts());

        assertThat(items).hasSize(25);
        assertThat(items).extracting(i -> i.content().title())
                .containsExactlyElementsOf(IntStream.range(0, 25).mapToObj(i -> "Wiki page " + i).toList());
        assertThat(items).allSatisfy(i -> {
            assertThat(i.status()).isEqualTo(ItemStatus.DRAFT);
            assertThat(i.owner()).isEqualTo(olga);
            assertThat(i.version()).isEqualTo(1);
            assertThat(i.provenance().source()).isEqualTo(Provenance.Source.IMPORT);
            assertThat(i.reviewBy()).isEmpty();
            assertThat(f.as(olga).knowledge().get(i.id())).isEqualTo(i);
            assertThat(f.as(olga).knowledge().revision(i.id(), 1).note()).isEqualTo("imported");
        });
        assertThat(f.heard).extracting(Activity::verb).containsOnly(Verb.CREATED).hasSize(25);
        assertThat(f.heard).extracting(Activity::object).containsExactlyElementsOf(
                items.stream().map(i -> Ref.of(ObjectType.KNOWLEDGE_ITEM, i.id())).toList());
        assertThat(f.heard.get(0).details()).containsEntry("source", "import").containsEntry("status", "DRAFT")
                .containsEntry("kind", "ARTICLE");
        assertThat(f.as(olga).knowledge().count(ItemQuery.in(heat))).isEqualTo(25);
    }

    @Test
    void importKeepsAnImportProvenanceWithItsReference() {
        Provenance wiki = new Provenance(Provenance.Source.IMPORT, Optional.of("wiki:/heat/page-1"),
                Optional.of("from the old wiki"));
        KnowledgeItem i = f.as(olga).knowledge().importItems(List.of(drafts(heat, 1).get(0).withProvenance(wiki)),
                ImportOptions.asDrafts()).get(0);
        assertThat(i.provenance()).isEqualTo(wiki);
    }

    @Test
    void importPublished_byTheStewardOfThePractice_publishesWithReviewDateFromTheReviewRules() {
        Instant now = f.clock.instant();
        List<ItemDraft> drafts = drafts(heat, 3).stream().map(d -> d.inPractice(reviewed)).toList();

        List<KnowledgeItem> items = f.as(stef).knowledge().importItems(drafts, ImportOptions.published());

        Instant due = now.atOffset(ZoneOffset.UTC).plus(Period.ofMonths(3)).toInstant();
        assertThat(items).allSatisfy(i -> {
            assertThat(i.status()).isEqualTo(ItemStatus.PUBLISHED);
            assertThat(i.publishedAt()).contains(now);
            assertThat(i.reviewBy()).contains(due);
            assertThat(i.approvals()).isEmpty();
        });
        assertThat(f.heard).allSatisfy(a -> assertThat(a.details()).containsEntry("status", "PUBLISHED"));
        // a member who is no reviewer can read them: they are published
        assertThat(f.as(carl).knowledge().get(items.get(0).id()).status()).isEqualTo(ItemStatus.PUBLISHED);
    }

    @Test
    void importPublished_byAPlainMember_isDenied_andStoresNothing() {
        assertRejected(() -> f.as(olga).knowledge().importItems(drafts(heat, 3), ImportOptions.published()),
                AccessDeniedException.class, "drafts[0]: ", "coordinators");
    }

    @Test
    void oneInvalidDraft_rollsBackTheWholeBatch_andTheMessageNamesItsIndex() {
        List<ItemDraft> unknownCompetency = with(drafts(heat, 5), 3, ItemDraft.of(heat, ItemKind.ARTICLE,
                content("Bad", "Bad").withCompetencies(CompetencyId.of("no-such-competency"))));
        assertRejected(() -> f.as(olga).knowledge().importItems(unknownCompetency, ImportOptions.asDrafts()),
                InvalidInputException.class, "drafts[3]: ", "no-such-competency");

        List<ItemDraft> foreignPractice = with(drafts(heat, 5), 4, drafts(heat, 1).get(0).inPractice(gridPractice));
        assertRejected(() -> f.as(olga).knowledge().importItems(foreignPractice, ImportOptions.asDrafts()),
                InvalidInputException.class, "drafts[4]: ", "draft.practice");

        List<ItemDraft> unknownCommunity = with(drafts(heat, 5), 1, drafts(CommunityId.of("nope"), 1).get(0));
        assertRejected(() -> f.as(olga).knowledge().importItems(unknownCommunity, ImportOptions.asDrafts()),
                NotFoundException.class, "drafts[1]: ", "community nope");
    }

    @Test
    void accessRulesApplyToEveryDraft_andADeniedOneRollsBackTheBatch() {
        // olga is not a member of grid: the third draft is denied, the first two are not stored either
        List<ItemDraft> mixed = with(drafts(heat, 4), 2, drafts(grid, 1).get(0));
        assertRejected(() -> f.as(olga).knowledge().importItems(mixed, ImportOptions.asDrafts()),
                AccessDeniedException.class, "drafts[2]: ", "active members");
        // carl (BETA) may not give an item an audience of ACME only
        List<ItemDraft> foreignAudience = with(drafts(heat, 2), 1, drafts(heat, 1).get(0)
                .withAudience(Audience.organization(ACME)));
        assertRejected(() -> f.as(carl).knowledge().importItems(foreignAudience, ImportOptions.asDrafts()),
                AccessDeniedException.class, "drafts[1]: ", "own organisation");
        assertRejected(() -> f.as(nora).knowledge().importItems(drafts(heat, 1), ImportOptions.asDrafts()),
                AccessDeniedException.class, "drafts[0]: ");
    }

    @Test
    void importedRestrictedItems_neverLeakToAnotherOrganisation() {
        List<ItemDraft> internal = drafts(heat, 4).stream().map(d -> d.withAudience(Audience.organization(ACME)))
                .toList();
        List<KnowledgeItem> items = f.as(anna).knowledge().importItems(internal, ImportOptions.published());

        assertThat(f.as(olga).knowledge().count(ItemQuery.in(heat))).isEqualTo(4);
        assertThat(f.as(carl).knowledge().count(ItemQuery.in(heat))).isZero();
        assertThat(f.as(carl).knowledge().list(ItemQuery.in(heat), PageRequest.first()).items()).isEmpty();
        Throwable e = catchThrowable(() -> f.as(carl).knowledge().get(items.get(0).id()));
        assertThat(e).isExactlyInstanceOf(NotFoundException.class)
                .hasMessage("knowledge item " + items.get(0).id() + " does not exist");
    }

    @Test
    void imports_notifyNoFollowers_butListenersHearEveryItem() {
        f.as(carl).subscriptions().follow(Ref.of(ObjectType.COMMUNITY, heat));
        f.heard.clear();
        f.as(anna).knowledge().importItems(drafts(heat, 3), ImportOptions.published());
        assertThat(delivered).isEmpty();
        assertThat(f.heard).hasSize(3);
        // an ordinary publication still notifies
        f.published(anna, heat, Audience.community(), content("Published", "Body"));
        assertThat(delivered).extracting(Notification::recipient).contains(carl);
    }

    @Test
    void batchesMustHoldOneToMaxDrafts_withoutNull() {
        assertRejected(() -> f.as(olga).knowledge().importItems(List.of(), ImportOptions.asDrafts()),
                InvalidInputException.class, "drafts must hold 1 to 10000");
        List<ItemDraft> tooMany = Collections.nCopies(ImportOptions.MAX_BATCH + 1, drafts(heat, 1).get(0));
        assertRejected(() -> f.as(olga).knowledge().importItems(tooMany, ImportOptions.asDrafts()),
                InvalidInputException.class, "held 10001");
        List<ItemDraft> withNull = new ArrayList<>(drafts(heat, 3));
        withNull.set(1, null);
        assertRejected(() -> f.as(olga).knowledge().importItems(withNull, ImportOptions.asDrafts()),
                InvalidInputException.class, "drafts[1] is required");
        assertRejected(() -> f.as(olga).knowledge().importItems(drafts(heat, 1), null),
                InvalidInputException.class, "options");
    }
}
