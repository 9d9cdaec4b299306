package org.copkit.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.Fixture.GAMMA;
import static org.copkit.Fixture.content;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.copkit.CopKit;
import org.copkit.Fixture;
import org.copkit.NotFoundException;
import org.copkit.ObjectType;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.StoreSnapshot;
import org.copkit.activity.Activity;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeDraft;
import org.copkit.community.PracticeId;
import org.copkit.community.Role;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.ItemQuery;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;
import org.copkit.search.Facet;
import org.copkit.search.SearchHit;
import org.copkit.search.SearchQuery;
import org.copkit.search.SearchResult;
import org.copkit.search.SimilarQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Confidentiality on every read path: get, list, count, revisions, revision, activity feeds and
 * history, search hits, totals and facets, similar and suggest. Every negative assertion has a
 * positive control (a reader who may see the item does see it), so no test passes vacuously.
 */
class AccessLeakTest {
    private Fixture f;
    private MemberId anna; // ACME, coordinator
    private MemberId alex; // ACME, member
    private MemberId ava; // ACME, core member
    private MemberId bob; // BETA, core member
    private MemberId carl; // GAMMA, member
    private MemberId dina; // GAMMA, not a member
    private CommunityId heat;
    private PracticeId secretPractice;
    private KnowledgeItem secret; // ORGANIZATION(ACME), published, German, own practice and tag
    private KnowledgeItem open; // PLATFORM, published

    @BeforeEach
    void setUp() {
        f = Fixture.create();
        anna = f.member("anna", ACME);
        alex = f.member("alex", ACME);
        ava = f.member("ava", ACME);
        bob = f.member("bob", BETA);
        carl = f.member("carl", GAMMA);
        dina = f.member("dina", GAMMA);
        heat = f.community(anna, "Heat pumps");
        f.join(heat, alex, ava, bob, carl);
        f.role(heat, anna, ava, Role.CORE);
        f.role(heat, anna, bob, Role.CORE);
        secretPractice = f.as(anna).practices().create(heat, PracticeDraft.of("Tenders", "Internal tenders")).id();
        KnowledgeItem d = f.as(anna).knowledge().create(ItemDraft.of(heat, ItemKind.ARTICLE,
                new ItemContent("Zwartboek warmtepomp subsidie", "Vertrouwelijk: subsidie bedragen per gemeente",
                        Set.of("geheimtag", "subsidie"), Set.of(), Locale.GERMAN))
                .inPractice(secretPractice).withAudience(Audience.organization(ACME)));
        d = f.as(anna).knowledge().edit(d.id(), d.version(), d.content().withBody(
                "Vertrouwelijk: subsidie bedragen per gemeente, herzien"), "second revision");
        secret = f.as(anna).knowledge().publish(d.id(), d.version());
        open = f.published(anna, heat, Audience.platform(),
                content("Warmtepomp subsidie overview", "Public overview of every subsidie").withTags("subsidie"));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static Ref ref(KnowledgeItem i) {
        return Ref.of(ObjectType.KNOWLEDGE_ITEM, i.id());
    }

    private static List<Ref> refs(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::ref).toList();
    }

    private static List<Ref> objects(List<Activity> activities) {
        return activities.stream().map(Activity::object).toList();
    }

    private String missingMessage(CopKit.As reader, KnowledgeItemId invisible) {
        KnowledgeItemId missing = KnowledgeItemId.of("no-such-item");
        Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> reader.knowledge().get(missing));
        assertThat(e).isInstanceOf(NotFoundException.class);
        return e.getMessage().replace(missing.value(), invisible.value());
    }

    // ---- organisation audience: every path -------------------------------------------------------

    @Test
    void get_ofAnotherOrganisationsItem_isNotFound_withTheMessageOfAMissingId() {
        assertThat(f.as(alex).knowledge().get(secret.id())).isEqualTo(secret);

        String expected = missingMessage(f.as(bob), secret.id());
        assertThatThrownBy(() -> f.as(bob).knowledge().get(secret.id()))
                .isExactlyInstanceOf(NotFoundException.class).hasMessage(expected);
        assertThatThrownBy(() -> f.as(carl).knowledge().get(secret.id()))
                .isExactlyInstanceOf(NotFoundException.class).hasMessage(expected);
    }

    @Test
    void writes_onAnotherOrganisationsItem_areNotFound_andChangeNothing() {
        // bob is a core member (a reviewer) but not in ACME: for him the item does not exist
        StoreSnapshot before = f.snapshot();
        String expected = missingMessage(f.as(bob), secret.id());
        CopKit.As b = f.as(bob);
        List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> calls = List.of(
                () -> b.knowledge().edit(secret.id(), secret.version(), secret.content(), "x"),
                () -> b.knowledge().changeAudience(secret.id(), secret.version(), Audience.platform()),
                () -> b.knowledge().archive(secret.id(), secret.version(), "x"),
                () -> b.knowledge().restore(secret.id(), secret.version(), 1, ""),
                () -> b.knowledge().supersede(secret.id(), secret.version(), open.id()),
                () -> b.knowledge().approve(secret.id(), secret.version()),
                // a stale version must not reveal that the item exists either
                () -> b.knowledge().edit(secret.id(), 99, secret.content(), "x"));
        for (var call : calls) {
            assertThatThrownBy(call).isExactlyInstanceOf(NotFoundException.class).hasMessage(expected);
        }
        assertThat(f.snapshot()).isEqualTo(before);
    }

    @Test
    void list_andCount_leaveOutAnotherOrganisationsItems() {
        ItemQuery q = ItemQuery.in(heat);
        assertThat(f.as(alex).knowledge().list(q, PageRequest.first()).items()).contains(secret, open);
        assertThat(f.as(alex).knowledge().count(q)).isEqualTo(2);
        assertThat(f.as(alex).knowledge().count(q.inPractice(secretPractice))).isEqualTo(1);

        for (MemberId outsider : List.of(bob, carl)) {
            assertThat(f.as(outsider).knowledge().list(q, PageRequest.first()).items()).containsExactly(open);
            assertThat(f.as(outsider).knowledge().count(q)).isEqualTo(1);
            assertThat(f.as(outsider).knowledge().list(q.inPractice(secretPractice), PageRequest.first()).items())
                    .isEmpty();
            assertThat(f.as(outsider).knowledge().count(q.inPractice(secretPractice))).isZero();
        }
    }

    @Test
    void list_pagesOverHiddenItems_withoutSkippingOrRepeatingVisibleOnes() {
        for (int i = 0; i < 5; i++) {
            f.published(anna, heat, Audience.organization(ACME), content("Hidden " + i, "x"));
            f.published(anna, heat, Audience.platform(), content("Shown " + i, "x"));
        }
        List<KnowledgeItem> seen = StoreSnapshot.all(p -> f.as(bob).knowledge().list(ItemQuery.in(heat),
                new PageRequest(p.after(), 2)));
        assertThat(seen).extracting(KnowledgeItem::title).doesNotHaveDuplicates()
                .allMatch(t -> !t.startsWith("Hidden") && !t.startsWith("Zwartboek")).hasSize(6);
    }

    @Test
    void revisions_andRevision_ofAnotherOrganisationsItem_areNotFound() {
        assertThat(f.as(alex).knowledge().revisions(secret.id(), PageRequest.first()).items()).hasSize(2);
        assertThat(f.as(alex).knowledge().revision(secret.id(), 1).content().title()).startsWith("Zwartboek");

        String expected = missingMessage(f.as(bob), secret.id());
        assertThatThrownBy(() -> f.as(bob).knowledge().revisions(secret.id(), PageRequest.first()))
                .isExactlyInstanceOf(NotFoundException.class).hasMessage(expected);
        assertThatThrownBy(() -> f.as(bob).knowledge().revision(secret.id(), 1))
                .isExactlyInstanceOf(NotFoundException.class).hasMessage(expected);
        // a revision number that does not exist gives the same answer as one that does
        assertThatThrownBy(() -> f.as(bob).knowledge().revision(secret.id(), 77))
                .isExactlyInstanceOf(NotFoundException.class).hasMessage(expected);
    }

    @Test
    void activityFeeds_andHistory_leaveOutAnotherOrganisationsItems() {
        Ref s = ref(secret);
        Optional<CommunityId> c = Optional.of(heat);
        assertThat(objects(f.as(alex).activities().feed(c, Optional.empty(), PageRequest.first()).items()))
                .contains(s, ref(open));
        assertThat(objects(f.as(alex).activities().feed(Optional.empty(), Optional.of(anna), PageRequest.first())
                .items())).contains(s);
        // the draft's CREATED and EDITED are for reviewers; a plain member sees the publication only
        assertThat(f.as(ava).activities().history(s, PageRequest.first()).items()).hasSize(3);
        assertThat(f.as(alex).activities().history(s, PageRequest.first()).items()).hasSize(1);

        for (MemberId outsider : List.of(bob, carl, dina)) {
            CopKit.As o = f.as(outsider);
            List<Activity> community = StoreSnapshot.all(p -> o.activities().feed(c, Optional.empty(), p));
            List<Activity> byAnna = StoreSnapshot.all(p -> o.activities().feed(Optional.empty(), Optional.of(anna), p));
            List<Activity> everything = StoreSnapshot.all(p -> o.activities().feed(Optional.empty(), Optional.empty(), p));
            assertThat(objects(community)).doesNotContain(s);
            assertThat(objects(byAnna)).doesNotContain(s);
            assertThat(objects(everything)).doesNotContain(s);
            assertThat(everything).allSatisfy(a -> assertThat(a.target()).isNotEqualTo(Optional.of(s)));
            assertThat(o.activities().history(s, PageRequest.first()).items()).isEmpty();
        }
        assertThat(objects(f.as(dina).activities().feed(Optional.empty(), Optional.of(anna), PageRequest.first())
                .items())).contains(ref(open));
    }

    @Test
    void search_leavesOutAnotherOrganisationsItems_fromHitsTotalAndEveryFacet() {
        SearchResult insider = f.as(alex).search().query("subsidie");
        assertThat(refs(insider.hits())).containsExactlyInAnyOrder(ref(secret), ref(open));
        assertThat(insider.total()).isEqualTo(2);
        assertThat(insider.facets().get(Facet.TAG)).containsKey("geheimtag");
        assertThat(insider.facets().get(Facet.LANGUAGE)).containsKey("de");
        assertThat(insider.facets().get(Facet.PRACTICE)).containsKey(secretPractice.value());

        for (MemberId outsider : List.of(bob, carl, dina)) {
            SearchResult r = f.as(outsider).search().query("subsidie");
            assertThat(refs(r.hits())).containsExactly(ref(open));
            assertThat(r.total()).isEqualTo(1);
            assertThat(r.facets().get(Facet.TYPE)).containsExactly(java.util.Map.entry("KNOWLEDGE_ITEM", 1L));
            assertThat(r.facets().get(Facet.COMMUNITY)).containsExactly(java.util.Map.entry(heat.value(), 1L));
            assertThat(r.facets().get(Facet.PRACTICE)).isEmpty();
            assertThat(r.facets().get(Facet.TAG)).containsExactly(java.util.Map.entry("subsidie", 1L));
            assertThat(r.facets().get(Facet.LANGUAGE)).containsExactly(java.util.Map.entry("en", 1L));
            assertThat(r.hits()).allSatisfy(h -> assertThat(h.snippet()).doesNotContain("Vertrouwelijk"));

            // asking for the secret's own words, tag, language or practice finds nothing at all
            for (SearchQuery q : List.of(SearchQuery.of("zwartboek"), SearchQuery.of("vertrouwelijk"),
                    SearchQuery.of("").withTags("geheimtag"), SearchQuery.of("").withLanguages(Locale.GERMAN),
                    SearchQuery.of("").withPractices(secretPractice),
                    SearchQuery.of("zwartboek").withStatuses("PUBLISHED", "DRAFT", "IN_REVIEW"))) {
                SearchResult none = f.as(outsider).search().query(q);
                assertThat(none.hits()).as(q.toString()).isEmpty();
                assertThat(none.total()).as(q.toString()).isZero();
                assertThat(none.facets().values()).as(q.toString()).allSatisfy(m -> assertThat(m).isEmpty());
            }
        }
    }

    @Test
    void similar_andSuggest_leaveOutAnotherOrganisationsItems() {
        SimilarQuery like = SimilarQuery.of("Zwartboek warmtepomp subsidie vertrouwelijk bedragen gemeente");
        assertThat(refs(f.as(alex).search().similar(like))).contains(ref(secret));
        assertThat(f.as(alex).search().suggest("zwart", 10)).contains("Zwartboek warmtepomp subsidie");
        assertThat(f.as(alex).search().suggest("geheim", 10)).contains("geheimtag");

        for (MemberId outsider : List.of(bob, carl, dina)) {
            assertThat(refs(f.as(outsider).search().similar(like))).containsExactly(ref(open));
            assertThat(f.as(outsider).search().suggest("zwart", 10)).isEmpty();
            assertThat(f.as(outsider).search().suggest("geheim", 10)).isEmpty();
            assertThat(f.as(outsider).search().suggest("warm", 10)).containsExactly("Warmtepomp subsidie overview");
        }
    }

    // ---- partner audience ------------------------------------------------------------------------

    @Test
    void partnerAudience_admitsTheNamedPartners_andNoOtherOrganisation() {
        KnowledgeItem shared = f.published(anna, heat, Audience.partners(ACME, BETA),
                content("Gedeelde netcongestie aanpak", "Shared with beta").withTags("netcongestie"));
        Ref r = ref(shared);

        for (MemberId partner : List.of(alex, bob)) {
            CopKit.As p = f.as(partner);
            assertThat(p.knowledge().get(shared.id())).isEqualTo(shared);
            assertThat(p.knowledge().list(ItemQuery.in(heat), PageRequest.first()).items()).contains(shared);
            assertThat(p.knowledge().revisions(shared.id(), PageRequest.first()).items()).hasSize(1);
            assertThat(p.activities().history(r, PageRequest.first()).items()).isNotEmpty();
            assertThat(refs(p.search().query("netcongestie").hits())).containsExactly(r);
            assertThat(refs(p.search().similar(SimilarQuery.of("gedeelde netcongestie aanpak")))).contains(r);
            assertThat(p.search().suggest("netcon", 5)).contains("netcongestie");
        }

        for (MemberId outsider : List.of(carl, dina)) {
            CopKit.As o = f.as(outsider);
            assertThatThrownBy(() -> o.knowledge().get(shared.id())).isExactlyInstanceOf(NotFoundException.class)
                    .hasMessage(missingMessage(o, shared.id()));
            assertThat(o.knowledge().list(ItemQuery.in(heat), PageRequest.first()).items()).doesNotContain(shared);
            assertThat(o.knowledge().count(ItemQuery.in(heat))).isEqualTo(1);
            assertThatThrownBy(() -> o.knowledge().revision(shared.id(), 1))
                    .isExactlyInstanceOf(NotFoundException.class);
            assertThat(o.activities().history(r, PageRequest.first()).items()).isEmpty();
            SearchResult res = o.search().query("netcongestie");
            assertThat(res.hits()).isEmpty();
            assertThat(res.total()).isZero();
            assertThat(res.facets().get(Facet.TAG)).isEmpty();
            assertThat(o.search().similar(SimilarQuery.of("gedeelde netcongestie aanpak"))).isEmpty();
            assertThat(o.search().suggest("netcon", 5)).isEmpty();
        }
    }

    // ---- community audience -------------------------------------------------------------------------

    @Test
    void communityAudience_admitsActiveMembersOnly_andAMemberWhoLeftLosesAccess() {
        KnowledgeItem inner = f.published(anna, heat, Audience.community(),
                content("Kringloop warmtenet lessen", "Only for the community").withTags("kringloop"));
        Ref r = ref(inner);
        CopKit.As c = f.as(carl);
        assertThat(c.knowledge().get(inner.id())).isEqualTo(inner);
        assertThat(refs(c.search().query("kringloop").hits())).containsExactly(r);
        assertThat(c.activities().history(r, PageRequest.first()).items()).isNotEmpty();
        assertThat(c.search().suggest("kring", 5)).isNotEmpty();

        CopKit.As d = f.as(dina);
        assertThatThrownBy(() -> d.knowledge().get(inner.id())).isExactlyInstanceOf(NotFoundException.class);
        assertThat(d.search().query("kringloop").total()).isZero();

        c.communities().leave(heat);

        assertThatThrownBy(() -> c.knowledge().get(inner.id())).isExactlyInstanceOf(NotFoundException.class)
                .hasMessage(missingMessage(c, inner.id()));
        assertThat(c.knowledge().list(ItemQuery.in(heat), PageRequest.first()).items()).doesNotContain(inner);
        assertThat(c.knowledge().count(ItemQuery.in(heat))).isEqualTo(1);
        assertThatThrownBy(() -> c.knowledge().revisions(inner.id(), PageRequest.first()))
                .isExactlyInstanceOf(NotFoundException.class);
        assertThat(c.activities().history(r, PageRequest.first()).items()).isEmpty();
        assertThat(objects(StoreSnapshot.all(p -> c.activities().feed(Optional.of(heat), Optional.empty(), p))))
                .doesNotContain(r);
        SearchResult res = c.search().query("kringloop");
        assertThat(res.hits()).isEmpty();
        assertThat(res.total()).isZero();
        assertThat(res.facets().get(Facet.TAG)).isEmpty();
        assertThat(c.search().similar(SimilarQuery.of("kringloop warmtenet lessen"))).isEmpty();
        assertThat(c.search().suggest("kring", 5)).isEmpty();
    }

    // ---- drafts ----------------------------------------------------------------------------------

    @Test
    void drafts_areVisibleToTheOwnerAndToReviewersWithinTheAudience_only() {
        KnowledgeItem platformDraft = f.draft(alex, heat, Audience.platform(), content("Ontwerp openbaar concept", "x"));
        KnowledgeItem acmeDraft = f.draft(alex, heat, Audience.organization(ACME),
                content("Ontwerp intern concept", "x"));
        KnowledgeItemId p = platformDraft.id();
        KnowledgeItemId a = acmeDraft.id();

        // owner
        assertThat(f.as(alex).knowledge().get(p)).isEqualTo(platformDraft);
        assertThat(f.as(alex).knowledge().get(a)).isEqualTo(acmeDraft);
        // reviewers (coordinator, core) inside the audience
        assertThat(f.as(anna).knowledge().get(a)).isEqualTo(acmeDraft);
        assertThat(f.as(ava).knowledge().get(a)).isEqualTo(acmeDraft);
        assertThat(f.as(bob).knowledge().get(p)).isEqualTo(platformDraft);
        // a reviewer outside the audience
        assertThatThrownBy(() -> f.as(bob).knowledge().get(a)).isExactlyInstanceOf(NotFoundException.class)
                .hasMessage(missingMessage(f.as(bob), a));
        // plain members, even of the right organisation, and non-members
        for (MemberId nonReviewer : List.of(carl, dina)) {
            assertThatThrownBy(() -> f.as(nonReviewer).knowledge().get(p)).isExactlyInstanceOf(NotFoundException.class);
        }
        f.member("amos", ACME);
        f.join(heat, MemberId.of("amos"));
        CopKit.As amos = f.as(MemberId.of("amos"));
        assertThatThrownBy(() -> amos.knowledge().get(a)).isExactlyInstanceOf(NotFoundException.class);
        assertThat(amos.knowledge().list(ItemQuery.in(heat), PageRequest.first()).items())
                .doesNotContain(platformDraft, acmeDraft);
        assertThat(amos.activities().history(Ref.of(ObjectType.KNOWLEDGE_ITEM, a), PageRequest.first()).items())
                .isEmpty();
        SearchQuery drafts = SearchQuery.of("ontwerp").withStatuses("DRAFT");
        assertThat(amos.search().query(drafts).total()).isZero();
        assertThat(refs(f.as(bob).search().query(drafts).hits()))
                .containsExactly(Ref.of(ObjectType.KNOWLEDGE_ITEM, p));
        assertThat(f.as(ava).search().query(drafts).total()).isEqualTo(2);
        assertThat(f.as(ava).knowledge().count(ItemQuery.in(heat))).isEqualTo(4);
        assertThat(f.as(bob).knowledge().count(ItemQuery.in(heat))).isEqualTo(2); // open + platform draft
    }

    @Test
    void aStewardWhoLeftTheCommunity_noLongerSeesDraftsOfTheirPractice() {
        MemberId stef = f.member("stef", GAMMA);
        f.join(heat, stef);
        PracticeId stewarded = f.as(anna).practices().create(heat,
                PracticeDraft.of("Grids", "Grid work").withStewards(stef)).id();
        KnowledgeItem draft = f.as(alex).knowledge().create(ItemDraft.of(heat, ItemKind.ARTICLE,
                content("Grid draft", "x")).inPractice(stewarded).withAudience(Audience.platform()));
        assertThat(f.as(stef).knowledge().get(draft.id())).isEqualTo(draft);

        f.as(stef).communities().leave(heat);

        assertThatThrownBy(() -> f.as(stef).knowledge().get(draft.id())).isExactlyInstanceOf(NotFoundException.class);
        assertThat(f.as(stef).search().query(SearchQuery.of("grid").withStatuses("DRAFT")).total()).isZero();
    }

    // ---- audience narrowed after the fact ------------------------------------------------------------

    @Test
    void narrowingTheAudience_hidesTheItemsEarlierActivitiesToo() {
        KnowledgeItem wide = f.published(anna, heat, Audience.platform(), content("Eerst openbaar", "x"));
        Ref r = ref(wide);
        assertThat(f.as(bob).activities().history(r, PageRequest.first()).items()).isNotEmpty();

        f.as(anna).knowledge().changeAudience(wide.id(), wide.version(), Audience.organization(ACME));

        assertThat(f.as(ava).activities().history(r, PageRequest.first()).items()).hasSize(3);
        for (MemberId outsider : List.of(bob, carl, dina)) {
            CopKit.As o = f.as(outsider);
            assertThat(o.activities().history(r, PageRequest.first()).items()).isEmpty();
            assertThat(objects(StoreSnapshot.all(p -> o.activities().feed(Optional.empty(), Optional.empty(), p))))
                    .doesNotContain(r);
            assertThat(o.search().query("openbaar").total()).isZero();
        }
    }
}
