package org.copkit.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.copkit.CopKit;
import org.copkit.InvalidInputException;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.access.Actor;
import org.copkit.community.Community;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationId;
import org.copkit.conversation.ConversationKind;
import org.copkit.conversation.ConversationStatus;
import org.copkit.domain.Competency;
import org.copkit.domain.CompetencyId;
import org.copkit.domain.Domain;
import org.copkit.domain.DomainId;
import org.copkit.expertise.ExpertEvidence;
import org.copkit.expertise.ExpertService;
import org.copkit.expertise.ExpertSuggestion;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.Competence;
import org.copkit.member.Endorsement;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.Proficiency;
import org.copkit.search.SearchHit;
import org.copkit.search.SearchQuery;
import org.copkit.session.Session;
import org.copkit.session.SessionStatus;
import org.copkit.spi.Transaction;

/**
 * The test oracle of the expert and peer finders: the scan implementation they replaced (until issue 14),
 * which reads every member, their endorsements one query per member, and all content of the topic's
 * communities on every call, and every active membership of a community for peers. Kept to check that
 * the index-based finders return the same suggestions in the same order. {@link #find(CopKit.As, CompetencyId, int)}
 * is the old {@code Experts.find}; its contributions are cut to {@link ExpertEvidence#MAX_CONTRIBUTIONS}
 * (the documented bound of the new finder), everything else is unchanged.
 */
public final class ScanExperts implements ExpertService {
    private static final Set<ItemStatus> CURRENT = EnumSet.of(ItemStatus.PUBLISHED, ItemStatus.NEEDS_REVIEW);

    private final Engine engine;
    private final MemberId actor;

    private ScanExperts(Engine engine, MemberId actor) {
        this.engine = engine;
        this.actor = actor;
    }

    /** @return the oracle for the member of the given view of a kit */
    public static ScanExperts of(CopKit.As as) {
        Experts e = (Experts) as.experts();
        return new ScanExperts(e.engine, e.actor);
    }

    @Override
    public List<ExpertSuggestion> find(CompetencyId competency, int limit) {
        Checks.present("competency", competency);
        Checks.range("limit", limit, 1, MAX_LIMIT);
        return engine.read(actor, call -> {
            Competency c = Load.competency(call.tx, competency);
            Tally t = new Tally(call.tx, call.actor, call.now);
            t.scope.addAll(withDescendants(call.tx, c));
            t.contributions(Set.of(c.domain()));
            return t.rank(engine, label(call.tx, call.actor, c), limit);
        });
    }

    @Override
    public List<ExpertSuggestion> find(String text, int limit) {
        String topic = Checks.line("text", text, 200);
        if (topic.isBlank()) {
            throw new InvalidInputException("text must not be blank");
        }
        Checks.range("limit", limit, 1, MAX_LIMIT);
        String needle = topic.toLowerCase(Locale.ROOT);
        return engine.read(actor, call -> {
            Tally t = new Tally(call.tx, call.actor, call.now);
            Set<DomainId> domains = new TreeSet<>();
            for (Domain d : StoreReads.all(p -> call.tx.domains().list(p))) {
                for (Competency c : StoreReads.all(p -> call.tx.competencies().listByDomain(d.id(), p))) {
                    if (c.labels().values().stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).contains(needle))) {
                        t.scope.addAll(withDescendants(call.tx, c));
                        domains.add(d.id());
                    }
                }
            }
            t.contributions(domains);
            // content found for the text, searched as the viewer and checked again against current state
            List<SearchHit> hits = engine.searchIndex().query(SearchQuery.of(topic).withoutFacets()
                    .withTypes(ObjectType.KNOWLEDGE_ITEM, ObjectType.QUESTION)
                    .withStatuses(ItemStatus.PUBLISHED.name(), ItemStatus.NEEDS_REVIEW.name(),
                            ConversationStatus.ANSWERED.name())
                    .page(0, 100), call.actor.scope()).hits();
            for (SearchHit h : hits) {
                if (h.ref().type() == ObjectType.KNOWLEDGE_ITEM) {
                    call.tx.items().find(KnowledgeItemId.of(h.ref().id())).ifPresent(t::item);
                } else {
                    call.tx.conversations().find(ConversationId.of(h.ref().id())).ifPresent(t::question);
                }
            }
            return t.rank(engine, topic, limit);
        });
    }

    /** The competency and every competency below it (its domain's hierarchy via {@code parent}). */
    static Set<CompetencyId> withDescendants(Transaction tx, Competency root) {
        Map<CompetencyId, List<CompetencyId>> children = new HashMap<>();
        for (Competency c : StoreReads.all(p -> tx.competencies().listByDomain(root.domain(), p))) {
            c.parent().ifPresent(parent -> children.computeIfAbsent(parent, k -> new ArrayList<>()).add(c.id()));
        }
        Set<CompetencyId> out = new HashSet<>();
        Deque<CompetencyId> todo = new ArrayDeque<>(List.of(root.id()));
        while (!todo.isEmpty()) {
            CompetencyId next = todo.pop();
            if (out.add(next)) {
                todo.addAll(children.getOrDefault(next, List.of()));
            }
        }
        return out;
    }

    /** The label in the viewer's first language that has one, else English, else the first label. */
    private static String label(Transaction tx, Actor viewer, Competency c) {
        List<Locale> languages = tx.members().find(viewer.member()).map(m -> m.profile().languages()).orElse(List.of());
        for (Locale l : languages) {
            String label = c.labels().get(l);
            if (label != null) {
                return label;
            }
        }
        return Optional.ofNullable(c.labels().get(Locale.ENGLISH)).orElse(c.labels().values().iterator().next());
    }

    /** Visible evidence per member, collected for one query. */
    private static final class Tally {
        final Transaction tx;
        final Actor viewer;
        final java.time.Instant now;
        final Set<CompetencyId> scope = new HashSet<>();
        final Map<MemberId, Set<Ref>> answers = new HashMap<>();
        final Map<MemberId, Set<Ref>> items = new HashMap<>();
        final Map<MemberId, Set<Ref>> sessions = new HashMap<>();

        Tally(Transaction tx, Actor viewer, java.time.Instant now) {
            this.tx = tx;
            this.viewer = viewer;
            this.now = now;
        }

        private boolean onTopic(Set<CompetencyId> competencies) {
            return competencies.stream().anyMatch(scope::contains);
        }

        /** Items, answered questions and hosted sessions in the communities on the domains. */
        void contributions(Set<DomainId> domains) {
            if (domains.isEmpty()) {
                return;
            }
            for (Community c : StoreReads.all(p -> tx.communities().list(p))) {
                if (!domains.contains(c.domain())) {
                    continue;
                }
                StoreReads.all(p -> tx.items().listByCommunity(c.id(), Optional.empty(), CURRENT, p)).stream()
                        .filter(i -> onTopic(i.content().competencies())).forEach(this::item);
                StoreReads.all(p -> tx.conversations().listByCommunity(c.id(), Set.of(ConversationKind.QUESTION),
                        Set.of(ConversationStatus.ANSWERED), p)).stream()
                        .filter(q -> onTopic(q.content().competencies())).forEach(this::question);
                for (Session s : StoreReads.all(p -> tx.sessions().listByCommunity(c.id(), false, p))) {
                    if (s.status() == SessionStatus.CANCELLED || s.start().isAfter(now)
                            || !viewer.canSee(s.visibility())) {
                        continue;
                    }
                    s.hosts().forEach(h -> sessions.computeIfAbsent(h, k -> new HashSet<>())
                            .add(Ref.of(ObjectType.SESSION, s.id())));
                }
            }
        }

        void item(KnowledgeItem i) {
            if (CURRENT.contains(i.status()) && viewer.canSee(i.visibility())) {
                items.computeIfAbsent(i.owner(), k -> new HashSet<>()).add(Ref.of(ObjectType.KNOWLEDGE_ITEM, i.id()));
            }
        }

        void question(Conversation q) {
            if (q.kind() != ConversationKind.QUESTION || q.status() != ConversationStatus.ANSWERED
                    || q.acceptedAnswer().isEmpty() || !viewer.canSee(q.visibility())) {
                return;
            }
            tx.posts().find(q.acceptedAnswer().get()).ifPresent(a -> answers.computeIfAbsent(a.author(),
                    k -> new HashSet<>()).add(Ref.of(ObjectType.CONVERSATION, q.id())));
        }

        private boolean candidate(Member m) {
            if (m.id().equals(viewer.member()) || m.id().equals(MemberId.SYSTEM)) {
                return false;
            }
            return viewer.system() || m.profile().organization().equals(viewer.organization())
                    || m.profile().findableAsExpert();
        }

        List<ExpertSuggestion> rank(Engine engine, String topic, int limit) {
            List<ExpertSuggestion> out = new ArrayList<>();
            for (Member m : StoreReads.all(p -> tx.members().list(p))) {
                if (!candidate(m)) {
                    continue;
                }
                Optional<Proficiency> declared = m.profile().competences().stream()
                        .filter(c -> scope.contains(c.competency())).map(Competence::level)
                        .max(Comparator.naturalOrder());
                long endorsers = scope.isEmpty() ? 0 : StoreReads.all(p -> tx.endorsements().listByEndorsee(m.id(), p))
                        .stream().filter(e -> e.withdrawnAt().isEmpty() && scope.contains(e.competency()))
                        .map(Endorsement::endorser).distinct().count();
                Set<Ref> a = answers.getOrDefault(m.id(), Set.of());
                Set<Ref> i = items.getOrDefault(m.id(), Set.of());
                Set<Ref> s = sessions.getOrDefault(m.id(), Set.of());
                List<Ref> refs = new ArrayList<>(a);
                refs.addAll(i);
                refs.addAll(s);
                refs.sort(Comparator.comparing(Ref::type).thenComparing(Ref::id));
                if (refs.size() > ExpertEvidence.MAX_CONTRIBUTIONS) {
                    refs = new ArrayList<>(refs.subList(0, ExpertEvidence.MAX_CONTRIBUTIONS));
                }
                ExpertEvidence e = new ExpertEvidence(declared, (int) endorsers, a.size(), i.size(), s.size(), refs);
                double score = engine.expertRules.score(e);
                if (score > 0) {
                    out.add(new ExpertSuggestion(m.id(), m.profile().displayName(), m.profile().organization(), score,
                            e, e.sentence(topic)));
                }
            }
            out.sort(Comparator.comparingDouble(ExpertSuggestion::score).reversed()
                    .thenComparing(ExpertSuggestion::member));
            return List.copyOf(out.subList(0, Math.min(limit, out.size())));
        }
    }

    @Override
    public String toString() {
        return "ScanExperts[" + actor + "]";
    }
}
