package org.copkit.examples.portal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.copkit.CopKit;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.Id;
import org.copkit.InvalidInputException;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.MembershipState;
import org.copkit.community.Role;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationDraft;
import org.copkit.conversation.ConversationId;
import org.copkit.conversation.ConversationQuery;
import org.copkit.conversation.PostId;
import org.copkit.conversation.VoteValue;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemQuery;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.Organization;
import org.copkit.participation.Level;
import org.copkit.participation.ParticipationLevel;
import org.copkit.review.ReviewTask;
import org.copkit.review.ReviewTaskStatus;
import org.copkit.search.Facet;
import org.copkit.search.SearchQuery;
import org.copkit.search.SearchResult;
import org.copkit.session.AttendanceMode;
import org.copkit.session.RsvpResponse;
import org.copkit.session.RsvpSummary;
import org.copkit.session.Session;
import org.copkit.session.SessionId;
import org.copkit.session.SessionWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's HTTP layer: HTML pages rendered with jte and JSON endpoints under {@code /api}, all on
 * CoPKit's public API. Every read goes through {@code kit.as(member)}, so a page never shows what the
 * signed-in member may not see. CoPKit's {@link ErrorCode}s map to 400 / 403 / 404 / 409 pages.
 */
public final class PortalServer {
    private static final Logger LOG = LoggerFactory.getLogger(PortalServer.class);
    /** The cookie that holds the signed-in member id (the sign-in stand-in). */
    public static final String MEMBER_COOKIE = "copkit-member";
    /** The header that names the member for JSON clients (the sign-in stand-in). */
    public static final String MEMBER_HEADER = "X-CopKit-Member";

    private final CopKit kit;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final ObjectMapper json = mapper();
    private final Javalin app;

    private PortalServer(CopKit kit, int port) {
        this.kit = kit;
        this.app = Javalin.create(config -> {
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            config.staticFiles.add("/public", Location.CLASSPATH);
            routes(config.routes);
        });
    }

    /**
     * Starts the server.
     *
     * @param kit the kit to serve; never null; not closed by the server
     * @param port the port, 0 for any free one
     * @return the running server
     */
    public static PortalServer start(CopKit kit, int port) {
        PortalServer server = new PortalServer(kit, port);
        server.app.start();
        return server;
    }

    /** @return the port the server listens on */
    public int port() {
        return app.port();
    }

    /** Stops the server. */
    public void stop() {
        app.stop();
    }

    static ObjectMapper mapper() {
        SimpleModule ids = new SimpleModule("copkit-ids");
        ids.addSerializer(Id.class, new StdSerializer<Id>(Id.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(Id value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.value());
            }
        });
        return new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule())
                .registerModule(ids).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    // ---------------------------------------------------------------------------------------------- routes

    private void routes(io.javalin.config.RoutesConfig r) {
        r.exception(CopKitException.class, (e, ctx) -> failure(ctx, status(e.code()), e.getMessage()));
        r.exception(NotSignedIn.class, (e, ctx) -> {
            if (api(ctx)) {
                failure(ctx, 401, "sign in first: send the header " + MEMBER_HEADER);
            } else {
                ctx.redirect("/signin");
            }
        });
        r.exception(Exception.class, (e, ctx) -> {
            LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
            failure(ctx, 500, "");
        });
        r.error(404, ctx -> {
            if (ctx.attribute("rendered") == null) {
                failure(ctx, 404, "");
            }
        });

        r.get("/", ctx -> ctx.redirect("/communities"));
        r.get("/signin", this::signIn);
        r.post("/signin", this::doSignIn);
        r.post("/signout", ctx -> {
            ctx.removeCookie(MEMBER_COOKIE, "/");
            ctx.redirect("/signin");
        });
        r.get("/communities", this::communities);
        r.get("/communities/{id}", this::community);
        r.post("/communities/{id}/join", ctx -> {
            CommunityId id = CommunityId.of(ctx.pathParam("id"));
            as(ctx).communities().join(id);
            ctx.redirect("/communities/" + id.value());
        });
        r.get("/communities/{id}/health", this::health);
        r.get("/communities/{id}/start-here", this::startHere);
        r.get("/communities/{id}/sessions.ics", ctx -> calendar(ctx,
                as(ctx).sessions().communityFeed(CommunityId.of(ctx.pathParam("id")))));
        r.get("/items/{id}", this::item);
        r.get("/search", this::search);
        r.get("/ask", this::ask);
        r.post("/ask", this::doAsk);
        r.get("/questions/{id}", this::question);
        r.post("/questions/{id}/answers", ctx -> {
            ConversationId id = ConversationId.of(ctx.pathParam("id"));
            as(ctx).conversations().answer(id, required(ctx, "body"));
            ctx.redirect("/questions/" + id.value());
        });
        r.post("/questions/{id}/vote", ctx -> {
            ConversationId id = ConversationId.of(ctx.pathParam("id"));
            as(ctx).conversations().vote(id, enumParam(ctx, "value", VoteValue.class));
            ctx.redirect("/questions/" + id.value());
        });
        r.post("/posts/{id}/vote", ctx -> {
            var post = as(ctx).conversations().vote(PostId.of(ctx.pathParam("id")), enumParam(ctx, "value", VoteValue.class));
            ctx.redirect("/questions/" + post.conversation().value() + "#post-" + post.id().value());
        });
        r.post("/posts/{id}/accept", ctx -> {
            var c = as(ctx).conversations().accept(PostId.of(ctx.pathParam("id")), longParam(ctx, "version"));
            ctx.redirect("/questions/" + c.id().value());
        });
        r.get("/sessions", this::sessions);
        r.get("/sessions/{id}", this::session);
        r.post("/sessions/{id}/rsvp", ctx -> {
            SessionId id = SessionId.of(ctx.pathParam("id"));
            as(ctx).sessions().rsvp(id, enumParam(ctx, "response", RsvpResponse.class),
                    enumParam(ctx, "mode", AttendanceMode.class));
            ctx.redirect("/sessions/" + id.value() + "#rsvp");
        });
        r.get("/sessions/{id}/event.ics", ctx -> calendar(ctx,
                as(ctx).sessions().icalendar(SessionId.of(ctx.pathParam("id")))));
        r.get("/feeds/members/{member}/sessions.ics", ctx -> calendar(ctx,
                kit.as(known(MemberId.of(ctx.pathParam("member")))).sessions().memberFeed()));
        r.get("/members", this::members);
        r.get("/digest", this::digest);
        r.get("/reviews", this::reviews);

        // JSON endpoints (documented in docs/portal.md)
        r.get("/api/me", ctx -> json(ctx, me(ctx)));
        r.get("/api/communities", ctx -> json(ctx, as(ctx).communities().list(PageRequest.first(100)).items()));
        r.get("/api/communities/{id}", ctx -> json(ctx, communityModel(ctx, CommunityId.of(ctx.pathParam("id")))));
        r.get("/api/communities/{id}/health", ctx -> json(ctx, healthModel(ctx)));
        r.get("/api/communities/{id}/start-here", ctx -> json(ctx,
                as(ctx).onboarding().startHere(CommunityId.of(ctx.pathParam("id")))));
        r.get("/api/items/{id}", ctx -> json(ctx, itemModel(ctx)));
        r.get("/api/search", ctx -> json(ctx, searchModel(ctx).get("result")));
        r.get("/api/suggest", ctx -> json(ctx, as(ctx).search().suggest(ctx.queryParamAsClass("prefix", String.class)
                .getOrDefault(""), 8)));
        r.get("/api/already-answered", ctx -> json(ctx, as(ctx).conversations().alreadyAnswered(
                ctx.queryParamAsClass("title", String.class).getOrDefault(""),
                ctx.queryParamAsClass("body", String.class).getOrDefault(""), 5)));
        r.get("/api/questions/{id}", ctx -> json(ctx, questionModel(ctx)));
        r.get("/api/sessions", ctx -> json(ctx, sessionsModel(ctx)));
        r.get("/api/sessions/{id}", ctx -> json(ctx, sessionModel(ctx)));
        r.get("/api/members", ctx -> json(ctx, membersModel(ctx)));
        r.get("/api/digest", ctx -> json(ctx, as(ctx).digests().digest(Period.ofDays(30))));
        r.get("/api/reviews", ctx -> json(ctx, reviewsModel(ctx)));
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    /** Thrown when a page needs a signed-in member. */
    static final class NotSignedIn extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotSignedIn() {
            super("not signed in", null, false, false);
        }
    }

    private static boolean api(Context ctx) {
        return ctx.path().startsWith("/api/");
    }

    private static int status(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND -> 404;
            case FORBIDDEN -> 403;
            case INVALID -> 400;
            case CONFLICT -> 409;
            default -> 500;
        };
    }

    private void failure(Context ctx, int status, String detail) {
        ctx.status(status);
        ctx.attribute("rendered", Boolean.TRUE);
        if (api(ctx)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", status);
            body.put("error", errorName(status));
            body.put("message", status == 500 ? "internal error" : detail);
            writeJson(ctx, body);
            return;
        }
        View v = view(ctx);
        ctx.html(render("error.jte", Map.of("v", v, "status", status,
                "detail", status == 500 ? "" : detail == null ? "" : detail)));
    }

    private static String errorName(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409 -> "conflict";
            default -> "internal_error";
        };
    }

    private Optional<Member> member(Context ctx) {
        String id = ctx.header(MEMBER_HEADER);
        if (id == null || id.isBlank()) {
            id = ctx.cookie(MEMBER_COOKIE);
        }
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(kit.system().members().get(MemberId.of(id)));
        } catch (CopKitException e) {
            return Optional.empty();
        }
    }

    private MemberId known(MemberId id) {
        kit.system().members().get(id);
        return id;
    }

    private View view(Context ctx) {
        return new View(kit, member(ctx), ctx.path());
    }

    private View signedIn(Context ctx) {
        View v = view(ctx);
        if (v.member().isEmpty()) {
            throw new NotSignedIn();
        }
        return v;
    }

    private CopKit.As as(Context ctx) {
        return signedIn(ctx).as();
    }

    private String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        templates.render(template, params, out);
        return out.toString();
    }

    private void page(Context ctx, String template, View v, Object... keyValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("v", v);
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put((String) keyValues[i], keyValues[i + 1]);
        }
        ctx.attribute("rendered", Boolean.TRUE);
        ctx.html(render(template, params));
    }

    private void json(Context ctx, Object value) {
        signedIn(ctx);
        writeJson(ctx, value);
    }

    private void writeJson(Context ctx, Object value) {
        try {
            ctx.contentType("application/json; charset=utf-8").result(json.writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void calendar(Context ctx, String ics) {
        ctx.contentType("text/calendar; charset=utf-8").result(ics);
    }

    private static String required(Context ctx, String name) {
        String value = ctx.formParam(name);
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(name + " is required");
        }
        return value;
    }

    private static long longParam(Context ctx, String name) {
        String value = required(ctx, name);
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + " must be a number");
        }
    }

    private static <E extends Enum<E>> E enumParam(Context ctx, String name, Class<E> type) {
        String value = required(ctx, name);
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    // ---------------------------------------------------------------------------------------------- pages

    private void signIn(Context ctx) {
        View v = view(ctx);
        Map<Organization, List<Member>> byOrg = new LinkedHashMap<>();
        for (Organization o : kit.system().organizations().list(PageRequest.first(100)).items()) {
            byOrg.put(o, kit.system().members().listByOrganization(o.id(), PageRequest.first(100)).items());
        }
        page(ctx, "signin.jte", v, "organizations", byOrg);
    }

    private void doSignIn(Context ctx) {
        MemberId id = known(MemberId.of(required(ctx, "member")));
        ctx.cookie(new io.javalin.http.Cookie(MEMBER_COOKIE, id.value(), "/", -1, false, true, null,
                io.javalin.http.SameSite.LAX));
        ctx.redirect("/communities");
    }

    private Map<String, Object> me(Context ctx) {
        View v = signedIn(ctx);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("member", v.member().orElseThrow());
        m.put("memberships", v.as().communities().mine());
        m.put("language", v.lang());
        return m;
    }

    private void communities(Context ctx) {
        View v = signedIn(ctx);
        List<Community> all = v.as().communities().list(PageRequest.first(100)).items();
        Map<CommunityId, Membership> mine = new LinkedHashMap<>();
        for (Membership m : v.as().communities().mine()) {
            mine.put(m.community(), m);
        }
        page(ctx, "communities.jte", v, "communities", all, "mine", mine);
    }

    private Map<String, Object> communityModel(Context ctx, CommunityId id) {
        CopKit.As as = as(ctx);
        Community community = as.communities().get(id);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("community", community);
        m.put("domain", as.domains().get(community.domain()));
        m.put("competencies", as.domains().competencies(community.domain(), PageRequest.first(100)).items());
        m.put("practices", as.practices().list(id));
        Optional<Membership> membership = as.communities().membership(id, as.actor());
        boolean active = membership.filter(x -> x.state() == MembershipState.ACTIVE).isPresent();
        m.put("membership", membership);
        Map<Level, List<ParticipationLevel>> byLevel = new EnumMap<>(Level.class);
        if (active) {
            for (Level level : List.of(Level.CORE, Level.ACTIVE, Level.PERIPHERAL)) {
                byLevel.put(level, as.participation().members(id, level, PageRequest.first(100)).items());
            }
        }
        m.put("membersByLevel", byLevel);
        m.put("upcoming", as.sessions().list(id, SessionWindow.UPCOMING, PageRequest.first(5)).items());
        m.put("items", as.knowledge().list(ItemQuery.in(id).withStatus(ItemStatus.PUBLISHED, ItemStatus.NEEDS_REVIEW),
                PageRequest.first(20)).items());
        m.put("questions", as.conversations().list(ConversationQuery.in(id), PageRequest.first(10)).items());
        m.put("health", active ? Optional.of(as.health().report(id, kit.clock().instant().minus(Duration.ofDays(90)),
                kit.clock().instant())) : Optional.empty());
        return m;
    }

    private void community(Context ctx) {
        View v = signedIn(ctx);
        page(ctx, "community.jte", v, "m", communityModel(ctx, CommunityId.of(ctx.pathParam("id"))));
    }

    private Map<String, Object> healthModel(Context ctx) {
        CopKit.As as = as(ctx);
        CommunityId id = CommunityId.of(ctx.pathParam("id"));
        int daysBack = Integer.parseInt(Optional.ofNullable(ctx.queryParam("days")).filter(s -> s.matches("\\d{1,3}"))
                .orElse("90"));
        if (daysBack < 1) {
            throw new InvalidInputException("days must be 1..999");
        }
        Instant to = kit.clock().instant();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("community", as.communities().get(id));
        m.put("report", as.health().report(id, to.minus(Duration.ofDays(daysBack)), to));
        m.put("days", daysBack);
        return m;
    }

    private void health(Context ctx) {
        View v = signedIn(ctx);
        page(ctx, "health.jte", v, "m", healthModel(ctx));
    }

    private void startHere(Context ctx) {
        View v = signedIn(ctx);
        CommunityId id = CommunityId.of(ctx.pathParam("id"));
        page(ctx, "starthere.jte", v, "community", v.as().communities().get(id), "s", v.as().onboarding().startHere(id));
    }

    private Map<String, Object> itemModel(Context ctx) {
        CopKit.As as = as(ctx);
        KnowledgeItemId id = KnowledgeItemId.of(ctx.pathParam("id"));
        KnowledgeItem item = as.knowledge().get(id);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("item", item);
        m.put("revisions", as.knowledge().revisions(id, PageRequest.first(50)).items());
        m.put("community", as.communities().get(item.community()));
        m.put("practice", item.practice().map(p -> as.practices().get(p)));
        return m;
    }

    private void item(Context ctx) {
        View v = signedIn(ctx);
        Map<String, Object> m = itemModel(ctx);
        v.as().knowledge().viewed(KnowledgeItemId.of(ctx.pathParam("id")));
        page(ctx, "item.jte", v, "m", m);
    }

    private Map<String, Object> searchModel(Context ctx) {
        CopKit.As as = as(ctx);
        String q = Optional.ofNullable(ctx.queryParam("q")).orElse("").trim();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("q", q);
        Map<String, String> filters = new LinkedHashMap<>();
        for (String f : List.of("type", "community", "practice", "tag", "language")) {
            String value = ctx.queryParam(f);
            if (value != null && !value.isBlank()) {
                filters.put(f, value);
            }
        }
        m.put("filters", filters);
        if (q.isEmpty()) {
            m.put("result", new SearchResult(List.of(), 0, Map.of(), Optional.empty()));
            return m;
        }
        SearchQuery query = SearchQuery.of(q);
        if (filters.containsKey("type")) {
            try {
                query = query.withTypes(ObjectType.valueOf(filters.get("type")));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("type is not a searchable type");
            }
        }
        if (filters.containsKey("community")) {
            query = query.withCommunities(CommunityId.of(filters.get("community")));
        }
        if (filters.containsKey("practice")) {
            query = query.withPractices(org.copkit.community.PracticeId.of(filters.get("practice")));
        }
        if (filters.containsKey("tag")) {
            query = query.withTags(filters.get("tag"));
        }
        if (filters.containsKey("language")) {
            query = query.withLanguages(Locale.forLanguageTag(filters.get("language")));
        }
        m.put("result", as.search().query(query));
        return m;
    }

    private void search(Context ctx) {
        View v = signedIn(ctx);
        page(ctx, "search.jte", v, "m", searchModel(ctx), "facets", List.of(Facet.values()));
    }

    private List<Community> myCommunities(CopKit.As as) {
        List<Community> list = new ArrayList<>();
        for (Membership m : as.communities().mine()) {
            if (m.state() == MembershipState.ACTIVE) {
                list.add(as.communities().get(m.community()));
            }
        }
        return list;
    }

    private void ask(Context ctx) {
        View v = signedIn(ctx);
        page(ctx, "ask.jte", v, "communities", myCommunities(v.as()),
                "selected", Optional.ofNullable(ctx.queryParam("community")).orElse(""));
    }

    private void doAsk(Context ctx) {
        View v = signedIn(ctx);
        CommunityId community = CommunityId.of(required(ctx, "community"));
        String title = required(ctx, "title");
        String body = Optional.ofNullable(ctx.formParam("body")).orElse("");
        List<String> tags = new ArrayList<>();
        for (String t : Optional.ofNullable(ctx.formParam("tags")).orElse("").split(",")) {
            if (!t.isBlank()) {
                tags.add(t.trim());
            }
        }
        Conversation c = v.as().conversations().ask(ConversationDraft.of(community,
                ItemContent.of(title, body, Locale.forLanguageTag(v.lang())).withTags(tags.toArray(String[]::new))));
        ctx.redirect("/questions/" + c.id().value());
    }

    private Map<String, Object> questionModel(Context ctx) {
        CopKit.As as = as(ctx);
        ConversationId id = ConversationId.of(ctx.pathParam("id"));
        Map<String, Object> m = new LinkedHashMap<>();
        Conversation c = as.conversations().get(id);
        m.put("conversation", c);
        m.put("posts", as.conversations().posts(id));
        m.put("community", as.communities().get(c.community()));
        return m;
    }

    private void question(Context ctx) {
        View v = signedIn(ctx);
        Map<String, Object> m = questionModel(ctx);
        Conversation c = (Conversation) m.get("conversation");
        boolean coordinator = v.as().communities().membership(c.community(), v.as().actor())
                .filter(x -> x.state() == MembershipState.ACTIVE && x.role() == Role.COORDINATOR).isPresent();
        page(ctx, "question.jte", v, "m", m, "canAccept", c.author().equals(v.as().actor()) || coordinator);
    }

    private Map<String, Object> sessionsModel(Context ctx) {
        CopKit.As as = as(ctx);
        List<Session> all = new ArrayList<>();
        for (Community c : myCommunities(as)) {
            all.addAll(as.sessions().list(c.id(), SessionWindow.UPCOMING, PageRequest.first(50)).items());
        }
        all.sort(java.util.Comparator.comparing(Session::start).thenComparing(x -> x.id().value()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mine", as.sessions().upcoming(PageRequest.first(50)).items());
        m.put("communities", all);
        return m;
    }

    private void sessions(Context ctx) {
        View v = signedIn(ctx);
        page(ctx, "sessions.jte", v, "m", sessionsModel(ctx));
    }

    private Map<String, Object> sessionModel(Context ctx) {
        CopKit.As as = as(ctx);
        SessionId id = SessionId.of(ctx.pathParam("id"));
        Session s = as.sessions().get(id);
        RsvpSummary rsvps = as.sessions().rsvps(id);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("session", s);
        m.put("times", as.sessions().times(id));
        m.put("rsvps", rsvps);
        m.put("mine", rsvps.rsvps().stream().filter(r -> r.member().equals(as.actor())).findFirst());
        m.put("community", as.communities().get(s.community()));
        return m;
    }

    private void session(Context ctx) {
        View v = signedIn(ctx);
        page(ctx, "session.jte", v, "m", sessionModel(ctx));
    }

    private Map<String, Object> membersModel(Context ctx) {
        CopKit.As as = as(ctx);
        String q = Optional.ofNullable(ctx.queryParam("expertise")).orElse("").trim();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("expertise", q);
        m.put("members", as.members().list(PageRequest.first(200)).items());
        m.put("experts", q.isEmpty() ? List.of() : as.experts().find(q, 10));
        return m;
    }

    private void members(Context ctx) {
        View v = signedIn(ctx);
        page(ctx, "members.jte", v, "m", membersModel(ctx));
    }

    private void digest(Context ctx) {
        View v = signedIn(ctx);
        page(ctx, "digest.jte", v, "d", v.as().digests().digest(Period.ofDays(30)));
    }

    private Map<String, Object> reviewsModel(Context ctx) {
        CopKit.As as = as(ctx);
        Map<String, Object> m = new LinkedHashMap<>();
        List<ReviewTask> mine = as.reviews().mine(Set.of(ReviewTaskStatus.OPEN), PageRequest.first(100)).items();
        m.put("mine", mine);
        Map<String, List<ReviewTask>> coordinated = new LinkedHashMap<>();
        for (Membership ms : as.communities().mine()) {
            if (ms.state() == MembershipState.ACTIVE && ms.role() == Role.COORDINATOR) {
                Page<ReviewTask> tasks = as.reviews().inCommunity(ms.community(), Set.of(ReviewTaskStatus.OPEN),
                        PageRequest.first(100));
                coordinated.put(ms.community().value(), tasks.items());
            }
        }
        m.put("coordinated", coordinated);
        Map<String, KnowledgeItem> items = new LinkedHashMap<>();
        List<ReviewTask> all = new ArrayList<>(mine);
        coordinated.values().forEach(all::addAll);
        for (ReviewTask t : all) {
            items.computeIfAbsent(t.item().value(), k -> as.knowledge().get(t.item()));
        }
        m.put("items", items);
        return m;
    }

    private void reviews(Context ctx) {
        View v = signedIn(ctx);
        page(ctx, "reviews.jte", v, "m", reviewsModel(ctx));
    }
}
