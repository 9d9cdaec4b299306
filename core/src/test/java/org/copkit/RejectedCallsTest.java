package org.copkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.EN;
import static org.copkit.Fixture.content;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.copkit.access.Audience;
import org.copkit.access.AudienceLevel;
import org.copkit.community.CommunityDraft;
import org.copkit.community.CommunityId;
import org.copkit.community.MembershipPolicy;
import org.copkit.community.PracticeDraft;
import org.copkit.community.PracticeId;
import org.copkit.community.Role;
import org.copkit.domain.CompetencyId;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rejected calls get a typed error whose message names the field or value, and leave everything
 * stored exactly as it was: entities with their versions, revisions, memberships, the activity log,
 * the change feed and the search index (see {@link StoreSnapshot}). No listener hears anything.
 */
class RejectedCallsTest {
    private Fixture f;
    private MemberId anna; // ACME, coordinator of heat and of grids
    private MemberId alex; // ACME, member of heat
    private MemberId bob; // BETA, core member of heat
    private CommunityId heat;
    private CommunityId grids;
    private PracticeId gridPractice;
    private PracticeId reviewed;
    private KnowledgeItem draft;
    private KnowledgeItem inReview;

    @BeforeEach
    void setUp() {
        f = Fixture.create();
        anna = f.member("anna", ACME);
        alex = f.member("alex", ACME);
        bob = f.member("bob", BETA);
        heat = f.community(anna, "Heat pumps");
        grids = f.community(anna, CommunityDraft.of(f.domain, "Grids", "").withPolicy(MembershipPolicy.INVITATION));
        f.join(heat, alex, bob);
        f.role(heat, anna, bob, Role.CORE);
        f.competency("heat-pumps");
        gridPractice = f.as(anna).practices().create(grids, PracticeDraft.of("Congestion", "")).id();
        reviewed = f.as(anna).practices().create(heat, PracticeDraft.of("Reviewed", "").requiringApprovals(2)).id();
        draft = f.draft(alex, heat, Audience.platform(), content("Draft title", "body"));
        KnowledgeItem r = f.as(alex).knowledge().create(ItemDraft.of(heat, ItemKind.ARTICLE,
                content("In review", "body")).inPractice(reviewed));
        inReview = f.as(alex).knowledge().submit(r.id(), r.version());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    /** Runs a call that must fail and checks type, message and that nothing changed. */
    private void assertRejected(ThrowingCallable call, Class<? extends CopKitException> type, ErrorCode code,
            String... messageParts) {
        StoreSnapshot before = f.snapshot();
        int heardBefore = f.heard.size();
        Throwable e = catchThrowable(call);
        assertThat(e).isExactlyInstanceOf(type);
        assertThat(((CopKitException) e).code()).isEqualTo(code);
        assertThat(e.getMessage()).contains(messageParts);
        assertThat(f.snapshot()).isEqualTo(before);
        assertThat(f.heard).hasSize(heardBefore);
    }

    private ItemDraft article(ItemContent c) {
        return ItemDraft.of(heat, ItemKind.ARTICLE, c);
    }

    // ---- invalid input ------------------------------------------------------------------------

    @Test
    void create_withBlankTitle_isInvalid_andNamesTheField() {
        assertRejected(() -> f.as(alex).knowledge().create(article(content("  \t ", "b"))),
                InvalidInputException.class, ErrorCode.INVALID, "item.title", "blank");
    }

    @Test
    void create_withA301CharacterTitle_isInvalid_andNamesTheLimit() {
        assertRejected(() -> f.as(alex).knowledge().create(article(content("t".repeat(301), "b"))),
                InvalidInputException.class, ErrorCode.INVALID, "item.title", "300", "301");
    }

    @Test
    void edit_withAControlCharacterInTheTitle_isInvalid_andNamesTheCharacter() {
        assertRejected(() -> f.as(alex).knowledge().edit(draft.id(), draft.version(),
                draft.content().withTitle("Bell\u0007 title"), ""),
                InvalidInputException.class, ErrorCode.INVALID, "item.title", "U+0007");
    }

    @Test
    void create_withALocaleWithoutLanguage_isInvalid_andNamesTheTag() {
        assertRejected(() -> f.as(alex).knowledge().create(article(ItemContent.of("t", "b",
                Locale.forLanguageTag("123")))), InvalidInputException.class, ErrorCode.INVALID, "item.language");
    }

    @Test
    void create_withAnIllFormedLocale_isInvalid_andNamesTheTag() {
        assertRejected(() -> f.as(alex).knowledge().create(article(ItemContent.of("t", "b",
                new Locale("e!n")))), InvalidInputException.class, ErrorCode.INVALID, "item.language", "e!n");
    }

    @Test
    void create_withAnUnknownLanguage_isInvalid_andNamesTheTag() {
        assertRejected(() -> f.as(alex).knowledge().create(article(ItemContent.of("t", "b",
                new Locale("qq")))), InvalidInputException.class, ErrorCode.INVALID, "item.language", "qq");
    }

    @Test
    void create_withAnUnknownCompetency_isInvalid_andNamesIt() {
        assertRejected(() -> f.as(alex).knowledge().create(article(content("t", "b")
                .withCompetencies(CompetencyId.of("heat-pumps"), CompetencyId.of("no-such-skill")))),
                InvalidInputException.class, ErrorCode.INVALID, "item.competencies", "no-such-skill");
    }

    @Test
    void edit_withAnUnknownCompetency_isInvalid_andNamesIt() {
        assertRejected(() -> f.as(alex).knowledge().edit(draft.id(), draft.version(),
                draft.content().withCompetencies(CompetencyId.of("no-such-skill")), "note"),
                InvalidInputException.class, ErrorCode.INVALID, "item.competencies", "no-such-skill");
    }

    @Test
    void create_inAPracticeOfAnotherCommunity_isInvalid_andNamesBoth() {
        assertRejected(() -> f.as(alex).knowledge().create(article(content("t", "b")).inPractice(gridPractice)),
                InvalidInputException.class, ErrorCode.INVALID, "draft.practice", gridPractice.value(),
                grids.value(), heat.value());
    }

    @Test
    void create_withAnAudienceNamingAnUnknownOrganisation_isInvalid_andNamesIt() {
        assertRejected(() -> f.as(alex).knowledge().create(article(content("t", "b"))
                .withAudience(Audience.partners(ACME, OrganizationId.of("nowhere")))),
                InvalidInputException.class, ErrorCode.INVALID, "audience", "nowhere");
    }

    @Test
    void registerMember_withAReservedId_isInvalid_andNamesTheId() {
        assertRejected(() -> f.kit.system().members().register(MemberId.of("copkit:x"),
                MemberProfile.of("X", ACME)), InvalidInputException.class, ErrorCode.INVALID, "copkit:x", "reserved");
    }

    @Test
    void registerOrganisation_withAReservedId_isInvalid_andNamesTheId() {
        assertRejected(() -> f.kit.system().organizations().register(OrganizationId.of("copkit:x"), "X", ""),
                InvalidInputException.class, ErrorCode.INVALID, "copkit:x", "reserved");
    }

    @Test
    void registerMember_inAnUnknownOrganisation_isInvalid_andNamesIt() {
        assertRejected(() -> f.kit.system().members().register(MemberId.of("zed"),
                MemberProfile.of("Zed", OrganizationId.of("nowhere"))),
                InvalidInputException.class, ErrorCode.INVALID, "member.organization", "nowhere");
    }

    @Test
    void updateProfile_toAnUnknownOrganisation_isInvalid_andNamesIt() {
        var me = f.as(alex).members().get(alex);
        assertRejected(() -> f.as(alex).members().updateProfile(alex, me.version(),
                me.profile().withOrganization(OrganizationId.of("nowhere"))),
                InvalidInputException.class, ErrorCode.INVALID, "member.organization", "nowhere");
    }

    @Test
    void createPractice_withAStewardWhoIsNoMember_isInvalid_andNamesTheSteward() {
        assertRejected(() -> f.as(anna).practices().create(heat, PracticeDraft.of("P", "").withStewards(
                MemberId.of("copkit:system"))),
                InvalidInputException.class, ErrorCode.INVALID, "practice.stewards", "copkit:system");
    }

    @Test
    void supersede_byADraft_isInvalid_andNamesTheSuccessor() {
        KnowledgeItem pub = f.published(alex, heat, Audience.platform(), content("Old", "b"));
        assertRejected(() -> f.as(alex).knowledge().supersede(pub.id(), pub.version(), draft.id()),
                InvalidInputException.class, ErrorCode.INVALID, "successor", draft.id().value(), "DRAFT");
    }

    @Test
    void restore_ofAMissingRevision_isInvalid_andNamesTheNumber() {
        assertRejected(() -> f.as(alex).knowledge().restore(draft.id(), draft.version(), 9, ""),
                InvalidInputException.class, ErrorCode.INVALID, "revision 9");
    }

    @Test
    void reject_withABlankReason_isInvalid_andNamesTheField() {
        assertRejected(() -> f.as(bob).knowledge().reject(inReview.id(), inReview.version(), "  "),
                InvalidInputException.class, ErrorCode.INVALID, "reason");
    }

    // ---- conflicts -----------------------------------------------------------------------------

    @Test
    void edit_withAStaleVersion_isAConflict_andNamesBothVersions() {
        KnowledgeItem edited = f.as(alex).knowledge().edit(draft.id(), draft.version(),
                draft.content().withBody("new"), "first");
        assertRejected(() -> f.as(alex).knowledge().edit(draft.id(), draft.version(),
                draft.content().withBody("lost update"), "second"),
                ConflictException.class, ErrorCode.CONFLICT, draft.id().value(),
                "version " + edited.version(), "expected " + draft.version());
    }

    @Test
    void updateCommunity_withAStaleVersion_isAConflict() {
        var c = f.as(anna).communities().get(heat);
        f.as(anna).communities().update(heat, c.version(), CommunityDraft.of(f.domain, "Heat pumps 2", ""));
        assertRejected(() -> f.as(anna).communities().update(heat, c.version(),
                CommunityDraft.of(f.domain, "Heat pumps 3", "")), ConflictException.class, ErrorCode.CONFLICT,
                heat.value(), "version");
    }

    @Test
    void publish_withoutEnoughApprovals_isAConflict_andSaysHowMany() {
        KnowledgeItem once = f.as(bob).knowledge().approve(inReview.id(), inReview.version());
        assertRejected(() -> f.as(alex).knowledge().publish(once.id(), once.version()),
                ConflictException.class, ErrorCode.CONFLICT, once.id().value(), "needs 2", "has 1");
    }

    @Test
    void publish_ofADraftThatNeedsApprovals_isAConflict_andSaysToSubmit() {
        KnowledgeItem d = f.as(alex).knowledge().create(article(content("t", "b")).inPractice(reviewed));
        assertRejected(() -> f.as(alex).knowledge().publish(d.id(), d.version()),
                ConflictException.class, ErrorCode.CONFLICT, "needs 2", "submit");
    }

    @Test
    void approve_twiceByTheSameReviewer_isAConflict() {
        KnowledgeItem once = f.as(bob).knowledge().approve(inReview.id(), inReview.version());
        assertRejected(() -> f.as(bob).knowledge().approve(once.id(), once.version()),
                ConflictException.class, ErrorCode.CONFLICT, "bob", "already approved");
    }

    @Test
    void submit_ofAnItemInReview_isAConflict_andNamesTheStatus() {
        assertRejected(() -> f.as(alex).knowledge().submit(inReview.id(), inReview.version()),
                ConflictException.class, ErrorCode.CONFLICT, "IN_REVIEW", "DRAFT");
    }

    @Test
    void leave_asTheLastCoordinator_isAConflict() {
        assertRejected(() -> f.as(anna).communities().leave(heat),
                ConflictException.class, ErrorCode.CONFLICT, "anna", "last coordinator");
    }

    @Test
    void changeRole_demotingTheLastCoordinator_isAConflict() {
        assertRejected(() -> f.as(anna).communities().changeRole(heat, anna, Role.MEMBER),
                ConflictException.class, ErrorCode.CONFLICT, "anna", "last coordinator");
    }

    @Test
    void approveMembership_withoutAPendingRequest_isAConflict() {
        assertRejected(() -> f.as(anna).communities().approve(heat, alex),
                ConflictException.class, ErrorCode.CONFLICT, "alex", "no pending request");
    }

    @Test
    void registerMember_withATakenId_isAConflict() {
        assertRejected(() -> f.kit.system().members().register(alex, MemberProfile.of("Alex 2", ACME)),
                ConflictException.class, ErrorCode.CONFLICT, "alex", "already exists");
    }

    // ---- access denied ---------------------------------------------------------------------------

    @Test
    void create_withAnOrganisationAudienceNamingAnotherOrganisation_isDenied_andNamesBoth() {
        assertRejected(() -> f.as(alex).knowledge().create(article(content("t", "b"))
                .withAudience(Audience.organization(BETA))),
                AccessDeniedException.class, ErrorCode.FORBIDDEN, "ORGANIZATION", "acme", "beta");
    }

    @Test
    void changeAudience_toAnotherOrganisation_isDenied() {
        assertRejected(() -> f.as(alex).knowledge().changeAudience(draft.id(), draft.version(),
                new Audience(AudienceLevel.ORGANIZATION, Set.of(BETA))),
                AccessDeniedException.class, ErrorCode.FORBIDDEN, "acme", "beta");
    }

    @Test
    void approve_ofOnesOwnItem_isDenied() {
        f.role(heat, anna, alex, Role.CORE);
        KnowledgeItem current = f.as(alex).knowledge().get(inReview.id());
        assertRejected(() -> f.as(alex).knowledge().approve(current.id(), current.version()),
                AccessDeniedException.class, ErrorCode.FORBIDDEN, "own item");
    }

    @Test
    void archive_ofSomeoneElsesItem_byAPlainMember_isDenied() {
        KnowledgeItem pub = f.published(alex, heat, Audience.platform(), content("Published", "b"));
        MemberId max = f.member("max", ACME);
        f.join(heat, max);
        assertRejected(() -> f.as(max).knowledge().archive(pub.id(), pub.version(), "mine now"),
                AccessDeniedException.class, ErrorCode.FORBIDDEN, "only the owner", "Heat pumps");
    }

    @Test
    void approve_byAPlainMember_isNotFound_becauseUnpublishedItemsAreForReviewersOnly() {
        MemberId max = f.member("max", ACME);
        f.join(heat, max);
        assertRejected(() -> f.as(max).knowledge().approve(inReview.id(), inReview.version()),
                NotFoundException.class, ErrorCode.NOT_FOUND, inReview.id().value());
    }

    @Test
    void changeAudience_toAnUnknownPartnerOrganisation_isInvalid_andNamesIt() {
        assertRejected(() -> f.as(alex).knowledge().changeAudience(draft.id(), draft.version(),
                Audience.partners(ACME, OrganizationId.of("nowhere"))),
                InvalidInputException.class, ErrorCode.INVALID, "audience", "nowhere");
    }

    @Test
    void create_byANonMember_isDenied() {
        MemberId nina = f.member("nina", ACME);
        assertRejected(() -> f.as(nina).knowledge().create(article(content("t", "b"))),
                AccessDeniedException.class, ErrorCode.FORBIDDEN, "active members", "Heat pumps");
    }

    @Test
    void join_anInvitationOnlyCommunity_isDenied() {
        assertRejected(() -> f.as(alex).communities().join(grids),
                AccessDeniedException.class, ErrorCode.FORBIDDEN, "Grids", "invitation");
    }

    @Test
    void invite_byANonCoordinator_isDenied() {
        assertRejected(() -> f.as(alex).communities().invite(grids, bob),
                AccessDeniedException.class, ErrorCode.FORBIDDEN, "coordinators", "Grids");
    }

    @Test
    void registerMember_byAMember_isDenied() {
        assertRejected(() -> f.as(alex).members().register(MemberId.of("zed"), MemberProfile.of("Zed", ACME)),
                AccessDeniedException.class, ErrorCode.FORBIDDEN, "system");
    }

    @Test
    void updateProfile_ofSomeoneElse_isDenied() {
        var b = f.as(alex).members().get(bob);
        assertRejected(() -> f.as(alex).members().updateProfile(bob, b.version(), b.profile().withLocation("x")),
                AccessDeniedException.class, ErrorCode.FORBIDDEN, "own profile");
    }

    // ---- not found -------------------------------------------------------------------------------

    @Test
    void edit_ofAMissingItem_isNotFound_andNamesTheId() {
        assertRejected(() -> f.as(alex).knowledge().edit(KnowledgeItemId.of("missing"), 1,
                content("t", "b"), ""), NotFoundException.class, ErrorCode.NOT_FOUND, "missing");
    }

    @Test
    void join_ofAMissingCommunity_isNotFound_andNamesTheId() {
        assertRejected(() -> f.as(alex).communities().join(CommunityId.of("missing")),
                NotFoundException.class, ErrorCode.NOT_FOUND, "community missing");
    }

    @Test
    void acting_asAnUnregisteredMember_isNotFound() {
        assertRejected(() -> f.kit.as(MemberId.of("ghost")), NotFoundException.class, ErrorCode.NOT_FOUND, "ghost");
    }

    @Test
    void snapshot_seesEveryKindOfWrite() {
        // guards the helper itself: a successful call of each kind changes the snapshot
        StoreSnapshot s0 = f.snapshot();
        f.as(alex).knowledge().edit(draft.id(), draft.version(), draft.content().withBody("changed"), "n");
        StoreSnapshot s1 = f.snapshot();
        assertThat(s1).isNotEqualTo(s0);
        f.as(anna).communities().changeRole(heat, alex, Role.CORE);
        StoreSnapshot s2 = f.snapshot();
        assertThat(s2).isNotEqualTo(s1);
        f.as(bob).knowledge().approve(inReview.id(), inReview.version());
        assertThat(f.snapshot()).isNotEqualTo(s2).isEqualTo(f.snapshot());
        assertThat(s0.sections()).containsKeys("changes", "activities", "search", "items of " + heat.value());
        assertThat(Optional.of(EN)).isPresent();
    }
}
