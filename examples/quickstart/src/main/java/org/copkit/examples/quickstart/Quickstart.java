package org.copkit.examples.quickstart;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.copkit.CopKit;
import org.copkit.access.Audience;
import org.copkit.community.Community;
import org.copkit.community.CommunityDraft;
import org.copkit.community.MembershipPolicy;
import org.copkit.community.Practice;
import org.copkit.community.PracticeDraft;
import org.copkit.community.Role;
import org.copkit.domain.Competency;
import org.copkit.domain.CompetencyDraft;
import org.copkit.domain.Domain;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;
import org.copkit.search.SearchHit;
import org.copkit.search.SearchResult;

/**
 * Builds a small inter-organisational community of practice on in-memory backends and searches it.
 * Run with {@code mvn -q -pl examples/quickstart -am compile exec:java}.
 */
public final class Quickstart {
    private Quickstart() {}

    /** @param args ignored */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * Runs the walkthrough and prints what happens.
     *
     * @param out where to print
     * @return the search result the walkthrough ends with
     */
    public static SearchResult run(PrintStream out) {
        try (CopKit kit = CopKit.inMemory()) {
            // The host registers organisations and members (keyed by its own user ids).
            CopKit.As host = kit.system();
            OrganizationId province = OrganizationId.of("provincie-gelderland");
            OrganizationId city = OrganizationId.of("gemeente-arnhem");
            host.organizations().register(province, "Provincie Gelderland", "");
            host.organizations().register(city, "Gemeente Arnhem", "");
            MemberId anna = MemberId.of("anna");
            MemberId bram = MemberId.of("bram");
            host.members().register(anna, MemberProfile.of("Anna de Vries", province).withLanguages(
                    Locale.forLanguageTag("nl"), Locale.ENGLISH));
            host.members().register(bram, MemberProfile.of("Bram Jansen", city).withLanguages(
                    Locale.forLanguageTag("nl")));

            // Anna sets up the domain, its competencies and a community spanning both organisations.
            CopKit.As asAnna = kit.as(anna);
            Domain heat = asAnna.domains().create("Warmtetransitie", "Aardgasvrije wijken en warmtenetten");
            Competency heatPumps = asAnna.domains().addCompetency(heat.id(), CompetencyDraft.of(Map.of(
                    Locale.ENGLISH, "heat pumps", Locale.forLanguageTag("nl"), "warmtepompen")));
            Community community = asAnna.communities().create(CommunityDraft.of(heat.id(), "Warmte in de wijk",
                    "Gemeenten en provincie leren samen van aardgasvrije wijken")
                    .withPolicy(MembershipPolicy.OPEN).spanning(province, city));
            Practice subsidies = asAnna.practices().create(community.id(),
                    PracticeDraft.of("Subsidies", "Regelingen voor bewoners en corporaties").withStewards(anna));
            out.printf("Community '%s' spans %s%n", community.name(), community.organizations());

            // Bram joins and becomes a core member.
            CopKit.As asBram = kit.as(bram);
            asBram.communities().join(community.id());
            asAnna.communities().changeRole(community.id(), bram, Role.CORE);

            // Bram shares a lesson with the partners; Anna keeps an internal note for her province only.
            KnowledgeItem lesson = asBram.knowledge().create(ItemDraft.of(community.id(), ItemKind.LESSON_LEARNED,
                    new ItemContent("Warmtepompsubsidie: aanvragen vóór de installatie",
                            "Bewoners die de warmtepomp al lieten plaatsen, kregen geen subsidie meer. "
                                    + "Laat de aanvraag eerst indienen.",
                            java.util.Set.of("subsidie", "warmtepomp"), java.util.Set.of(heatPumps.id()),
                            Locale.forLanguageTag("nl")))
                    .inPractice(subsidies.id()).withAudience(Audience.partners(city, province)));
            lesson = asBram.knowledge().publish(lesson.id(), lesson.version());
            KnowledgeItem internal = asAnna.knowledge().create(ItemDraft.of(community.id(), ItemKind.DECISION,
                    ItemContent.of("Budget warmtepompsubsidie 2027", "Intern: het budget voor de warmtepomp subsidie wordt verdubbeld.",
                            Locale.forLanguageTag("nl"))).withAudience(Audience.organization(province)));
            asAnna.knowledge().publish(internal.id(), internal.version());
            out.printf("Published '%s' (review by %s)%n", lesson.title(), lesson.reviewBy().orElseThrow());

            // Search as Bram: he finds the shared lesson but never the province-only decision.
            SearchResult result = asBram.search().query("warmtepomp subsidie");
            out.printf("Bram searches 'warmtepomp subsidie': %d hit(s)%n", result.total());
            for (SearchHit hit : result.hits()) {
                out.printf("  %s%n    %s%n", hit.title(), hit.snippet());
            }
            out.printf("Anna finds %d hit(s) for the same words%n",
                    asAnna.search().query("warmtepomp subsidie").total());
            return result;
        }
    }
}
