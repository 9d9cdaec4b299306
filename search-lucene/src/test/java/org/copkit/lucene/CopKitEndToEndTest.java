package org.copkit.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.copkit.CopKit;
import org.copkit.access.Audience;
import org.copkit.community.Community;
import org.copkit.community.CommunityDraft;
import org.copkit.community.MembershipPolicy;
import org.copkit.domain.Domain;
import org.copkit.guice.CopKitModule;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;
import org.copkit.memory.InMemorySearchIndex;
import org.copkit.memory.InMemoryStorage;
import org.copkit.search.SearchHit;
import org.copkit.search.SearchQuery;
import org.copkit.search.SearchResult;
import org.copkit.spi.Storage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CoPKit with the Lucene index: publish, search as members, restart, recover from a corrupt index. */
class CopKitEndToEndTest {
    private static final Locale NL = Locale.forLanguageTag("nl");
    private static final OrganizationId PROVINCE = OrganizationId.of("provincie");
    private static final OrganizationId CITY = OrganizationId.of("gemeente");
    private static final MemberId ANNA = MemberId.of("anna");
    private static final MemberId BRAM = MemberId.of("bram");

    @TempDir
    Path dir;

    private final Storage storage = InMemoryStorage.create();

    private CopKit kit() {
        return CopKit.builder().storage(storage).search(LuceneSearchIndex.open(dir)).build();
    }

    /** Anna (province) and Bram (city) in one community; a shared Dutch lesson and a province-only decision. */
    private void populate(CopKit kit) {
        CopKit.As host = kit.system();
        host.organizations().register(PROVINCE, "Provincie", "");
        host.organizations().register(CITY, "Gemeente", "");
        host.members().register(ANNA, MemberProfile.of("Anna", PROVINCE));
        host.members().register(BRAM, MemberProfile.of("Bram", CITY));
        CopKit.As anna = kit.as(ANNA);
        Domain heat = anna.domains().create("Warmtetransitie", "Aardgasvrije wijken");
        Community c = anna.communities().create(CommunityDraft.of(heat.id(), "Warmte in de wijk", "Samen leren")
                .withPolicy(MembershipPolicy.OPEN).spanning(PROVINCE, CITY));
        kit.as(BRAM).communities().join(c.id());
        KnowledgeItem lesson = anna.knowledge().create(ItemDraft.of(c.id(), ItemKind.LESSON_LEARNED,
                new ItemContent("Warmtepompsubsidie: aanvragen vóór de installatie",
                        "Wie de warmtepomp al liet plaatsen, kreeg geen subsidie meer.", Set.of("subsidie"), Set.of(), NL))
                .withAudience(Audience.partners(PROVINCE, CITY)));
        anna.knowledge().publish(lesson.id(), lesson.version());
        KnowledgeItem internal = anna.knowledge().create(ItemDraft.of(c.id(), ItemKind.DECISION,
                ItemContent.of("Budget warmtepompsubsidie", "Intern: het budget voor de warmtepomp wordt verdubbeld.", NL))
                .withAudience(Audience.organization(PROVINCE)));
        anna.knowledge().publish(internal.id(), internal.version());
    }

    private static Set<String> titles(SearchResult r) {
        Set<String> out = new HashSet<>();
        r.hits().forEach(h -> out.add(h.title()));
        return out;
    }

    @Test
    @DisplayName("published items are found through compounds, restricted content stays hidden, and both survive a restart")
    void publishSearchRestart() {
        try (CopKit kit = kit()) {
            populate(kit);

            assertThat(titles(kit.as(BRAM).search().query("warmtepomp")))
                    .containsExactly("Warmtepompsubsidie: aanvragen vóór de installatie");
            assertThat(kit.as(ANNA).search().query("warmtepomp").total()).isEqualTo(2);
        }
        try (CopKit kit = kit()) {
            SearchResult r = kit.as(BRAM).search().query("warmtepomp");
            assertThat(titles(r)).containsExactly("Warmtepompsubsidie: aanvragen vóór de installatie");
            assertThat(r.hits()).extracting(SearchHit::snippet).allSatisfy(s -> assertThat(s).contains("<mark>"));
            assertThat(kit.as(ANNA).search().suggest("budg", 5)).containsExactly("Budget warmtepompsubsidie");
            assertThat(kit.as(BRAM).search().suggest("budg", 5)).isEmpty();
        }
    }

    @Test
    @DisplayName("after the index files are corrupted the kit rebuilds the index from the change feed, equal to storage")
    void corruptIndexCatchesUp() throws IOException {
        try (CopKit kit = kit()) {
            populate(kit);
        }
        DurabilityTest.corrupt(dir);

        try (CopKit kit = kit(); CopKit reference = CopKit.builder().storage(storage).search(new InMemorySearchIndex())
                .build()) {
            SearchQuery everything = SearchQuery.of("").withStatuses("DRAFT", "PUBLISHED", "NEEDS_REVIEW", "ARCHIVED",
                    "OPEN", "ANSWERED", "ACTIVE", "SCHEDULED").page(0, 100);
            Set<String> lucene = new HashSet<>();
            kit.system().search().query(everything).hits().forEach(h -> lucene.add(h.ref().toString()));
            Set<String> expected = new HashSet<>();
            reference.system().search().query(everything).hits().forEach(h -> expected.add(h.ref().toString()));

            assertThat(lucene).isNotEmpty().isEqualTo(expected);
            assertThat(kit.as(BRAM).search().query("warmtepomp").total()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("reindex() rebuilds the Lucene index from storage and keeps the results")
    void reindex() {
        try (CopKit kit = kit()) {
            populate(kit);
            kit.reindex();

            assertThat(kit.as(ANNA).search().query("warmtepomp").total()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("Guice: LuceneSearchModule binds the search index of CopKitModule")
    void guiceModule() {
        CopKit kit = Guice.createInjector(new CopKitModule(), new LuceneSearchModule(dir)).getInstance(CopKit.class);
        try (kit) {
            assertThat(kit.toString()).contains("LuceneSearchIndex");
            populate(kit);
            assertThat(kit.as(ANNA).search().query("subsidie").total()).isEqualTo(2);
        }
    }
}
