package org.copkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.copkit.CopKit;
import org.copkit.CopKitException;
import org.copkit.access.Audience;
import org.copkit.community.CommunityDraft;
import org.copkit.community.CommunityId;
import org.copkit.conversation.Conversation;
import org.copkit.conversation.ConversationDraft;
import org.copkit.conversation.Post;
import org.copkit.domain.CompetencyDraft;
import org.copkit.domain.CompetencyId;
import org.copkit.domain.DomainId;
import org.copkit.expertise.ExpertEvidence;
import org.copkit.expertise.ExpertRules;
import org.copkit.expertise.ExpertSuggestion;
import org.copkit.internal.ScanExperts;
import org.copkit.internal.ScanPeers;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.Competence;
import org.copkit.member.Endorsement;
import org.copkit.member.Member;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;
import org.copkit.member.Proficiency;
import org.copkit.memory.InMemorySearchIndex;
import org.copkit.session.Session;
import org.copkit.session.SessionDraft;
import org.copkit.session.SessionFormat;
import org.copkit.session.SessionKind;
import org.copkit.spi.SearchIndex;
import org.copkit.spi.Storage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The expert and peer finders against their test oracles ({@link ScanExperts}, {@link ScanPeers}: the scan
 * implementations they replaced), on a random world built through the kit's services: members of three
 * organisations with competences, ambitions and opt-in; two domains with competency hierarchies; three
 * communities; endorsements, some withdrawn; items in every status and audience; questions with accepted
 * (and re-accepted) answers; sessions, some cancelled, some re-hosted, past and future; profile changes and
 * members leaving. Every change goes through the services, so the test also checks that each change
 * re-indexes the documents whose evidence it alters. Every backend runs it: a storage ({@link #newStorage()})
 * with a search index ({@link #newSearchIndex()}, in-memory by default).
 */
public abstract class ExpertFinderContract {
    private static final OrganizationId[] ORGS = {OrganizationId.of("acme"), OrganizationId.of("beta"),
        OrganizationId.of("gamma")};

    /** @return a fresh, empty storage; closed by the test (with the kit) */
    protected abstract Storage newStorage();

    /** @return a fresh, empty search index; closed by the test (with the kit) */
    protected SearchIndex newSearchIndex() {
        return new InMemorySearchIndex();
    }

    /** How many members the random world has; backends on a network may lower it. */
    protected int members() {
        return 30;
    }

    private static <T> T attempt(Supplier<T> call) {
        try {
            return call.get();
        } catch (CopKitException e) {
            return null; // the random operation broke a rule (access, state): it is simply not done
        }
    }

    private static <T> T pick(Random r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    private static final class World {
        final List<MemberId> members = new ArrayList<>();
        final List<CompetencyId> competencies = new ArrayList<>();
        final List<CommunityId> communities = new ArrayList<>();
    }

    private World build(CopKit kit, ManualClock clock, Random r) {
        World w = new World();
        for (OrganizationId o : ORGS) {
            kit.system().organizations().register(o, o.value().toUpperCase(Locale.ROOT), "");
        }
        String[][] labels = {{"Heat", "Warmte"}, {"Grid", "Netten"}};
        List<DomainId> domains = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            DomainId domain = kit.system().domains().create("Domain " + d, "About " + d).id();
            domains.add(domain);
            List<CompetencyId> inDomain = new ArrayList<>();
            for (int c = 0; c < 7; c++) {
                CompetencyId id = CompetencyId.of("d" + d + "-c" + c);
                CompetencyDraft draft = CompetencyDraft.of(Map.of(Locale.ENGLISH, labels[d][0] + " topic " + c,
                        Locale.forLanguageTag("nl"), labels[d][1] + " onderwerp " + c)).withId(id);
                if (c > 0) {
                    draft = draft.under(inDomain.get((c - 1) / 2)); // a binary tree below c0
                }
                kit.system().domains().addCompetency(domain, draft);
                inDomain.add(id);
            }
            w.competencies.addAll(inDomain);
        }
        for (int i = 0; i < members(); i++) {
            MemberId m = MemberId.of("m" + String.format("%02d", i));
            kit.system().members().register(m, randomProfile(r, "Member " + i, ORGS[i % 3], w));
            w.members.add(m);
        }
        for (int c = 0; c < 3; c++) {
            MemberId coordinator = w.members.get(c);
            w.communities.add(kit.as(coordinator).communities().create(CommunityDraft.of(domains.get(c % 2),
                    "Community " + c, "Purpose " + c)).id());
        }
        for (MemberId m : w.members) {
            for (CommunityId c : w.communities) {
                if (r.nextInt(3) > 0) {
                    attempt(() -> kit.as(m).communities().join(c));
                }
            }
        }
        // endorsements, some withdrawn
        List<Endorsement> endorsements = new ArrayList<>();
        for (int i = 0; i < members() * 2; i++) {
            MemberId endorser = pick(r, w.members);
            MemberId endorsee = pick(r, w.members);
            Member target = kit.system().members().get(endorsee);
            if (target.profile().competences().isEmpty()) {
                continue;
            }
            CompetencyId c = pick(r, target.profile().competences()).competency();
            Endorsement e = attempt(() -> kit.as(endorser).endorsements().endorse(endorsee, c));
            if (e != null) {
                endorsements.add(e);
            }
        }
        for (Endorsement e : endorsements) {
            if (r.nextInt(4) == 0) {
                attempt(() -> kit.as(e.endorser()).endorsements().withdraw(e.id(), e.version()));
            }
        }
        // items in every status and audience; m03 is prolific (more contributions than the listed bound)
        attempt(() -> kit.as(w.members.get(3)).communities().join(w.communities.get(0)));
        for (int i = 0; i < members() * 3; i++) {
            boolean prolific = i < ExpertEvidence.MAX_CONTRIBUTIONS + 5;
            MemberId owner = prolific ? w.members.get(3) : pick(r, w.members);
            CommunityId community = prolific ? w.communities.get(0) : pick(r, w.communities);
            Audience audience = prolific ? Audience.platform() : audience(r, kit, owner);
            ItemContent content = ItemContent.of("Item " + i + " about heat and grids", "Body " + i,
                    Locale.ENGLISH).withCompetencies(prolific ? new CompetencyId[] {w.competencies.get(0)}
                            : some(r, w.competencies));
            KnowledgeItem item = attempt(() -> kit.as(owner).knowledge().create(ItemDraft.of(community,
                    ItemKind.ARTICLE, content).withAudience(audience)));
            if (item == null) {
                continue;
            }
            int fate = prolific ? 1 : r.nextInt(5);
            if (fate > 0) {
                KnowledgeItem published = attempt(() -> kit.as(owner).knowledge().publish(item.id(), item.version()));
                if (published != null && fate == 4) {
                    attempt(() -> kit.as(owner).knowledge().archive(published.id(), published.version(), "old"));
                }
            }
        }
        // questions, answers, accepted and re-accepted answers
        for (int n = 0; n < members(); n++) {
            final int i = n;
            MemberId asker = pick(r, w.members);
            CommunityId community = pick(r, w.communities);
            Conversation q = attempt(() -> kit.as(asker).conversations().ask(ConversationDraft.of(community,
                    ItemContent.of("Question " + i + " on heat", "How?", Locale.ENGLISH)
                            .withCompetencies(some(r, w.competencies))).withAudience(audience(r, kit, asker))));
            if (q == null) {
                continue;
            }
            List<Post> answers = new ArrayList<>();
            for (int a = r.nextInt(3); a > 0; a--) {
                MemberId answerer = pick(r, w.members);
                Post p = attempt(() -> kit.as(answerer).conversations().answer(q.id(), "Answer by " + answerer));
                if (p != null) {
                    answers.add(p);
                }
            }
            for (int accepts = answers.isEmpty() ? 0 : r.nextInt(3); accepts > 0; accepts--) {
                Post p = pick(r, answers);
                attempt(() -> kit.as(asker).conversations().accept(p.id(),
                        kit.as(asker).conversations().get(q.id()).version()));
            }
        }
        // sessions: past and future, some cancelled, some re-hosted
        Instant now = clock.instant();
        for (int n = 0; n < members() / 2; n++) {
            final int i = n;
            MemberId host = pick(r, w.members);
            CommunityId community = pick(r, w.communities);
            Instant start = now.plus(Duration.ofHours(1 + r.nextInt(48)));
            final SessionDraft draft = SessionDraft.of(community, SessionKind.MEETUP, SessionFormat.ONLINE, "Session " + i,
                    start.atZone(ZoneOffset.UTC), start.plus(Duration.ofHours(1)).atZone(ZoneOffset.UTC), null,
                    URI.create("https://meet.example/" + i)).withAudience(audience(r, kit, host));
            Session s = attempt(() -> kit.as(host).sessions().schedule(draft));
            if (s == null) {
                continue;
            }
            int fate = r.nextInt(4);
            if (fate == 0) {
                attempt(() -> kit.as(host).sessions().cancel(s.id(), s.version(), "no time"));
            } else if (fate == 1) {
                MemberId other = pick(r, w.members);
                attempt(() -> kit.as(host).sessions().update(s.id(), s.version(), draft.withHosts(Set.of(other))));
            }
        }
        clock.advance(Duration.ofHours(24)); // about half the sessions have started
        // profile changes after the endorsements, and members leaving
        for (MemberId m : w.members) {
            if (r.nextInt(5) == 0) {
                Member current = kit.system().members().get(m);
                OrganizationId org = r.nextBoolean() ? current.organization() : ORGS[r.nextInt(3)];
                attempt(() -> kit.system().members().updateProfile(m, current.version(),
                        randomProfile(r, current.displayName(), org, w)));
            }
            if (r.nextInt(8) == 0) {
                attempt(() -> kit.as(m).communities().leave(pick(r, w.communities)));
            }
        }
        return w;
    }

    private static Audience audience(Random r, CopKit kit, MemberId owner) {
        return switch (r.nextInt(4)) {
            case 0 -> Audience.organization(kit.system().members().get(owner).organization());
            case 1 -> Audience.platform();
            default -> Audience.community();
        };
    }

    private static CompetencyId[] some(Random r, List<CompetencyId> all) {
        int n = r.nextInt(3);
        List<CompetencyId> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CompetencyId c = pick(r, all);
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        return out.toArray(CompetencyId[]::new);
    }

    private static MemberProfile randomProfile(Random r, String name, OrganizationId org, World w) {
        List<Competence> competences = new ArrayList<>();
        for (int k = r.nextInt(4); k > 0; k--) {
            CompetencyId c = pick(r, w.competencies);
            if (competences.stream().noneMatch(x -> x.competency().equals(c))) {
                competences.add(new Competence(c, Proficiency.values()[r.nextInt(Proficiency.values().length)]));
            }
        }
        Set<CompetencyId> ambitions = new java.util.HashSet<>();
        for (int k = r.nextInt(3); k > 0; k--) {
            ambitions.add(pick(r, w.competencies));
        }
        return MemberProfile.of(name, org).withCompetences(competences).withAmbitions(ambitions)
                .withFindableAsExpert(r.nextBoolean());
    }

    private CopKit kit(ManualClock clock, ExpertRules rules) {
        return CopKit.builder().storage(newStorage()).search(newSearchIndex()).clock(clock).expertRules(rules)
                .searchWait(Duration.ofMinutes(1)).build();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    @DisplayName("Experts by competency and by text, and peers, are those of the scan, in the same order, for every viewer")
    void sameAsTheScan(long seed) {
        Random r = new Random(seed);
        ManualClock clock = new ManualClock(Instant.parse("2025-03-01T09:00:00Z"));
        try (CopKit kit = kit(clock, ExpertRules.defaults())) {
            World w = build(kit, clock, r);
            List<CopKit.As> viewers = new ArrayList<>();
            viewers.add(kit.system());
            for (int i = 0; i < 8; i++) {
                viewers.add(kit.as(w.members.get(i)));
            }
            boolean listedMany = false;
            for (CopKit.As v : viewers) {
                ScanExperts oracle = ScanExperts.of(v);
                for (CompetencyId c : w.competencies) {
                    List<ExpertSuggestion> found = v.experts().find(c, 50);
                    assertThat(found).as("experts on %s for %s", c, v).isEqualTo(oracle.find(c, 50));
                    assertThat(v.experts().find(c, 3)).isEqualTo(oracle.find(c, 3));
                    listedMany |= found.stream().anyMatch(s -> s.evidence().publishedItems()
                            > ExpertEvidence.MAX_CONTRIBUTIONS);
                }
                for (String text : List.of("heat", "Netten", "topic 1", "Question", "Item 7", "nothing-matches")) {
                    assertThat(v.experts().find(text, 50)).as("experts on '%s' for %s", text, v)
                            .isEqualTo(oracle.find(text, 50));
                }
                for (CommunityId c : w.communities) {
                    assertThat(v.onboarding().startHere(c).peers()).as("peers in %s for %s", c, v)
                            .isEqualTo(ScanPeers.peers(v, c));
                }
            }
            // the world is not degenerate: somebody is found, and one list was cut at the bound
            assertThat(kit.system().experts().find(w.competencies.get(0), 50)).isNotEmpty();
            assertThat(listedMany).isTrue();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3})
    @DisplayName("Rules that score members without evidence suggest every candidate, as the scan did")
    void rulesScoringNoEvidence_suggestEveryCandidate(long seed) {
        Random r = new Random(seed);
        ManualClock clock = new ManualClock(Instant.parse("2025-03-01T09:00:00Z"));
        ExpertRules generous = e -> 1 + ExpertRules.defaults().score(e);
        try (CopKit kit = kit(clock, generous)) {
            World w = build(kit, clock, r);
            for (MemberId m : w.members.subList(0, 4)) {
                CopKit.As v = kit.as(m);
                ScanExperts oracle = ScanExperts.of(v);
                for (CompetencyId c : w.competencies.subList(0, 3)) {
                    assertThat(v.experts().find(c, 50)).isEqualTo(oracle.find(c, 50)).hasSizeGreaterThan(5);
                }
                assertThat(v.experts().find("nothing-matches", 50)).isEqualTo(oracle.find("nothing-matches", 50));
            }
        }
    }
}
