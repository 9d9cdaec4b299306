package org.copkit.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.GAMMA;
import static org.copkit.Fixture.content;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.copkit.AccessDeniedException;
import org.copkit.InvalidInputException;
import org.copkit.Fixture;
import org.copkit.PageRequest;
import org.copkit.StoreSnapshot;
import org.copkit.access.AccessRules;
import org.copkit.access.Action;
import org.copkit.access.Decision;
import org.copkit.access.Audience;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityId;
import org.copkit.domain.CompetencyId;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.Revision;
import org.copkit.member.Competence;
import org.copkit.member.MemberId;
import org.copkit.member.Proficiency;
import org.copkit.participation.Level;
import org.copkit.review.FreshnessReport;
import org.copkit.value.ValueCycle;
import org.copkit.value.ValueStoryContent;
import org.copkit.value.ValueStoryDraft;
import org.junit.jupiter.api.Test;

/** Fixes where features built in parallel meet: maintenance and participation, long change notes, access rules. */
class IntegrationFixesTest {

    private static List<Activity> activities(Fixture f, Verb verb) {
        return StoreSnapshot.all(p -> f.kit.system().activities().feed(Optional.empty(), Optional.empty(), p))
                .stream().filter(a -> a.verb() == verb).toList();
    }

    @Test
    void maintenance_recomputesParticipationLevelsOfEveryCommunity_andReportsHowManyChanged() {
        try (Fixture f = Fixture.create()) {
            MemberId anna = f.member("anna", ACME);
            MemberId alex = f.member("alex", ACME);
            MemberId bob = f.member("bob", BETA);
            CommunityId heat = f.community(anna, "Heat pumps");
            CommunityId grids = f.community(bob, "Grids");
            f.join(heat, alex);
            for (int i = 0; i < 4; i++) {
                f.draft(alex, heat, Audience.community(), content("Heat " + i, "b"));
                f.draft(bob, grids, Audience.community(), content("Grid " + i, "b"));
            }

            FreshnessReport first = f.kit.maintenance().run();

            assertThat(first.levelsChanged()).isEqualTo(2);
            assertThat(f.as(anna).participation().level(heat, alex).level()).isEqualTo(Level.ACTIVE);
            assertThat(f.as(bob).participation().level(grids, bob).level()).isEqualTo(Level.ACTIVE);
            assertThat(activities(f, Verb.LEVEL_CHANGED)).hasSize(2)
                    .allSatisfy(a -> assertThat(a.actor()).isEqualTo(MemberId.SYSTEM));
            assertThat(f.kit.maintenance().run().levelsChanged()).as("idempotent at the same moment").isZero();

            f.clock.advance(Duration.ofDays(91));
            assertThat(f.kit.maintenance().run().levelsChanged()).as("the window moved past the work").isEqualTo(2);
            assertThat(f.as(anna).participation().level(heat, alex).level()).isEqualTo(Level.PERIPHERAL);
        }
    }

    @Test
    void domainChangeReports_changeNoLevels() {
        FreshnessReport r = new FreshnessReport(java.time.Instant.EPOCH, List.of(), 0);
        assertThat(r.levelsChanged()).isZero();
        assertThatThrownBy(() -> new FreshnessReport(java.time.Instant.EPOCH, List.of(), 0, -1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("report.levelsChanged");
    }

    @Test
    void editAndRestore_acceptNotesUpTo1000Characters_keepingThemWholeInTheRevision_abbreviatedInTheActivity() {
        try (Fixture f = Fixture.create()) {
            MemberId anna = f.member("anna", ACME);
            CommunityId heat = f.community(anna, "Heat pumps");
            KnowledgeItem item = f.draft(anna, heat, Audience.community(), content("Pumps", "v1"));
            String note501 = "n".repeat(501);
            String note1000 = "r".repeat(1_000);

            item = f.as(anna).knowledge().edit(item.id(), item.version(), item.content().withBody("v2"), note501);
            item = f.as(anna).knowledge().restore(item.id(), item.version(), 1, note1000);

            List<Revision> revisions = f.as(anna).knowledge().revisions(item.id(), PageRequest.first()).items();
            assertThat(revisions).extracting(Revision::note).containsExactly("created", note501, note1000);
            Activity edited = edit(f, "2");
            Activity restored = activities(f, Verb.RESTORED).get(0);
            assertThat(edited.details().get("note")).hasSize(500).startsWith("nnn").endsWith("n...");
            assertThat(restored.details().get("note")).hasSize(500).endsWith("r...");
            assertThat(restored.details()).containsEntry("restored", "1");
            String exactly500 = "e".repeat(500);
            KnowledgeItem last = f.as(anna).knowledge().edit(item.id(), item.version(), item.content().withBody("v4"),
                    exactly500);
            assertThat(edit(f, "4").details()).containsEntry("note", exactly500);
            assertThatThrownBy(() -> f.as(anna).knowledge().edit(last.id(), last.version(),
                    last.content().withBody("v5"), "x".repeat(1_001))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("note");
        }
    }

    private static Activity edit(Fixture f, String revision) {
        return activities(f, Verb.EDITED).stream().filter(a -> revision.equals(a.details().get("revision")))
                .findFirst().orElseThrow();
    }

    @Test
    void aLongNoteOfSurrogatePairs_isNeverCutInsideAPair() {
        try (Fixture f = Fixture.create()) {
            MemberId anna = f.member("anna", ACME);
            CommunityId heat = f.community(anna, "Heat pumps");
            KnowledgeItem item = f.draft(anna, heat, Audience.community(), content("Pumps", "v1"));
            String pairs = "\uD83D\uDD25".repeat(300); // 600 chars

            f.as(anna).knowledge().edit(item.id(), item.version(), item.content().withBody("v2"), pairs);

            String shown = activities(f, Verb.EDITED).get(0).details().get("note");
            assertThat(shown).endsWith("...").hasSizeLessThanOrEqualTo(500);
            assertThat(Character.isHighSurrogate(shown.charAt(shown.length() - 4))).isFalse();
        }
    }

    /** Endorsements, value stories and participation ask the access rules, so hosts can replace them. */
    @Test
    void endorsementsValueStoriesAndParticipation_followCustomAccessRules() {
        AccessRules noStoriesNoEndorsements = (actor, request) -> switch (request.action()) {
            case ENDORSE_MEMBER, RECORD_VALUE_STORY, LIST_PARTICIPATION -> Decision.deny("not here: "
                    + request.action());
            default -> AccessRules.defaults().decide(actor, request);
        };
        try (Fixture f = Fixture.create(b -> b.accessRules(noStoriesNoEndorsements))) {
            MemberId anna = f.member("anna", ACME);
            MemberId alex = f.member("alex", ACME);
            CommunityId heat = f.community(anna, "Heat pumps");
            f.join(heat, alex);
            f.competency("heat-pumps");
            f.as(alex).members().updateProfile(alex, f.kit.system().members().get(alex).version(),
                    f.kit.system().members().get(alex).profile().withCompetences(
                            List.of(new Competence(CompetencyId.of("heat-pumps"), Proficiency.EXPERT))));
            StoreSnapshot before = f.snapshot();

            assertThatThrownBy(() -> f.as(anna).endorsements().endorse(alex, CompetencyId.of("heat-pumps")))
                    .isInstanceOf(AccessDeniedException.class).hasMessage("not here: " + Action.ENDORSE_MEMBER);
            assertThatThrownBy(() -> f.as(alex).valueStories().record(ValueStoryDraft.of(heat, ValueStoryContent.of(
                    ValueCycle.APPLIED, "Story", "It helped", Locale.ENGLISH)))).isInstanceOf(AccessDeniedException.class)
                    .hasMessage("not here: " + Action.RECORD_VALUE_STORY);
            assertThatThrownBy(() -> f.as(alex).participation().members(heat, Level.PERIPHERAL, PageRequest.first()))
                    .isInstanceOf(AccessDeniedException.class);
            assertThat(f.snapshot()).isEqualTo(before);
        }
    }

    @Test
    void endorsingAMemberOfAnotherOrganization_isAllowedThroughASharedCommunity_only() {
        try (Fixture f = Fixture.create()) {
            MemberId anna = f.member("anna", ACME);
            MemberId bob = f.member("bob", BETA);
            MemberId gina = f.member("gina", GAMMA);
            CommunityId heat = f.community(anna, "Heat pumps");
            CommunityId grids = f.community(gina, "Grids");
            f.join(heat, bob);
            f.join(grids, anna);
            f.competency("grids");
            for (MemberId m : List.of(bob, gina)) {
                f.as(m).members().updateProfile(m, f.kit.system().members().get(m).version(),
                        f.kit.system().members().get(m).profile().withCompetences(List.of(
                                new Competence(CompetencyId.of("grids"), Proficiency.EXPERT))));
            }
            MemberId carl = f.member("carl", BETA);

            assertThat(f.as(carl).endorsements().endorse(bob, CompetencyId.of("grids")).endorser()).isEqualTo(carl);
            assertThat(f.as(anna).endorsements().endorse(bob, CompetencyId.of("grids")).endorser()).isEqualTo(anna);
            assertThat(f.as(anna).endorsements().endorse(gina, CompetencyId.of("grids")).endorser()).isEqualTo(anna);
            assertThatThrownBy(() -> f.as(carl).endorsements().endorse(gina, CompetencyId.of("grids")))
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessage("carl may endorse only members of the same organisation or of a community in which "
                            + "both are active; gina is neither");
            assertThatThrownBy(() -> f.kit.system().endorsements().endorse(gina, CompetencyId.of("grids")))
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("system actor cannot endorse");
        }
    }
}
