package org.copkit.expertise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.EN;
import static org.copkit.Fixture.content;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.copkit.Fixture;
import org.copkit.InvalidInputException;
import org.copkit.NotFoundException;
import org.copkit.StoreSnapshot;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationDraft;
import org.copkit.conversation.Post;
import org.copkit.domain.CompetencyDraft;
import org.copkit.domain.CompetencyId;
import org.copkit.member.Competence;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;
import org.copkit.member.Proficiency;
import org.copkit.session.SessionDraft;
import org.copkit.session.SessionFormat;
import org.copkit.session.SessionKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExpertServiceTest {
    private static final CompetencyId HEAT_PUMPS = CompetencyId.of("heat-pumps");
    private static final CompetencyId AIR_SOURCE = CompetencyId.of("air-source");

    private Fixture f;
    private MemberId ann;
    private CommunityId heat;

    @BeforeEach
    void setUp() {
        f = Fixture.create();
        f.kit.system().domains().addCompetency(f.domain, CompetencyDraft.of(Map.of(EN, "Heat pumps",
                Locale.forLanguageTag("nl"), "Warmtepompen")).withId(HEAT_PUMPS));
        f.kit.system().domains().addCompetency(f.domain, CompetencyDraft.of(Map.of(EN, "Air source"))
                .withId(AIR_SOURCE).under(HEAT_PUMPS));
        ann = f.member("ann", ACME);
        heat = f.community(ann, "Heat");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private MemberId member(String id, OrganizationId org, boolean findable, Competence... competences) {
        MemberId m = MemberId.of(id);
        f.kit.system().members().register(m, MemberProfile.of(id.substring(0, 1).toUpperCase(Locale.ROOT)
                + id.substring(1), org).withCompetences(List.of(competences)).withFindableAsExpert(findable));
        return m;
    }

    private void acceptedAnswers(MemberId answerer, int n, Audience audience, CompetencyId competency) {
        for (int i = 0; i < n; i++) {
            Conversation q = f.as(ann).conversations().ask(ConversationDraft.of(heat, content("Question " + i
                    + " by " + answerer, "How?").withCompetencies(competency)).withAudience(audience));
            Post a = f.as(answerer).conversations().answer(q.id(), "Like this");
            f.as(ann).conversations().accept(a.id(), f.as(ann).conversations().get(q.id()).version());
        }
    }

    @Test
    void ranksDemonstratedContributions_aboveDeclaredLevel_andCountsNarrowerCompetencies() {
        MemberId bob = member("bob", ACME, false, new Competence(HEAT_PUMPS, Proficiency.EXPERT));
        MemberId erin = member("erin", ACME, false);
        MemberId carl = member("carl", BETA, true, new Competence(AIR_SOURCE, Proficiency.EXPERIENCED));
        f.join(heat, bob, erin, carl);
        acceptedAnswers(erin, 3, Audience.community(), HEAT_PUMPS);

        List<ExpertSuggestion> found = f.as(ann).experts().find(HEAT_PUMPS, 10);

        assertThat(found).extracting(ExpertSuggestion::member).containsExactly(erin, bob, carl);
        assertThat(found.get(0).explanation()).isEqualTo("3 accepted answers on Heat pumps");
        assertThat(found.get(0).evidence().contributions()).hasSize(3);
        assertThat(found.get(1).explanation()).isEqualTo("declared EXPERT");
        assertThat(found.get(2).evidence().declared()).contains(Proficiency.EXPERIENCED);
        // the narrower competency alone does not make bob relevant for it
        assertThat(f.as(ann).experts().find(AIR_SOURCE, 10)).extracting(ExpertSuggestion::member)
                .containsExactly(carl);
    }

    @Test
    void endorsementsFromOtherMembers_count_butNotWithdrawnOnes() {
        MemberId bob = member("bob", ACME, false, new Competence(HEAT_PUMPS, Proficiency.PRACTITIONER));
        MemberId cleo = member("cleo", ACME, false, new Competence(HEAT_PUMPS, Proficiency.PRACTITIONER));
        MemberId dan = member("dan", ACME, false);
        f.as(ann).endorsements().endorse(bob, HEAT_PUMPS);
        f.as(dan).endorsements().endorse(bob, HEAT_PUMPS);
        var withdrawn = f.as(dan).endorsements().endorse(cleo, HEAT_PUMPS);
        f.as(dan).endorsements().withdraw(withdrawn.id(), withdrawn.version());

        List<ExpertSuggestion> found = f.as(dan).experts().find(HEAT_PUMPS, 10);

        assertThat(found).extracting(ExpertSuggestion::member).containsExactly(bob, cleo);
        assertThat(found.get(0).evidence().endorsements()).isEqualTo(2);
        assertThat(found.get(0).explanation()).isEqualTo("endorsed by 2 members, declared PRACTITIONER");
        assertThat(found.get(1).evidence().endorsements()).isZero();
    }

    @Test
    void otherOrganisations_onlyWhenOptedIn_ownOrganisationAlways_neverTheViewer() {
        member("bob", ACME, false, new Competence(HEAT_PUMPS, Proficiency.EXPERT));
        member("carl", BETA, true, new Competence(HEAT_PUMPS, Proficiency.EXPERT));
        member("dave", BETA, false, new Competence(HEAT_PUMPS, Proficiency.EXPERT));
        f.kit.system().members().updateProfile(ann, 1, MemberProfile.of("Ann", ACME)
                .withCompetences(List.of(new Competence(HEAT_PUMPS, Proficiency.EXPERT))));

        assertThat(f.as(ann).experts().find(HEAT_PUMPS, 10)).extracting(s -> s.member().value())
                .containsExactly("bob", "carl");
        MemberId eve = member("eve", BETA, false);
        assertThat(f.as(eve).experts().find(HEAT_PUMPS, 10)).extracting(s -> s.member().value())
                .containsExactly("carl", "dave");
    }

    @Test
    void explanations_neverCountWhatTheViewerMayNotSee() {
        MemberId carl = member("carl", BETA, true);
        MemberId bea = member("bea", BETA, false);
        f.join(heat, carl, bea);
        acceptedAnswers(carl, 1, Audience.community(), HEAT_PUMPS);
        // a BETA-only question answered by carl and a BETA-only item of carl's, on heat pumps
        Conversation secret = f.as(bea).conversations().ask(ConversationDraft.of(heat, content("Beta question",
                "?").withCompetencies(HEAT_PUMPS)).withAudience(Audience.organization(BETA)));
        Post a = f.as(carl).conversations().answer(secret.id(), "Internal answer");
        f.as(bea).conversations().accept(a.id(), f.as(bea).conversations().get(secret.id()).version());
        f.published(carl, heat, Audience.organization(BETA), content("Beta-only guide", "body")
                .withCompetencies(HEAT_PUMPS));
        MemberId dan = member("dan", ACME, false);
        f.join(heat, dan);

        ExpertSuggestion forDan = f.as(dan).experts().find(HEAT_PUMPS, 10).get(0);
        ExpertSuggestion forBea = f.as(bea).experts().find(HEAT_PUMPS, 10).get(0);

        assertThat(forDan.member()).isEqualTo(carl);
        assertThat(forDan.evidence().acceptedAnswers()).isEqualTo(1);
        assertThat(forDan.evidence().publishedItems()).isZero();
        assertThat(forDan.explanation()).isEqualTo("1 accepted answer on Heat pumps");
        assertThat(forBea.evidence().acceptedAnswers()).isEqualTo(2);
        assertThat(forBea.evidence().publishedItems()).isEqualTo(1);
        // a member outside the community sees none of carl's community-only work: no suggestion at all
        MemberId out = member("out", ACME, false);
        assertThat(f.as(out).experts().find(HEAT_PUMPS, 10)).isEmpty();
        assertThat(f.as(out).experts().find("Heat", 10)).isEmpty();
    }

    @Test
    void hostedSessions_inTheDomainsCommunities_count_onceStarted() {
        MemberId bob = member("bob", ACME, false);
        f.join(heat, bob);
        var start = f.clock.instant().plus(Duration.ofHours(1));
        f.as(bob).sessions().schedule(SessionDraft.of(heat, SessionKind.MEETUP, SessionFormat.ONLINE, "Meetup",
                start.atZone(ZoneOffset.UTC), start.plus(Duration.ofHours(1)).atZone(ZoneOffset.UTC), null,
                URI.create("https://meet.example/1")));
        assertThat(f.as(ann).experts().find(HEAT_PUMPS, 10)).isEmpty();
        f.clock.advance(Duration.ofHours(2));

        assertThat(f.as(ann).experts().find(HEAT_PUMPS, 10)).singleElement().satisfies(s -> {
            assertThat(s.member()).isEqualTo(bob);
            assertThat(s.explanation()).isEqualTo("hosted 1 session");
        });
    }

    @Test
    void freeText_matchesCompetencyLabelsInAnyLanguage_andContentFoundBySearch() {
        MemberId bob = member("bob", ACME, false, new Competence(AIR_SOURCE, Proficiency.EXPERT));
        MemberId cleo = member("cleo", ACME, false);
        f.join(heat, cleo);
        f.published(cleo, heat, Audience.community(), content("Isolatie van spouwmuren", "Cavity wall insulation"));

        assertThat(f.as(ann).experts().find("warmtepomp", 10)).extracting(ExpertSuggestion::member)
                .containsExactly(bob);
        List<ExpertSuggestion> insulation = f.as(ann).experts().find("isolatie", 10);
        assertThat(insulation).extracting(ExpertSuggestion::member).containsExactly(cleo);
        assertThat(insulation.get(0).explanation()).isEqualTo("1 published item on isolatie");
    }

    @Test
    void customRules_replaceTheScoring() {
        Fixture g = Fixture.create(b -> b.expertRules(e -> e.endorsements()));
        try {
            g.kit.system().domains().addCompetency(g.domain, CompetencyDraft.of(Map.of(EN, "Heat pumps"))
                    .withId(HEAT_PUMPS));
            MemberId x = g.member("xena", ACME);
            MemberId y = MemberId.of("yuri");
            g.kit.system().members().register(y, MemberProfile.of("Yuri", ACME)
                    .withCompetences(List.of(new Competence(HEAT_PUMPS, Proficiency.EXPERT))));
            MemberId z = g.member("zora", ACME);
            assertThat(g.as(x).experts().find(HEAT_PUMPS, 5)).isEmpty();
            g.as(z).endorsements().endorse(y, HEAT_PUMPS);
            assertThat(g.as(x).experts().find(HEAT_PUMPS, 5)).singleElement()
                    .satisfies(s -> assertThat(s.score()).isEqualTo(1.0));
        } finally {
            g.close();
        }
    }

    @Test
    void rejectedCalls_nameTheProblem_andChangeNothing() {
        StoreSnapshot before = f.snapshot();
        assertThatThrownBy(() -> f.as(ann).experts().find(CompetencyId.of("nope"), 5))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> f.as(ann).experts().find(HEAT_PUMPS, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> f.as(ann).experts().find(HEAT_PUMPS, 51)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> f.as(ann).experts().find("  ", 5)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("text");
        assertThatThrownBy(() -> f.as(ann).experts().find("x".repeat(201), 5))
                .isInstanceOf(InvalidInputException.class);
        assertThat(f.snapshot()).isEqualTo(before);
    }
}
