package org.copkit.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.copkit.CopKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The portal over plain HTTP: pages, JSON endpoints, error pages and what each member may see. */
class PortalHttpTest {
    private static CopKit kit;
    private static PortalServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        DemoClock clock = DemoClock.system();
        kit = PortalWiring.open(PortalConfig.inMemory(0), clock);
        DemoData.loadIfEmpty(kit, clock);
        server = PortalServer.start(kit, 0);
    }

    @AfterAll
    static void stop() {
        server.stop();
        kit.close();
    }

    private static HttpResponse<String> get(String member, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path));
        if (member != null) {
            b.header(PortalServer.MEMBER_HEADER, member);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String member, String path, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .header(PortalServer.MEMBER_HEADER, member).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String member, String path) throws Exception {
        HttpResponse<String> r = get(member, path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static String heatCommunity(String member) throws Exception {
        for (JsonNode c : json(member, "/api/communities")) {
            if (c.get("name").asText().equals("Warmte in de wijk")) {
                return c.get("id").asText();
            }
        }
        throw new AssertionError("no heat community");
    }

    @Test
    void pagesRenderInTheMembersLanguage() throws Exception {
        assertThat(get("carla", "/communities").body()).contains("lang=\"nl\"", "Warmte in de wijk");
        assertThat(get("sam", "/communities").body()).contains("lang=\"en\"", "Grid Software Guild");
        for (String path : new String[] {"/search?q=warmtepomp", "/ask", "/sessions", "/members?expertise=energie",
                "/digest", "/reviews", "/communities/" + heatCommunity("carla"),
                "/communities/" + heatCommunity("carla") + "/health",
                "/communities/" + heatCommunity("carla") + "/start-here"}) {
            assertThat(get("carla", path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void withoutAMemberPagesRedirectToSignInAndApiAnswers401() throws Exception {
        assertThat(get(null, "/communities").statusCode()).isEqualTo(302);
        assertThat(get(null, "/signin").body()).contains("Anna de Vries", "Netbeheer Oost");
        assertThat(get(null, "/api/communities").statusCode()).isEqualTo(401);
    }

    @Test
    void organisationOnlyItemsNeverReachOtherOrganisations() throws Exception {
        String province = URLEncoder.encode("Budget warmtepompsubsidie", StandardCharsets.UTF_8);
        assertThat(get("anna", "/search?q=" + province).body()).contains("Budget warmtepompsubsidie 2027");
        assertThat(get("carla", "/search?q=" + province).body()).doesNotContain("Budget warmtepompsubsidie 2027");
        assertThat(json("carla", "/api/communities/" + heatCommunity("carla")).toString())
                .doesNotContain("Netcongestie Arnhem-Zuid").doesNotContain("Budget warmtepompsubsidie 2027");
        assertThat(json("daan", "/api/communities/" + heatCommunity("daan")).toString()).contains("Netcongestie Arnhem-Zuid");
    }

    @Test
    void unknownMalformedAndForbiddenRequestsGetErrorPagesWithoutStackTraces() throws Exception {
        HttpResponse<String> missing = get("carla", "/items/01NOSUCHITEM");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("Niet gevonden").doesNotContain("Exception", "at org.");
        assertThat(get("carla", "/no/such/page").statusCode()).isEqualTo(404);
        assertThat(get("carla", "/api/items/01NOSUCHITEM").body()).contains("\"not_found\"");
        HttpResponse<String> malformed = get("carla", "/sessions/%20");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).doesNotContain("Exception");

        // Emma's answered question has a second answer (by Anna); Carla may not accept it
        JsonNode thread = null;
        for (JsonNode q : json("carla", "/api/communities/" + heatCommunity("carla")).get("questions")) {
            if (q.get("content").get("title").asText().startsWith("Wanneer moet de warmtepompsubsidie")) {
                thread = json("carla", "/api/questions/" + q.get("id").asText());
            }
        }
        String accepted = thread.get("conversation").get("acceptedAnswer").asText();
        String answer = null;
        for (JsonNode p : thread.get("posts")) {
            if (p.get("kind").asText().equals("ANSWER") && !p.get("id").asText().equals(accepted)) {
                answer = p.get("id").asText();
            }
        }
        HttpResponse<String> forbidden = post("carla", "/posts/" + answer + "/accept",
                "version=" + thread.get("conversation").get("version").asText());
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("Niet toegestaan").doesNotContain("Exception");
        assertThat(post("carla", "/posts/" + answer + "/accept", "version=abc").statusCode()).isEqualTo(400);
    }

    @Test
    void scriptsInMemberContentAreRemoved() throws Exception {
        String id = null;
        for (JsonNode item : json("carla", "/api/communities/" + heatCommunity("carla")).get("items")) {
            if (item.get("content").get("title").asText().equals(DemoData.SCRIPT_ITEM)) {
                id = item.get("id").asText();
            }
        }
        String page = get("carla", "/items/" + id).body();
        String body = page.substring(page.indexOf("id=\"item-body\""), page.indexOf("</div>", page.indexOf("id=\"item-body\"")));
        assertThat(body).contains("Presentielijst").doesNotContain("<script", "javascript:", "onclick");
    }

    @Test
    void alreadyAnsweredSuggestsTheAnsweredQuestion() throws Exception {
        JsonNode hits = json("carla", "/api/already-answered?title="
                + URLEncoder.encode("Wanneer subsidie warmtepomp aanvragen?", StandardCharsets.UTF_8));
        assertThat(hits.toString()).contains("Wanneer moet de warmtepompsubsidie aangevraagd worden?");
    }

    @Test
    void calendarsAreICalendar() throws Exception {
        HttpResponse<String> feed = get(null, "/feeds/members/bram/sessions.ics");
        assertThat(feed.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
        assertThat(feed.body()).contains("BEGIN:VCALENDAR", DemoData.FULL_SESSION);
    }
}
