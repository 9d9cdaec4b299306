package org.copkit.examples.portal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.copkit.CopKit;
import org.copkit.PageRequest;
import org.copkit.access.Audience;
import org.copkit.access.AudienceLevel;
import org.copkit.community.Community;
import org.copkit.community.CommunityDraft;
import org.copkit.community.MembershipPolicy;
import org.copkit.community.Practice;
import org.copkit.community.PracticeDraft;
import org.copkit.community.Role;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationDraft;
import org.copkit.conversation.Post;
import org.copkit.conversation.VoteValue;
import org.copkit.domain.Competency;
import org.copkit.domain.CompetencyDraft;
import org.copkit.domain.CompetencyId;
import org.copkit.domain.Domain;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.Competence;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;
import org.copkit.member.Proficiency;
import org.copkit.onboarding.LearningPathContent;
import org.copkit.onboarding.LearningPathDraft;
import org.copkit.onboarding.LearningStep;
import org.copkit.session.AttendanceMode;
import org.copkit.session.Capacity;
import org.copkit.session.RsvpResponse;
import org.copkit.session.Session;
import org.copkit.session.SessionDraft;
import org.copkit.session.SessionFormat;
import org.copkit.session.SessionKind;
import org.copkit.subscription.NotificationFrequency;

/**
 * Loads the demo: four organisations working on the heat transition in one Dutch community, an internal
 * English engineering community, ESCO competencies, a year of history (items, questions, sessions with
 * notes and captured knowledge), upcoming sessions (one full, with a waitlist), a learning path and stale
 * items awaiting review. History is played on a {@link DemoClock} at instants relative to now.
 */
public final class DemoData {
    static final Locale NL = Locale.forLanguageTag("nl");
    static final Locale EN = Locale.ENGLISH;
    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    /** The province. */
    public static final OrganizationId PROVINCE = OrganizationId.of("provincie-gelderland");
    /** The first municipality. */
    public static final OrganizationId ARNHEM = OrganizationId.of("gemeente-arnhem");
    /** The second municipality. */
    public static final OrganizationId NIJMEGEN = OrganizationId.of("gemeente-nijmegen");
    /** The grid operator. */
    public static final OrganizationId GRID = OrganizationId.of("netbeheer-oost");

    /** The title of the full session with a waitlist. */
    public static final String FULL_SESSION = "Bezoek warmtenet Arnhem-Noord";
    /** The title of the item whose body holds a script tag. */
    public static final String SCRIPT_ITEM = "Checklist bewonersavond (uit de oude wiki)";

    private final CopKit kit;
    private final DemoClock clock;
    private final Instant now;
    private final Map<String, CompetencyId> competencies = new HashMap<>();

    private DemoData(CopKit kit, DemoClock clock) {
        this.kit = kit;
        this.clock = clock;
        this.now = clock.realNow().truncatedTo(ChronoUnit.MINUTES);
    }

    /**
     * Loads the demo into an empty kit; does nothing when organisations exist already.
     *
     * @param kit the kit; never null
     * @param clock the kit's clock; its offset is zero again afterwards
     * @return true if the demo was loaded
     */
    public static boolean loadIfEmpty(CopKit kit, DemoClock clock) {
        if (!kit.system().organizations().list(PageRequest.first(1)).items().isEmpty()) {
            return false;
        }
        try {
            new DemoData(kit, clock).load();
        } finally {
            clock.shift(Duration.ZERO);
        }
        return true;
    }

    /** Sets the clock to {@code beforeNow} before the demo's "now". */
    private void at(Duration beforeNow) {
        clock.shift(Duration.between(clock.realNow(), now.minus(beforeNow)));
    }

    private static Duration days(long d) {
        return Duration.ofDays(d);
    }

    private CopKit.As as(String member) {
        return kit.as(MemberId.of(member));
    }

    private static ItemContent nl(String title, String body, String... tags) {
        return ItemContent.of(title, body, NL).withTags(tags);
    }

    private static ItemContent en(String title, String body, String... tags) {
        return ItemContent.of(title, body, EN).withTags(tags);
    }

    private KnowledgeItem publish(String author, ItemDraft draft) {
        KnowledgeItem item = as(author).knowledge().create(draft);
        return as(author).knowledge().publish(item.id(), item.version());
    }

    private ZonedDateTime local(Duration beforeNow, int hour) {
        return now.minus(beforeNow).atZone(AMSTERDAM).withHour(hour).withMinute(0).withSecond(0).withNano(0);
    }

    private ZonedDateTime future(int daysAhead, int hour) {
        return now.plus(days(daysAhead)).atZone(AMSTERDAM).withHour(hour).withMinute(0).withSecond(0).withNano(0);
    }

    private void load() {
        at(days(400));
        CopKit.As host = kit.system();
        host.organizations().register(PROVINCE, "Provincie Gelderland", "Provinciaal programma warmtetransitie");
        host.organizations().register(ARNHEM, "Gemeente Arnhem", "Team aardgasvrije wijken");
        host.organizations().register(NIJMEGEN, "Gemeente Nijmegen", "Team energie en klimaat");
        host.organizations().register(GRID, "Netbeheer Oost", "Regionale netbeheerder voor elektriciteit en gas");

        member("anna", "Anna de Vries", PROVINCE, "Arnhem", List.of(NL, EN));
        member("femke", "Femke de Boer", PROVINCE, "Arnhem", List.of(NL));
        member("bram", "Bram Jansen", ARNHEM, "Arnhem", List.of(NL));
        member("emma", "Emma Visser", ARNHEM, "Arnhem", List.of(NL, EN));
        member("gijs", "Gijs Mulder", NIJMEGEN, "Nijmegen", List.of(NL));
        member("carla", "Carla Smit", NIJMEGEN, "Nijmegen", List.of(NL));
        member("daan", "Daan Bakker", GRID, "Duiven", List.of(NL, EN));
        member("sam", "Sam Taylor", GRID, "Duiven", List.of(EN));
        member("priya", "Priya Sharma", GRID, "Duiven", List.of(EN));
        member("lucas", "Lucas Meijer", GRID, "Duiven", List.of(EN, NL));

        // Domains with ESCO competencies (labels in Dutch and English)
        Domain heat = as("anna").domains().create("Warmtetransitie",
                "Aardgasvrije wijken, warmtenetten, warmtepompen en de netcapaciteit die ze nodig hebben");
        importEsco("heat", heat, "anna");
        Domain engineering = as("sam").domains().create("Grid software engineering",
                "Building and running the software behind the grid: outage map, metering, planning tools");
        importEsco("engineering", engineering, "sam");

        String energy = "0713";
        String hvac = "0712"; // environmental protection technology (heat pumps, insulation)
        String gridOps = "8bf9699c-f964-4e4b-ac3d-55aface09cbc";
        String environment = "062a9fde-cd91-44f9-9a2f-9e2bc3b281fd";
        String contracts = "0d80a782-99ff-4f49-abbe-c72524c6f390";
        String projects = "190f64e1-b7b6-4c53-b20b-80f9215ef6ca";
        String softwareDev = "0613";
        String programming = "a8c3186b-c791-4d57-8f4f-4d12c7a5c6a7";
        String databases = "0612";
        String evaluating = "f2cf57fe-d4cb-4b4a-831d-73171cc73909";
        String privacy = "2b6e15f5-dfa0-4e7c-9687-5665b07e56a4";
        profile("anna", List.of(c(contracts, Proficiency.EXPERT), c(projects, Proficiency.EXPERIENCED)), Set.of(), true);
        profile("femke", List.of(c(environment, Proficiency.EXPERIENCED)), Set.of(hvac), false);
        profile("bram", List.of(c(hvac, Proficiency.EXPERT), c(environment, Proficiency.PRACTITIONER)), Set.of(), true);
        profile("emma", List.of(c(projects, Proficiency.PRACTITIONER)), Set.of(contracts), true);
        profile("gijs", List.of(c(environment, Proficiency.PRACTITIONER)), Set.of(gridOps), false);
        profile("carla", List.of(c(projects, Proficiency.AWARE)), Set.of(hvac, energy), false);
        profile("daan", List.of(c(gridOps, Proficiency.EXPERT), c(energy, Proficiency.EXPERIENCED)), Set.of(), true);
        profile("sam", List.of(c(programming, Proficiency.EXPERT), c(evaluating, Proficiency.EXPERIENCED)), Set.of(), false);
        profile("priya", List.of(c(databases, Proficiency.EXPERT), c(privacy, Proficiency.EXPERIENCED)), Set.of(), false);
        profile("lucas", List.of(c(programming, Proficiency.PRACTITIONER)), Set.of(databases, softwareDev), false);

        // The inter-organisational heat community
        Community warmte = as("anna").communities().create(CommunityDraft.of(heat.id(), "Warmte in de wijk",
                "Provincie, gemeenten en netbeheerder leren samen hoe wijken van het aardgas af gaan.")
                .withPolicy(MembershipPolicy.OPEN).spanning(PROVINCE, ARNHEM, NIJMEGEN, GRID)
                .withDefaultAudience(AudienceLevel.COMMUNITY));
        for (String m : List.of("femke", "bram", "emma", "gijs", "daan")) {
            as(m).communities().join(warmte.id());
        }
        as("anna").communities().changeRole(warmte.id(), MemberId.of("bram"), Role.CORE);
        as("anna").communities().changeRole(warmte.id(), MemberId.of("daan"), Role.CORE);
        Practice subsidies = as("anna").practices().create(warmte.id(), PracticeDraft.of("Subsidies en financiering",
                "Regelingen voor bewoners, corporaties en VvE's").withStewards(MemberId.of("anna"), MemberId.of("bram")));
        Practice netten = as("anna").practices().create(warmte.id(), PracticeDraft.of("Warmtenetten en netcapaciteit",
                "Tracés, aansluitcapaciteit en afstemming met de netbeheerder").withStewards(MemberId.of("daan"))
                .reviewedEvery(Period.ofMonths(6)));

        // The internal English engineering community of the grid operator
        Community eng = as("sam").communities().create(CommunityDraft.of(engineering.id(), "Grid Software Guild",
                "Engineers of Netbeheer Oost sharing how we build, test and run our software.")
                .withPolicy(MembershipPolicy.OPEN).spanning(GRID).withDefaultAudience(AudienceLevel.COMMUNITY));
        for (String m : List.of("priya", "lucas", "daan")) {
            as(m).communities().join(eng.id());
        }
        as("sam").communities().changeRole(eng.id(), MemberId.of("priya"), Role.CORE);

        // A year ago: items that are stale by now (articles and tools get a review date within a year)
        KnowledgeItem rekentool = publish("femke", ItemDraft.of(warmte.id(), ItemKind.TOOL, nl(
                "Rekentool warmtekosten per woning",
                "Met deze rekentool vergelijk je de maandlasten van een woning op **aardgas**, een "
                        + "**hybride warmtepomp** en een **warmtenet**.\n\n"
                        + "1. Vul het bouwjaar en het energielabel in.\n2. Kies de tarieven van dit jaar.\n"
                        + "3. Lees de terugverdientijd af.\n\n> Let op: de tarieven in de tool zijn van vorig jaar.",
                "rekentool", "warmtepomp", "warmtenet").withCompetencies(competencies.get(energy)))
                .withAudience(Audience.partners(PROVINCE, ARNHEM, NIJMEGEN, GRID)));
        KnowledgeItem stappenplan = publish("daan", ItemDraft.of(warmte.id(), ItemKind.ARTICLE, nl(
                "Stappenplan warmtenet voor een wijk",
                "## Van idee tot aansluiting\n\n"
                        + "1. **Verkenning** – warmtebronnen en vraag in kaart brengen.\n"
                        + "2. **Netcapaciteit** – vraag vroeg bij de netbeheerder de aansluitcapaciteit op.\n"
                        + "3. **Participatie** – bewonersavonden, minstens 70% instemming.\n"
                        + "4. **Aanbesteding** – tracé en warmtebedrijf kiezen.\n\n"
                        + "Zie ook de [Warmtewet](https://wetten.overheid.nl/).",
                "warmtenet", "netcapaciteit", "participatie").withCompetencies(competencies.get(gridOps)))
                .inPractice(netten.id()));
        publish("sam", ItemDraft.of(eng.id(), ItemKind.BEST_PRACTICE, en("Code review checklist",
                "Before approving a merge request:\n\n- tests cover the change\n- migrations are reversible\n"
                        + "- no secrets in the diff\n- the outage map still loads under 2 seconds",
                "code-review", "testing").withCompetencies(competencies.get(programming))));
        publish("priya", ItemDraft.of(eng.id(), ItemKind.ARTICLE, en("Blue-green deployments for the outage map",
                "We run two production stacks and switch the load balancer once the new one passes its smoke "
                        + "tests. Rolling back is switching back.\n\n```bash\n./switch --to green\n```",
                "deployment", "outage-map").withCompetencies(competencies.get(softwareDev))));

        // The engineering community's history
        at(days(300));
        Conversation rollback = as("lucas").conversations().ask(ConversationDraft.of(eng.id(), en(
                "How do we roll back a failed database migration?",
                "A migration failed halfway in acceptance. Do we restore a backup or write a down migration?",
                "database", "migrations")));
        Post rollbackAnswer = as("priya").conversations().answer(rollback.id(),
                "Never edit an applied migration. Write a new forward migration that undoes the change, and keep "
                        + "the backup for real disasters. Our runbook has the exact steps.");
        as("lucas").conversations().accept(rollbackAnswer.id(), rollback.version());
        as("sam").conversations().vote(rollbackAnswer.id(), VoteValue.UP);

        // Half a year ago: questions and answers in the heat community
        at(days(200));
        Conversation wanneer = as("emma").conversations().ask(ConversationDraft.of(warmte.id(), nl(
                "Wanneer moet de warmtepompsubsidie aangevraagd worden?",
                "Een bewoner wil een hybride warmtepomp laten plaatsen. Moet de subsidieaanvraag vóór de "
                        + "installatie binnen zijn, of mag het achteraf?", "subsidie", "warmtepomp")));
        Post wanneerAnswer = as("bram").conversations().answer(wanneer.id(),
                "Achteraf mag sinds dit jaar weer, maar binnen **12 maanden** na installatie. Bewaar de factuur en "
                        + "het installatiecertificaat; zonder die twee wordt de aanvraag afgewezen.");
        as("anna").conversations().answer(wanneer.id(), "Voor VvE's geldt een aparte regeling: zie de practice Subsidies.");
        as("emma").conversations().accept(wanneerAnswer.id(), wanneer.version());
        as("gijs").conversations().vote(wanneerAnswer.id(), VoteValue.UP);
        as("daan").conversations().vote(wanneer.id(), VoteValue.UP);

        Conversation capaciteit = as("gijs").conversations().ask(ConversationDraft.of(warmte.id(), nl(
                "Hoe bepaal je de aansluitcapaciteit voor een nieuw warmtenet?",
                "Wij plannen een warmtenet met een centrale warmtepomp in Nijmegen-West. Welke gegevens heeft de "
                        + "netbeheerder nodig om de capaciteit te beoordelen?", "netcapaciteit", "warmtenet")));
        Post capaciteitAnswer = as("daan").conversations().answer(capaciteit.id(),
                "Stuur ons het **piekvermogen** van de warmtepomp, het gewenste aansluitmoment en de locatie van "
                        + "het onderstation. Reken op 12 tot 18 maanden bij een grootverbruikaansluiting.");
        as("gijs").conversations().accept(capaciteitAnswer.id(), capaciteit.version());
        as("bram").conversations().vote(capaciteitAnswer.id(), VoteValue.UP);

        // Organisation-only and partner-shared knowledge
        at(days(120));
        KnowledgeItem lesson = publish("bram", ItemDraft.of(warmte.id(), ItemKind.LESSON_LEARNED, nl(
                "Warmtepompsubsidie: bewaar factuur en installatiecertificaat",
                "In Arnhem-Zuid werden 14 aanvragen afgewezen omdat het **installatiecertificaat** ontbrak. "
                        + "Geef bewoners vooraf een checklist mee.", "subsidie", "warmtepomp")
                .withCompetencies(competencies.get(hvac))).inPractice(subsidies.id())
                .withAudience(Audience.partners(ARNHEM, PROVINCE, NIJMEGEN)));
        publish("anna", ItemDraft.of(warmte.id(), ItemKind.DECISION, nl("Budget warmtepompsubsidie 2027 (intern)",
                "Intern besluit: het provinciale budget voor de warmtepompsubsidie wordt verdubbeld. "
                        + "Niet delen vóór de Statenbrief.", "subsidie", "budget"))
                .inPractice(subsidies.id()).withAudience(Audience.organization(PROVINCE)));
        publish("daan", ItemDraft.of(warmte.id(), ItemKind.CASE, nl("Netcongestie Arnhem-Zuid: interne prognose",
                "Interne prognose van Netbeheer Oost: het onderstation Arnhem-Zuid zit vanaf 2028 vol. "
                        + "Alleen voor medewerkers van de netbeheerder.", "netcapaciteit", "netcongestie"))
                .inPractice(netten.id()).withAudience(Audience.organization(GRID)));
        publish("emma", ItemDraft.of(warmte.id(), ItemKind.TEMPLATE, nl(SCRIPT_ITEM,
                "Overgenomen uit de oude wiki, inclusief een script dat daar de teller bijhield:\n\n"
                        + "<script>document.title = 'script ran'; window.scriptRan = true;</script>\n\n"
                        + "- Zaal en koffie geregeld\n- Netbeheerder uitgenodigd\n"
                        + "- <a href=\"javascript:window.scriptRan = true\" onclick=\"window.scriptRan = true\">Rekentool</a> op de laptop\n"
                        + "- Presentielijst", "participatie", "bewonersavond")));

        // A past session with notes and captured knowledge
        at(days(45));
        ZonedDateTime pastStart = local(days(30), 14);
        Session intervisie = as("anna").sessions().schedule(SessionDraft.of(warmte.id(), SessionKind.PEER_CONSULTATION,
                SessionFormat.IN_PERSON, "Intervisie: weerstand bij bewonersavonden", pastStart, pastStart.plusHours(2),
                "Provinciehuis, Markt 11, Arnhem", null).withAgenda("Casus Nijmegen-West, daarna Arnhem-Zuid.")
                .withCapacity(Capacity.of(12, 0)));
        for (String m : List.of("bram", "emma", "gijs", "daan")) {
            as(m).sessions().rsvp(intervisie.id(), RsvpResponse.GOING, AttendanceMode.IN_PERSON);
        }
        at(Duration.between(pastStart.toInstant(), now).minusHours(1));
        for (String m : List.of("bram", "emma", "gijs", "daan")) {
            as("anna").sessions().checkIn(intervisie.id(), MemberId.of(m));
        }
        at(Duration.between(pastStart.toInstant(), now).minusHours(3));
        Session held = as("anna").sessions().get(intervisie.id());
        as("anna").sessions().recordNotes(held.id(), held.version(),
                "Weerstand komt vooral door onzekerheid over de kosten. Afspraak: de rekentool vóór de avond "
                        + "bijwerken en de netbeheerder laten vertellen over de planning.");
        KnowledgeItem captured = as("anna").sessions().captureOutcome(held.id(), ItemDraft.of(warmte.id(), ItemKind.LESSON_LEARNED, nl(
                "Begin een bewonersavond met de kosten, niet met de techniek",
                "Uit de intervisie: bewoners haken af als de maandlasten pas aan het eind aan bod komen. Open met "
                        + "de rekentool en een voorbeeldwoning uit de wijk.", "participatie", "bewonersavond")));
        as("anna").knowledge().publish(captured.id(), captured.version());

        // A newcomer joins; the coordinator curates a learning path
        at(days(20));
        as("carla").communities().join(warmte.id());
        as("anna").onboarding().create(LearningPathDraft.of(warmte.id(), LearningPathContent.of(
                "Welkom in Warmte in de wijk", "Je eerste weken: lees de basis, kom naar een sessie en stel je vraag.",
                LearningStep.read("Lees het stappenplan warmtenet", stappenplan.id()),
                LearningStep.read("Lees de les over subsidieaanvragen", lesson.id()),
                LearningStep.read("Probeer de rekentool", rekentool.id()),
                LearningStep.attend("Kom naar een werkbezoek", SessionKind.SITE_VISIT),
                LearningStep.ask("Stel je eerste vraag aan de community"))));
        as("carla").knowledge().viewed(stappenplan.id());
        as("carla").subscriptions().follow(new org.copkit.Ref(org.copkit.ObjectType.TAG, "warmtepomp"));
        as("anna").subscriptions().setPreference(NotificationFrequency.WEEKLY);
        as("carla").subscriptions().follow(org.copkit.Ref.of(org.copkit.ObjectType.COMMUNITY, warmte.id()));

        // Upcoming sessions: a full site visit with a waitlist, an online webinar, an engineering meetup
        at(days(5));
        ZonedDateTime visitStart = future(9, 14);
        Session visit = as("daan").sessions().schedule(SessionDraft.of(warmte.id(), SessionKind.SITE_VISIT,
                SessionFormat.IN_PERSON, FULL_SESSION, visitStart, visitStart.plusHours(2),
                "Energieweg 1, Arnhem", null).withAgenda("Rondleiding langs de warmtecentrale en het onderstation.")
                .withCapacity(Capacity.of(2, 0)));
        as("bram").sessions().rsvp(visit.id(), RsvpResponse.GOING, AttendanceMode.IN_PERSON);
        as("emma").sessions().rsvp(visit.id(), RsvpResponse.GOING, AttendanceMode.IN_PERSON);
        as("gijs").sessions().rsvp(visit.id(), RsvpResponse.GOING, AttendanceMode.IN_PERSON);
        ZonedDateTime webinarStart = future(16, 10);
        as("anna").sessions().schedule(SessionDraft.of(warmte.id(), SessionKind.WEBINAR, SessionFormat.ONLINE,
                "Webinar: nieuwe subsidieregels 2027", webinarStart, webinarStart.plusMinutes(60), null,
                URI.create("https://meet.example.org/warmte-subsidie")).inPractice(subsidies.id())
                .withAgenda("Wat verandert er voor bewoners en VvE's?"));
        ZonedDateTime meetupStart = future(6, 16);
        as("sam").sessions().schedule(SessionDraft.of(eng.id(), SessionKind.MEETUP, SessionFormat.HYBRID,
                "Guild meetup: observability for the outage map", meetupStart, meetupStart.plusMinutes(90),
                "Duiven, room 2.14", URI.create("https://meet.example.org/guild")));

        // An open question and an endorsement, recently
        at(days(2));
        as("emma").conversations().ask(ConversationDraft.of(warmte.id(), nl(
                "Wie heeft ervaring met een warmtenet in een VvE?",
                "Een VvE in Arnhem-Noord wil collectief aansluiten. Welke besluiten moeten ze in de ALV nemen?",
                "warmtenet", "vve")));
        as("daan").endorsements().endorse(MemberId.of("bram"), competencies.get(hvac));
        as("anna").endorsements().endorse(MemberId.of("bram"), competencies.get(hvac));

        // Now: the nightly maintenance flags stale items and recomputes participation levels
        clock.shift(Duration.ZERO);
        kit.maintenance().run();
    }

    private Competence c(String key, Proficiency level) {
        return new Competence(competencies.get(key), level);
    }

    private void member(String id, String name, OrganizationId org, String location, List<Locale> languages) {
        kit.system().members().register(MemberId.of(id), MemberProfile.of(name, org).withLocation(location)
                .withTimeZone(AMSTERDAM).withLanguages(languages.toArray(Locale[]::new)));
    }

    private void profile(String id, List<Competence> competences, Set<String> ambitions, boolean findable) {
        Set<CompetencyId> wants = new LinkedHashSet<>();
        ambitions.forEach(a -> wants.add(competencies.get(a)));
        org.copkit.member.Member m = kit.system().members().get(MemberId.of(id));
        as(id).members().updateProfile(m.id(), m.version(), m.profile().withCompetences(competences)
                .withAmbitions(wants).withFindableAsExpert(findable));
    }

    private void importEsco(String domainKey, Domain domain, String curator) {
        try (InputStream in = DemoData.class.getResourceAsStream("/esco/competencies.csv")) {
            if (in == null) {
                throw new IllegalStateException("esco/competencies.csv missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                List<String> f = csv(line);
                if (!f.get(0).equals(domainKey)) {
                    continue;
                }
                CompetencyDraft draft = CompetencyDraft.of(Map.of(EN, f.get(4), NL, f.get(5)))
                        .mappedTo(URI.create(f.get(2)));
                if (!f.get(3).isEmpty()) {
                    draft = draft.under(competencies.get(f.get(3)));
                }
                Competency added = as(curator).domains().addCompetency(domain.id(), draft);
                competencies.put(f.get(1), added.id());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits one RFC 4180 line without line breaks inside fields. */
    static List<String> csv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
