package org.copkit.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.copkit.ConflictException;
import org.copkit.InvalidInputException;
import org.copkit.NotFoundException;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.access.AccessRequest;
import org.copkit.access.Action;
import org.copkit.access.Audience;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.MembershipState;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationKind;
import org.copkit.conversation.ConversationStatus;
import org.copkit.domain.CompetencyId;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.Competence;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.onboarding.LearningPath;
import org.copkit.onboarding.LearningPathContent;
import org.copkit.onboarding.LearningPathDraft;
import org.copkit.onboarding.LearningPathId;
import org.copkit.onboarding.LearningPathView;
import org.copkit.onboarding.LearningStep;
import org.copkit.onboarding.NewcomerStatus;
import org.copkit.onboarding.OnboardingService;
import org.copkit.onboarding.PathProgress;
import org.copkit.onboarding.PeerSuggestion;
import org.copkit.search.PeerMatch;
import org.copkit.search.PeerQuery;
import org.copkit.spi.SearchIndex;
import org.copkit.onboarding.StartHere;
import org.copkit.onboarding.StepKind;
import org.copkit.onboarding.StepProgress;
import org.copkit.onboarding.StepView;
import org.copkit.session.Session;
import org.copkit.session.SessionKind;

final class Onboarding implements OnboardingService {
    /** The most learning paths "start here" shows. */
    static final int MAX_PATHS = 100;

    final Engine engine;
    final MemberId actor;

    Onboarding(Engine engine, MemberId actor) {
        this.engine = engine;
        this.actor = actor;
    }

    // ---------------------------------------------------------------- writes

    @Override
    public LearningPathView create(LearningPathDraft draft) {
        Checks.present("draft", draft);
        return engine.write(actor, call -> {
            Community c = Load.community(call.tx, draft.community());
            Audience audience = draft.audience().orElseGet(() -> KnowledgeItems.defaultAudience(c, call));
            KnowledgeItems.requireOrganizations(call, "draft.audience", audience);
            call.check(AccessRequest.of(Action.CREATE_LEARNING_PATH).community(c).audience(audience));
            requireSteps(call, c, draft.content().steps());
            LearningPath p = call.tx.learningPaths().insert(new LearningPath(LearningPathId.of(call.newId()), c.id(),
                    draft.content(), audience, call.actor.member(), call.now, call.now, 1));
            record(call, Verb.CREATED, p);
            return view(call, p);
        });
    }

    @Override
    public LearningPathView update(LearningPathId id, long expectedVersion, LearningPathContent content,
            Audience audience) {
        Checks.present("content", content);
        Checks.present("audience", audience);
        return engine.write(actor, call -> {
            LearningPath current = visible(call, id);
            Community c = Load.community(call.tx, current.community());
            KnowledgeItems.requireOrganizations(call, "audience", audience);
            call.check(AccessRequest.of(Action.EDIT_LEARNING_PATH).community(c).audience(audience));
            if (current.version() != expectedVersion) {
                throw new ConflictException("learning path " + id + " was changed concurrently: it is at version "
                        + current.version() + ", the change expected " + expectedVersion);
            }
            requireSteps(call, c, content.steps());
            List<LearningStep> steps = new ArrayList<>(content.steps());
            current.steps().stream().filter(s -> !stepVisible(call, s)).forEach(steps::add);
            if (steps.size() > LearningPathContent.MAX_STEPS) {
                throw new InvalidInputException("path.steps may hold at most " + LearningPathContent.MAX_STEPS
                        + " steps, but with the " + (steps.size() - content.steps().size())
                        + " step(s) the editor cannot see it would hold " + steps.size());
            }
            LearningPath p = call.tx.learningPaths().update(new LearningPath(id, current.community(),
                    content.withSteps(steps), audience, current.createdBy(), current.createdAt(), call.now,
                    expectedVersion + 1));
            record(call, Verb.EDITED, p);
            return view(call, p);
        });
    }

    /** Every READ_ITEM step must name an item of the community that the writer may see. */
    private static void requireSteps(Call call, Community c, List<LearningStep> steps) {
        for (int i = 0; i < steps.size(); i++) {
            Optional<KnowledgeItemId> id = steps.get(i).item();
            if (id.isEmpty()) {
                continue;
            }
            String field = "path.steps[" + i + "].item";
            KnowledgeItem item = call.tx.items().find(id.get()).filter(x -> call.actor.canSee(x.visibility()))
                    .orElseThrow(() -> new InvalidInputException(field + " names knowledge item " + id.get()
                            + ", which does not exist"));
            if (!item.community().equals(c.id())) {
                throw new InvalidInputException(field + " names knowledge item " + id.get() + " of community "
                        + item.community() + ", not of " + c.id());
            }
        }
    }

    private static void record(Call call, Verb verb, LearningPath p) {
        call.record(verb, Ref.of(ObjectType.LEARNING_PATH, p.id()), Optional.empty(), Optional.of(p.community()),
                p.visibility(), Map.of("steps", Integer.toString(p.steps().size())));
    }

    // ---------------------------------------------------------------- reads

    @Override
    public LearningPathView get(LearningPathId id) {
        return engine.read(actor, call -> view(call, visible(call, id)));
    }

    @Override
    public Page<LearningPathView> list(CommunityId community, PageRequest page) {
        Checks.present("community", community);
        Checks.present("page", page);
        return engine.read(actor, call -> {
            Load.community(call.tx, community);
            Page<LearningPath> p = Paging.filtered(page, r -> call.tx.learningPaths().listByCommunity(community, r),
                    x -> call.actor.canSee(x.visibility()), x -> x.id().value());
            return new Page<>(p.items().stream().map(x -> view(call, x)).toList(), p.next());
        });
    }

    @Override
    public PathProgress progress(LearningPathId id) {
        return engine.read(actor, call -> {
            LearningPath p = visible(call, id);
            return progress(call, p, Facts.of(call, p.community()));
        });
    }

    @Override
    public StartHere startHere(CommunityId community) {
        Checks.present("community", community);
        // peers come from the index: first bring it up to this process's committed writes, as every search does
        SearchIndex index = engine.searchIndex();
        return engine.read(actor, call -> {
            Community c = Load.community(call.tx, community);
            NewcomerStatus newcomer = NewcomerStatus.of(call.actor.membership(c.id()), engine.newcomerPeriod,
                    call.now);
            Facts facts = Facts.of(call, c.id());
            List<PathProgress> paths = Paging.filtered(PageRequest.first(MAX_PATHS),
                    r -> call.tx.learningPaths().listByCommunity(c.id(), r), x -> call.actor.canSee(x.visibility()),
                    x -> x.id().value()).items().stream().map(x -> progress(call, x, facts)).toList();
            return new StartHere(c.id(), newcomer, paths, answeredQuestions(call, c.id()),
                    upcomingSessions(call, c.id()), peers(call, index, c.id()));
        });
    }

    private static LearningPath visible(Call call, LearningPathId id) {
        return call.tx.learningPaths().find(Checks.present("path", id))
                .filter(p -> call.actor.canSee(p.visibility()))
                .orElseThrow(() -> new NotFoundException("learning path " + id + " does not exist"));
    }

    /** The item of a READ_ITEM step, if the reader may see it. */
    private static Optional<KnowledgeItem> visibleItem(Call call, LearningStep s) {
        return s.item().flatMap(i -> call.tx.items().find(i)).filter(i -> call.actor.canSee(i.visibility()));
    }

    private static boolean stepVisible(Call call, LearningStep s) {
        return s.kind() != StepKind.READ_ITEM || visibleItem(call, s).isPresent();
    }

    /** The path as the reader sees it: READ_ITEM steps with invisible items masked. */
    private static LearningPathView view(Call call, LearningPath p) {
        List<StepView> steps = new ArrayList<>();
        for (int i = 0; i < p.steps().size(); i++) {
            LearningStep s = p.steps().get(i);
            if (s.kind() == StepKind.READ_ITEM) {
                Optional<KnowledgeItem> item = visibleItem(call, s);
                steps.add(item.isPresent()
                        ? new StepView(i, s.kind(), true, Optional.of(s.title()), Optional.of(item.get().id()),
                                Optional.of(item.get().content().title()), Optional.empty())
                        : new StepView(i, s.kind(), false, Optional.empty(), Optional.empty(), Optional.empty(),
                                Optional.empty()));
            } else {
                steps.add(new StepView(i, s.kind(), true, Optional.of(s.title()), Optional.empty(), Optional.empty(),
                        s.sessionKind()));
            }
        }
        return new LearningPathView(p.id(), p.community(), p.content().title(), p.content().description(),
                p.audience(), p.createdBy(), p.createdAt(), p.updatedAt(), p.version(), steps);
    }

    // ---------------------------------------------------------------- progress

    /** What the actor did in one community, as far as the activity log (visible to them) tells. */
    private record Facts(Set<KnowledgeItemId> viewed, Set<SessionKind> attended, boolean asked, boolean answered) {
        static Facts of(Call call, CommunityId community) {
            MemberId me = call.actor.member();
            Ref meAsTarget = Ref.of(ObjectType.MEMBER, me);
            Set<KnowledgeItemId> viewed = new HashSet<>();
            Set<SessionKind> attended = EnumSet.noneOf(SessionKind.class);
            boolean[] askedAnswered = new boolean[2];
            eachPage(r -> call.tx.activities().listInvolving(community, me, r), (Activity a) -> {
                if (!call.actor.canSee(a.visibility())) {
                    return;
                }
                boolean mine = a.actor().equals(me);
                switch (a.verb()) {
                    case VIEWED -> {
                        if (mine && a.object().type() == ObjectType.KNOWLEDGE_ITEM) {
                            viewed.add(KnowledgeItemId.of(a.object().id()));
                        }
                    }
                    case CHECKED_IN -> {
                        if (a.target().equals(Optional.of(meAsTarget))) {
                            sessionKind(a.details().get("kind")).ifPresent(attended::add);
                        }
                    }
                    case ASKED -> askedAnswered[0] |= mine;
                    case ANSWERED -> askedAnswered[1] |= mine;
                    default -> { }
                }
            });
            return new Facts(viewed, attended, askedAnswered[0], askedAnswered[1]);
        }

        private static Optional<SessionKind> sessionKind(String name) {
            return EnumSet.allOf(SessionKind.class).stream().filter(k -> k.name().equals(name)).findFirst();
        }
    }

    private static PathProgress progress(Call call, LearningPath p, Facts facts) {
        LearningPathView view = view(call, p);
        List<StepProgress> steps = new ArrayList<>();
        int done = 0;
        int total = 0;
        Optional<StepView> next = Optional.empty();
        for (StepView s : view.steps()) {
            boolean d = s.available() && switch (s.kind()) {
                case READ_ITEM -> facts.viewed().contains(s.item().get()) || call.tx.items().find(s.item().get())
                        .map(i -> i.owner().equals(call.actor.member())).orElse(false);
                case ATTEND_SESSION -> facts.attended().contains(s.sessionKind().get());
                case ASK_QUESTION -> facts.asked();
                case ANSWER_QUESTION -> facts.answered();
            };
            steps.add(new StepProgress(s, d));
            if (s.available()) {
                total++;
                if (d) {
                    done++;
                } else if (next.isEmpty()) {
                    next = Optional.of(s);
                }
            }
        }
        return new PathProgress(view, steps, done, total, next);
    }

    // ---------------------------------------------------------------- start here

    private static List<Conversation> answeredQuestions(Call call, CommunityId community) {
        List<Conversation> found = new ArrayList<>();
        eachPage(r -> call.tx.conversations().listByCommunity(community, Set.of(ConversationKind.QUESTION),
                Set.of(ConversationStatus.ANSWERED), r), (Conversation c) -> {
                    if (call.actor.canSee(c.visibility())) {
                        found.add(c);
                    }
                });
        return found.stream().sorted(Comparator.comparingInt(Conversation::score).reversed()
                .thenComparing(Conversation::updatedAt, Comparator.reverseOrder())
                .thenComparing(c -> c.id().value())).limit(LIMIT).toList();
    }

    private static List<Session> upcomingSessions(Call call, CommunityId community) {
        List<Session> found = new ArrayList<>();
        PageRequest req = PageRequest.first(PageRequest.MAX_LIMIT);
        while (found.size() < LIMIT) {
            Page<Session> p = call.tx.sessions().listByCommunity(community, false, req);
            for (Session s : p.items()) {
                if (found.size() < LIMIT && s.end().isAfter(call.now) && !s.cancelled()
                        && call.actor.canSee(s.visibility())) {
                    found.add(s);
                }
            }
            if (p.next().isEmpty()) {
                break;
            }
            req = req.after(p.next().get());
        }
        return found;
    }

    /** A candidate peer with the competencies that make them one. */
    private record Candidate(Member member, Set<CompetencyId> canTeach, Set<CompetencyId> sharedCompetences,
            Set<CompetencyId> sharedAmbitions) {}

    /**
     * Peers from the search index's profile documents of the community's active members ({@link SearchIndex#peers});
     * only the suggested members are read from storage.
     */
    private static List<PeerSuggestion> peers(Call call, SearchIndex index, CommunityId community) {
        if (call.actor.system() || !call.actor.isActiveIn(community)) {
            return List.of();
        }
        Member me = Load.member(call.tx, call.actor.member());
        Set<CompetencyId> myAmbitions = me.profile().ambitions();
        Set<CompetencyId> myCompetences = competences(me);
        if (myAmbitions.isEmpty() && myCompetences.isEmpty()) {
            return List.of(); // nobody can share anything with the actor
        }
        List<PeerMatch> found = index.peers(new PeerQuery(community, myAmbitions, myCompetences, LIMIT),
                call.actor.scope());
        Map<MemberId, Member> members = call.tx.members().findAll(found.stream().map(PeerMatch::member).toList());
        List<Locale> languages = me.profile().languages();
        List<PeerSuggestion> out = new ArrayList<>();
        for (PeerMatch p : found) {
            Member m = members.get(p.member());
            if (m == null) {
                continue;
            }
            Candidate c = new Candidate(m, p.canTeach(), p.sharedCompetences(), p.sharedAmbitions());
            Set<CompetencyId> shared = new LinkedHashSet<>(c.sharedCompetences());
            shared.addAll(c.sharedAmbitions());
            out.add(new PeerSuggestion(m.id(), m.displayName(), m.organization(), c.canTeach(), shared,
                    reason(call, c, languages)));
        }
        return out;
    }

    private static String reason(Call call, Candidate c, List<Locale> languages) {
        if (!c.canTeach().isEmpty()) {
            return "knows " + names(call, c.canTeach(), languages) + ", which you want to learn";
        }
        if (!c.sharedCompetences().isEmpty()) {
            return "also knows " + names(call, c.sharedCompetences(), languages);
        }
        return "also wants to learn " + names(call, c.sharedAmbitions(), languages);
    }

    /** At most three competency labels in the reader's language, then how many more. */
    private static String names(Call call, Set<CompetencyId> ids, List<Locale> languages) {
        List<String> labels = new TreeSet<>(ids).stream().map(id -> call.tx.competencies().find(id)
                .map(comp -> languages.stream().map(comp.labels()::get).filter(l -> l != null).findFirst()
                        .orElseGet(() -> comp.labels().values().iterator().next()))
                .orElse(id.value())).toList();
        String shown = String.join(", ", labels.subList(0, Math.min(3, labels.size())));
        return labels.size() > 3 ? shown + " and " + (labels.size() - 3) + " more" : shown;
    }

    private static Set<CompetencyId> competences(Member m) {
        return m.profile().competences().stream().map(Competence::competency).collect(Collectors.toSet());
    }

    private static Set<CompetencyId> intersect(Set<CompetencyId> a, Set<CompetencyId> b) {
        return a.stream().filter(b::contains).collect(Collectors.toSet());
    }

    /** Applies {@code each} to every row of a keyset-paged listing. */
    private static <T> void eachPage(Function<PageRequest, Page<T>> listing, Consumer<T> each) {
        PageRequest req = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<T> p = listing.apply(req);
            p.items().forEach(each);
            if (p.next().isEmpty()) {
                return;
            }
            req = req.after(p.next().get());
        }
    }
}
