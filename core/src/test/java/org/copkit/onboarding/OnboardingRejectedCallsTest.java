package org.copkit.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.content;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.copkit.AccessDeniedException;
import org.copkit.ConflictException;
import org.copkit.Fixture;
import org.copkit.InvalidInputException;
import org.copkit.NotFoundException;
import org.copkit.PageRequest;
import org.copkit.StoreSnapshot;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;
import org.copkit.community.Role;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rejected learning-path writes name what was wrong and leave everything stored as it was. */
class OnboardingRejectedCallsTest {
    private Fixture f;
    private MemberId anna; // ACME, coordinator of heat and grids
    private MemberId alex; // ACME, member of heat
    private MemberId bob; // BETA, core member of heat
    private CommunityId heat;
    private CommunityId grids;
    private KnowledgeItem acmeOnly;
    private KnowledgeItem inGrids;
    private LearningPathView path;

    @BeforeEach
    void setUp() {
        f = Fixture.create();
        anna = f.member("anna", ACME);
        alex = f.member("alex", ACME);
        bob = f.member("bob", BETA);
        heat = f.community(anna, "Heat pumps");
        grids = f.community(anna, "Grids");
        f.join(heat, alex, bob);
        f.role(heat, anna, bob, Role.CORE);
        acmeOnly = f.published(anna, heat, Audience.organization(ACME), content("Acme only", "x"));
        inGrids = f.published(anna, grids, Audience.community(), content("Grid basics", "x"));
        path = f.as(anna).onboarding().create(LearningPathDraft.of(heat, LearningPathContent.of("Welcome", "",
                LearningStep.ask("Ask"))));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private List<LearningPathView> paths(CommunityId c) {
        return StoreSnapshot.all(p -> f.kit.system().onboarding().list(c, p));
    }

    private void rejected(ThrowingCallable call, Class<? extends Throwable> type, String message) {
        StoreSnapshot before = f.snapshot();
        List<LearningPathView> heatPaths = paths(heat);
        List<LearningPathView> gridPaths = paths(grids);
        int heard = f.heard.size();

        assertThatThrownBy(call).isInstanceOf(type).hasMessageContaining(message);

        assertThat(f.snapshot()).isEqualTo(before);
        assertThat(paths(heat)).isEqualTo(heatPaths);
        assertThat(paths(grids)).isEqualTo(gridPaths);
        assertThat(f.heard).hasSize(heard);
    }

    private static LearningPathContent asking() {
        return LearningPathContent.of("Path", "", LearningStep.ask("Ask"));
    }

    @Test
    void create_byAPlainMember_isDenied() {
        rejected(() -> f.as(alex).onboarding().create(LearningPathDraft.of(heat, asking())),
                AccessDeniedException.class, "only core members and coordinators of community 'Heat pumps'");
    }

    @Test
    void create_withAnAudienceWithoutTheCuratorsOrganisation_isDenied() {
        rejected(() -> f.as(bob).onboarding().create(LearningPathDraft.of(heat, asking())
                .withAudience(Audience.organization(ACME))), AccessDeniedException.class, "beta");
    }

    @Test
    void create_withAnUnknownOrganisationInTheAudience_isInvalid() {
        rejected(() -> f.as(anna).onboarding().create(LearningPathDraft.of(heat, asking())
                .withAudience(Audience.partners(ACME, OrganizationId.of("nowhere")))), InvalidInputException.class,
                "nowhere");
    }

    @Test
    void create_withAStepNamingAnItemTheCuratorCannotSee_isInvalid_likeAMissingItem() {
        rejected(() -> f.as(bob).onboarding().create(LearningPathDraft.of(heat, LearningPathContent.of("Path", "",
                LearningStep.ask("Ask"), LearningStep.read("Read", acmeOnly.id())))), InvalidInputException.class,
                "path.steps[1].item names knowledge item " + acmeOnly.id() + ", which does not exist");
        rejected(() -> f.as(bob).onboarding().create(LearningPathDraft.of(heat, LearningPathContent.of("Path", "",
                LearningStep.read("Read", org.copkit.knowledge.KnowledgeItemId.of("missing"))))),
                InvalidInputException.class, "names knowledge item missing, which does not exist");
    }

    @Test
    void create_withAStepNamingAnItemOfAnotherCommunity_isInvalid() {
        rejected(() -> f.as(anna).onboarding().create(LearningPathDraft.of(heat, LearningPathContent.of("Path", "",
                LearningStep.read("Read", inGrids.id())))), InvalidInputException.class,
                "of community " + grids + ", not of " + heat);
    }

    @Test
    void create_inAnUnknownCommunity_isNotFound() {
        rejected(() -> f.as(anna).onboarding().create(LearningPathDraft.of(CommunityId.of("nope"), asking())),
                NotFoundException.class, "community nope does not exist");
    }

    @Test
    void update_fromAStaleVersion_conflicts() {
        rejected(() -> f.as(anna).onboarding().update(path.id(), 7, asking(), Audience.community()),
                ConflictException.class, "it is at version 1, the change expected 7");
    }

    @Test
    void update_byAPlainMember_isDenied() {
        rejected(() -> f.as(alex).onboarding().update(path.id(), 1, asking(), Audience.community()),
                AccessDeniedException.class, "may edit learning path");
    }

    @Test
    void update_ofAPathTheEditorCannotSee_isNotFound() {
        LearningPathView hidden = f.as(anna).onboarding().create(LearningPathDraft.of(heat, asking())
                .withAudience(Audience.organization(ACME)));
        rejected(() -> f.as(bob).onboarding().update(hidden.id(), 1, asking(), Audience.community()),
                NotFoundException.class, "learning path " + hidden.id() + " does not exist");
    }

    @Test
    void reads_ofAnUnknownCommunity_areNotFound() {
        assertThatThrownBy(() -> f.as(alex).onboarding().list(CommunityId.of("nope"), PageRequest.first()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.as(alex).onboarding().startHere(CommunityId.of("nope")))
                .isInstanceOf(NotFoundException.class);
    }
}
