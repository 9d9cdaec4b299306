package org.copkit.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.copkit.InvalidInputException;
import org.copkit.ObjectType;
import org.copkit.Ref;
import org.copkit.access.Actor;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.conversation.ConversationStatus;
import org.copkit.domain.Competency;
import org.copkit.domain.CompetencyId;
import org.copkit.domain.Domain;
import org.copkit.domain.DomainId;
import org.copkit.expertise.ExpertEvidence;
import org.copkit.expertise.ExpertService;
import org.copkit.expertise.ExpertSuggestion;
import org.copkit.knowledge.ItemStatus;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.search.ExpertQuery;
import org.copkit.search.MemberEvidence;
import org.copkit.search.SearchHit;
import org.copkit.search.SearchQuery;
import org.copkit.spi.SearchIndex;
import org.copkit.spi.Transaction;

/**
 * Finds experts in the search index: the competency scope and the communities of its domains come from
 * storage (competencies and communities, no members and no content), the evidence per member from one
 * {@link SearchIndex#experts} aggregation over the profile and contribution documents, as the viewer may
 * see them; members are ranked with the engine's {@link org.copkit.expertise.ExpertRules}, and only the
 * returned ones are read from storage (display name and organisation). The index is first brought up to
 * this process's committed writes ({@link Engine#searchIndex()}), as for every search.
 */
final class Experts implements ExpertService {
    final Engine engine;
    final MemberId actor;

    Experts(Engine engine, MemberId actor) {
        this.engine = engine;
        this.actor = actor;
    }

    @Override
    public List<ExpertSuggestion> find(CompetencyId competency, int limit) {
        Checks.present("competency", competency);
        Checks.range("limit", limit, 1, MAX_LIMIT);
        SearchIndex index = engine.searchIndex();
        return engine.read(actor, call -> {
            Competency c = Load.competency(call.tx, competency);
            Set<CompetencyId> scope = withDescendants(call.tx, c);
            ExpertQuery q = query(scope, communities(call.tx, Set.of(c.domain())), Set.of(), call.now);
            return rank(call.tx, index.experts(q, call.actor.scope()), label(call.tx, call.actor, c), limit);
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
        SearchIndex index = engine.searchIndex();
        return engine.read(actor, call -> {
            Set<CompetencyId> scope = new HashSet<>();
            Set<DomainId> domains = new HashSet<>();
            for (Domain d : StoreReads.all(p -> call.tx.domains().list(p))) {
                for (Competency c : StoreReads.all(p -> call.tx.competencies().listByDomain(d.id(), p))) {
                    if (c.labels().values().stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).contains(needle))) {
                        scope.addAll(withDescendants(call.tx, c));
                        domains.add(d.id());
                    }
                }
            }
            // content found for the text, searched as the viewer: counts wherever it is
            List<SearchHit> hits = index.query(SearchQuery.of(topic).withoutFacets()
                    .withTypes(ObjectType.KNOWLEDGE_ITEM, ObjectType.QUESTION)
                    .withStatuses(ItemStatus.PUBLISHED.name(), ItemStatus.NEEDS_REVIEW.name(),
                            ConversationStatus.ANSWERED.name())
                    .page(0, 100), call.actor.scope()).hits();
            Set<Ref> found = new LinkedHashSet<>();
            hits.forEach(h -> found.add(h.ref()));
            ExpertQuery q = query(scope, communities(call.tx, domains), found, call.now);
            return rank(call.tx, index.experts(q, call.actor.scope()), topic, limit);
        });
    }

    private ExpertQuery query(Set<CompetencyId> scope, Set<CommunityId> communities, Set<Ref> found,
            java.time.Instant now) {
        // rules that score a member without evidence above 0 suggest every candidate
        boolean everyone = engine.expertRules.score(ExpertEvidence.none()) > 0;
        return new ExpertQuery(scope, communities, found, now, ExpertEvidence.MAX_CONTRIBUTIONS, everyone);
    }

    /** The communities on the domains. */
    static Set<CommunityId> communities(Transaction tx, Set<DomainId> domains) {
        Set<CommunityId> out = new HashSet<>();
        if (!domains.isEmpty()) {
            StoreReads.stream(p -> tx.communities().list(p)).filter(c -> domains.contains(c.domain()))
                    .map(Community::id).forEach(out::add);
        }
        return out;
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

    /** The index's evidence as {@link ExpertEvidence}: questions as conversations, at most the bound of refs. */
    static ExpertEvidence evidence(MemberEvidence m) {
        List<Ref> refs = new ArrayList<>(m.contributions().size());
        for (Ref r : m.contributions()) {
            refs.add(r.type() == ObjectType.QUESTION ? new Ref(ObjectType.CONVERSATION, r.id()) : r);
        }
        refs.sort(Comparator.comparing(Ref::type).thenComparing(Ref::id));
        return new ExpertEvidence(m.declared(), m.endorsers(), m.answers(), m.items(), m.sessions(),
                refs.subList(0, Math.min(refs.size(), ExpertEvidence.MAX_CONTRIBUTIONS)));
    }

    private record Scored(MemberId member, ExpertEvidence evidence, double score) {}

    private List<ExpertSuggestion> rank(Transaction tx, List<MemberEvidence> found, String topic, int limit) {
        List<Scored> scored = new ArrayList<>();
        for (MemberEvidence m : found) {
            if (m.member().equals(MemberId.SYSTEM)) {
                continue;
            }
            ExpertEvidence e = evidence(m);
            double score = engine.expertRules.score(e);
            if (score > 0) {
                scored.add(new Scored(m.member(), e, score));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::member));
        List<ExpertSuggestion> out = new ArrayList<>(limit);
        // display name and organisation from storage, for the returned members only (members the index still
        // lists but storage no longer has are skipped)
        int from = 0;
        while (out.size() < limit && from < scored.size()) {
            List<Scored> next = scored.subList(from, Math.min(scored.size(), from + limit - out.size()));
            Map<MemberId, Member> members = tx.members().findAll(next.stream().map(Scored::member).toList());
            for (Scored s : next) {
                Member m = members.get(s.member());
                if (m != null) {
                    out.add(new ExpertSuggestion(m.id(), m.profile().displayName(), m.profile().organization(),
                            s.score(), s.evidence(), s.evidence().sentence(topic)));
                }
            }
            from += next.size();
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "Experts[" + actor + "]";
    }
}
