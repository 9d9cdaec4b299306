package org.copkit.examples.quickstart;

import java.io.PrintStream;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
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
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationDraft;
import org.copkit.conversation.Post;
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
import org.copkit.session.AttendanceMode;
import org.copkit.session.Capacity;
import org.copkit.session.Rsvp;
import org.copkit.session.RsvpResponse;
import org.copkit.session.RsvpSummary;
import org.copkit.session.Session;
import org.copkit.session.SessionDraft;
import org.copkit.session.SessionFormat;
import org.copkit.session.SessionKind;

/**
 * Builds a small inter-organisational community of practice on in-memory backends: shares knowledge
 * with partners and keeps some to one organisation, searches it, answers a newcomer's question and
 * fills a site visit with a waitlist.
 * Run with {@code mvn -q -pl examples/quickstart -am test-compile exec:java}.
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

            // A newcomer asks; a peer from the other organisation answers; the asker accepts.
            MemberId carla = MemberId.of("carla");
            host.members().register(carla, MemberProfile.of("Carla Smit", city).withLanguages(
                    Locale.forLanguageTag("nl")));
            CopKit.As asCarla = kit.as(carla);
            asCarla.communities().join(community.id());
            Conversation question = asCarla.conversations().ask(ConversationDraft.of(community.id(),
                    ItemContent.of("Wanneer vraag ik warmtepompsubsidie aan?",
                            "Een bewoner wil een warmtepomp laten plaatsen. Moet de subsidie eerst?",
                            Locale.forLanguageTag("nl"))));
            Post answer = asAnna.conversations().answer(question.id(),
                    "Ja: de aanvraag moet binnen zijn vóór de installatie, anders vervalt de subsidie.");
            question = asCarla.conversations().accept(answer.id(), question.version());
            out.printf("Carla's question is %s; the answer by %s is accepted%n", question.status(), answer.author());

            // The next person with the same worry sees that it was already answered.
            List<SearchHit> answered = asBram.conversations().alreadyAnswered("Subsidie warmtepomp aanvragen",
                    "Wanneer moet de aanvraag binnen zijn?", 3);
            out.printf("Already answered? %s%n", answered.isEmpty() ? "no" : answered.get(0).title());

            // A site visit with one seat: Bram takes it, Carla waits, and moves up when Bram declines.
            ZonedDateTime start = ZonedDateTime.now(kit.clock()).plusDays(7).withHour(14).withMinute(0)
                    .withSecond(0).withNano(0).withZoneSameLocal(ZoneId.of("Europe/Amsterdam"));
            Session visit = asAnna.sessions().schedule(SessionDraft.of(community.id(), SessionKind.SITE_VISIT,
                    SessionFormat.IN_PERSON, "Bezoek warmtenet Arnhem-Noord", start, start.plusHours(2),
                    "Energieweg 1, Arnhem", null).withCapacity(Capacity.of(1, 0)));
            Rsvp bramSeat = asBram.sessions().rsvp(visit.id(), RsvpResponse.GOING, AttendanceMode.IN_PERSON);
            Rsvp carlaSeat = asCarla.sessions().rsvp(visit.id(), RsvpResponse.GOING, AttendanceMode.IN_PERSON);
            out.printf("Site visit '%s': Bram %s, Carla %s%n", visit.title(), bramSeat.placement().orElseThrow(),
                    carlaSeat.placement().orElseThrow());
            asBram.sessions().rsvp(visit.id(), RsvpResponse.DECLINED, AttendanceMode.IN_PERSON);
            RsvpSummary seats = asAnna.sessions().rsvps(visit.id());
            out.printf("Bram declines: %d confirmed, %d waitlisted; Carla is now %s%n", seats.confirmedInPerson(),
                    seats.waitlisted(), seats.rsvps().stream().filter(r -> r.member().equals(carla)).findFirst()
                            .flatMap(Rsvp::placement).orElseThrow());
            return result;
        }
    }
}
