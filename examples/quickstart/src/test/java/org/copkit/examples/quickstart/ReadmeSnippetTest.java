package org.copkit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import org.copkit.CopKit;
import org.copkit.access.Audience;
import org.copkit.community.Community;
import org.copkit.community.CommunityDraft;
import org.copkit.domain.Domain;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;
import org.copkit.search.SearchResult;
import org.junit.jupiter.api.Test;

/** Compiles and runs the snippet shown in the README; {@link DocSnippetsTest} checks the README shows it verbatim. */
class ReadmeSnippetTest {

    @Test
    void readmeSnippet_runs_andFindsThePublishedItem() {
        // SNIPPET README.md
        CopKit kit = CopKit.inMemory();
        kit.system().organizations().register(OrganizationId.of("acme"), "Acme", "");
        kit.system().members().register(MemberId.of("anna"), MemberProfile.of("Anna", OrganizationId.of("acme")));
        CopKit.As anna = kit.as(MemberId.of("anna"));
        Domain domain = anna.domains().create("Heat transition", "Gas-free neighbourhoods");
        Community cop = anna.communities().create(CommunityDraft.of(domain.id(), "Heat pumps", "We learn together"));
        KnowledgeItem item = anna.knowledge().create(ItemDraft.of(cop.id(), ItemKind.LESSON_LEARNED,
                ItemContent.of("Apply before installing", "Subsidy needs the application first.", java.util.Locale.ENGLISH))
                .withAudience(Audience.organization(OrganizationId.of("acme"))));
        anna.knowledge().publish(item.id(), item.version());
        SearchResult result = anna.search().query("subsidy");
        // END SNIPPET
        assertThat(result.total()).isEqualTo(1);
        assertThat(result.hits().get(0).title()).isEqualTo("Apply before installing");
        kit.close();
    }
}
