package org.copkit.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.copkit.CopKit;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.community.CommunityId;
import org.copkit.community.Membership;
import org.copkit.community.MembershipState;
import org.copkit.domain.CompetencyId;
import org.copkit.member.Competence;
import org.copkit.member.Member;
import org.copkit.onboarding.PeerSuggestion;

/**
 * The test oracle of the onboarding peer suggestions: the scan implementation they replaced (until issue
 * 14), which reads every active membership of the community and each member. Kept to check that the
 * index-based suggestions are the same, in the same order.
 */
public final class ScanPeers {
    private static final int LIMIT = org.copkit.onboarding.OnboardingService.LIMIT;

    private ScanPeers() {}

    /**
     * @param as the viewer
     * @param community the community
     * @return the peers {@code startHere} suggested before issue 14
     */
    public static List<PeerSuggestion> peers(CopKit.As as, CommunityId community) {
        Onboarding o = (Onboarding) as.onboarding();
        return o.engine.read(o.actor, call -> peers(call, community));
    }

    /** A candidate peer with the competencies that make them one. */
    private record Candidate(Member member, Set<CompetencyId> canTeach, Set<CompetencyId> sharedCompetences,
            Set<CompetencyId> sharedAmbitions) {
        int score() {
            return 3 * canTeach.size() + sharedCompetences.size() + sharedAmbitions.size();
        }
    }

    private static List<PeerSuggestion> peers(Call call, CommunityId community) {
        if (call.actor.system() || !call.actor.isActiveIn(community)) {
            return List.of();
        }
        Member me = Load.member(call.tx, call.actor.member());
        Set<CompetencyId> myAmbitions = me.profile().ambitions();
        Set<CompetencyId> myCompetences = competences(me);
        List<Candidate> candidates = new ArrayList<>();
        eachPage(r -> call.tx.memberships().listByCommunity(community, Set.of(MembershipState.ACTIVE), r),
                (Membership m) -> {
                    if (m.member().equals(me.id())) {
                        return;
                    }
                    Optional<Member> other = call.tx.members().find(m.member());
                    if (other.isEmpty() || (!other.get().organization().equals(me.organization())
                            && !other.get().profile().findableAsExpert())) {
                        return;
                    }
                    Set<CompetencyId> theirs = competences(other.get());
                    Candidate c = new Candidate(other.get(), intersect(theirs, myAmbitions),
                            intersect(theirs, myCompetences), intersect(other.get().profile().ambitions(), myAmbitions));
                    if (c.score() > 0) {
                        candidates.add(c);
                    }
                });
        List<Locale> languages = me.profile().languages();
        return candidates.stream().sorted(Comparator.comparingInt(Candidate::score).reversed()
                .thenComparing(c -> c.member().id().value())).limit(LIMIT).map(c -> {
                    Set<CompetencyId> shared = new LinkedHashSet<>(c.sharedCompetences());
                    shared.addAll(c.sharedAmbitions());
                    return new PeerSuggestion(c.member().id(), c.member().displayName(), c.member().organization(),
                            c.canTeach(), shared, reason(call, c, languages));
                }).toList();
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
