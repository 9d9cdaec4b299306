package org.copkit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** Compiles and runs the snippet shown in the README, and checks the README still shows it verbatim. */
class ReadmeSnippetTest {

    @Test
    void readmeSnippet_runs_andFindsThePublishedItem() {
        // README-SNIPPET-START
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
        // README-SNIPPET-END
        assertThat(result.total()).isEqualTo(1);
        assertThat(result.hits().get(0).title()).isEqualTo("Apply before installing");
        kit.close();
    }

    @Test
    void readme_showsTheSnippetVerbatim() throws IOException {
        Path source = Path.of("src/test/java/org/copkit/examples/quickstart/ReadmeSnippetTest.java");
        String code = Files.readString(source, StandardCharsets.UTF_8);
        String snippet = code.substring(code.indexOf("// README-SNIPPET-START") + "// README-SNIPPET-START".length(),
                code.indexOf("        // README-SNIPPET-END"));
        String readme = Files.readString(Path.of("../../README.md"), StandardCharsets.UTF_8);
        String expected = snippet.lines().map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                .filter(l -> !l.isEmpty()).reduce((a, b) -> a + "\n" + b).orElseThrow();
        assertThat(readme).contains(expected);
    }
}
