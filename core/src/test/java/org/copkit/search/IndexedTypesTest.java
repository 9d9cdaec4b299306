package org.copkit.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.copkit.Fixture;
import org.copkit.ObjectType;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;
import org.copkit.domain.Competency;
import org.copkit.domain.CompetencyDraft;
import org.copkit.member.Competence;
import org.copkit.member.MemberId;
import org.copkit.member.Proficiency;
import org.copkit.session.Session;
import org.copkit.session.SessionDraft;
import org.copkit.session.SessionFormat;
import org.copkit.session.SessionKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sessions and member expertise profiles are searchable, within the visibility rule. */
class IndexedTypesTest {
    private final Fixture f = Fixture.create();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void sessions_areFoundByTitle_andOrganisationOnlySessionsStayWithTheirOrganisation() {
        MemberId anna = f.member("anna", Fixture.ACME);
        MemberId bert = f.member("bert", Fixture.BETA);
        CommunityId c = f.community(anna, "Heat");
        f.as(bert).communities().join(c);
        ZonedDateTime start = ZonedDateTime.of(2026, 6, 1, 14, 0, 0, 0, ZoneId.of("Europe/Amsterdam"));
        Session open = f.as(anna).sessions().schedule(SessionDraft.of(c, SessionKind.WORKSHOP, SessionFormat.IN_PERSON,
                "Heatpump workshop", start, start.plusHours(2), "Town hall", null));
        f.as(anna).sessions().schedule(SessionDraft.of(c, SessionKind.MEETUP, SessionFormat.IN_PERSON,
                "Heatpump budget meeting", start, start.plusHours(1), "Office", null)
                .withAudience(Audience.organization(Fixture.ACME)));

        SearchResult forBert = f.as(bert).search().query(SearchQuery.of("heatpump").withTypes(ObjectType.SESSION));
        SearchResult forAnna = f.as(anna).search().query(SearchQuery.of("heatpump").withTypes(ObjectType.SESSION));

        assertThat(forBert.hits()).extracting(h -> h.ref().id()).containsExactly(open.id().value());
        assertThat(forBert.facets().get(Facet.TYPE)).containsEntry("SESSION", 1L);
        assertThat(forAnna.total()).isEqualTo(2);
    }

    @Test
    void memberProfiles_areFoundByCompetency_acrossOrganisationsOnlyWhenOptedIn() {
        MemberId anna = f.member("anna", Fixture.ACME);
        MemberId bert = f.member("bert", Fixture.BETA);
        MemberId cleo = f.member("cleo", Fixture.BETA);
        Competency pumps = f.kit.system().domains().addCompetency(f.domain,
                CompetencyDraft.of(Map.of(Locale.ENGLISH, "heat pumps", Locale.forLanguageTag("nl"), "warmtepompen")));
        var bertNow = f.kit.system().members().get(bert);
        f.as(bert).members().updateProfile(bert, bertNow.version(), bertNow.profile()
                .withCompetences(List.of(new Competence(pumps.id(), Proficiency.EXPERT))).withFindableAsExpert(true));
        var cleoNow = f.kit.system().members().get(cleo);
        f.as(cleo).members().updateProfile(cleo, cleoNow.version(), cleoNow.profile()
                .withCompetences(List.of(new Competence(pumps.id(), Proficiency.EXPERT))));

        SearchResult forAnna = f.as(anna).search().query(SearchQuery.of("warmtepompen").withTypes(ObjectType.MEMBER));
        SearchResult forColleague = f.as(bert).search()
                .query(SearchQuery.of("warmtepompen").withTypes(ObjectType.MEMBER));

        assertThat(forAnna.hits()).extracting(h -> h.ref().id()).containsExactly("bert");
        assertThat(forColleague.hits()).extracting(h -> h.ref().id()).containsExactlyInAnyOrder("bert", "cleo");
    }

    @Test
    void aMemberWithAVeryLongCompetencyLabel_isIndexed_andLaterChangesKeepBeingIndexed() {
        MemberId anna = f.member("anna", Fixture.ACME);
        String label = "installeren van verwarmings-, ventilatie- en airconditioningsapparatuur";
        Competency hvac = f.kit.system().domains().addCompetency(f.domain,
                CompetencyDraft.of(Map.of(Locale.forLanguageTag("nl"), label)));
        var now = f.kit.system().members().get(anna);
        f.as(anna).members().updateProfile(anna, now.version(), now.profile()
                .withCompetences(List.of(new Competence(hvac.id(), Proficiency.EXPERT))));
        CommunityId c = f.community(anna, "Installers");
        ZonedDateTime start = ZonedDateTime.of(2026, 6, 1, 14, 0, 0, 0, ZoneId.of("Europe/Amsterdam"));
        f.as(anna).sessions().schedule(SessionDraft.of(c, SessionKind.WORKSHOP, SessionFormat.IN_PERSON,
                "Ventilation workshop", start, start.plusHours(2), "Hall", null));

        assertThat(f.as(anna).search().query(SearchQuery.of("airconditioningsapparatuur")
                .withTypes(ObjectType.MEMBER)).total()).isEqualTo(1);
        assertThat(f.as(anna).search().query(SearchQuery.of("ventilation").withTypes(ObjectType.SESSION)).total())
                .isEqualTo(1);
    }
}
