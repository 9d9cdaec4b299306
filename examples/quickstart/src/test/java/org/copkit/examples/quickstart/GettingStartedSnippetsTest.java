package org.copkit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.copkit.CopKit;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.access.Action;
import org.copkit.access.AccessRules;
import org.copkit.access.Decision;
import org.copkit.activity.Activity;
import org.copkit.community.Community;
import org.copkit.community.CommunityDraft;
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
import org.junit.jupiter.api.Test;

/** The code shown in docs/getting-started.md, compiled and run. */
class GettingStartedSnippetsTest {

    @Test
    void builder_withFixedClock_customRules_andListener() {
        List<Activity> seen = new ArrayList<>();
        // SNIPPET docs/getting-started.md
        OrganizationId contractors = OrganizationId.of("contractor-bv");
        AccessRules noPublishingByContractors = (actor, request) ->
                request.action() == Action.PUBLISH_ITEM && actor.organization().equals(contractors)
                        ? Decision.deny("contractors do not publish; ask a core member")
                        : AccessRules.defaults().decide(actor, request);

        CopKit kit = CopKit.builder()
                .storage(InMemoryStorage.create())
                .search(new InMemorySearchIndex())
                .clock(Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC))
                .accessRules(noPublishingByContractors)
                .listener(activity -> seen.add(activity))
                .build();
        // END SNIPPET
        kit.system().organizations().register(contractors, "Contractor BV", "");
        kit.system().members().register(MemberId.of("carl"), MemberProfile.of("Carl", contractors));
        CopKit.As carl = kit.as(MemberId.of("carl"));
        Domain d = carl.domains().create("Heat", "");
        Community c = carl.communities().create(CommunityDraft.of(d.id(), "Heat pumps", ""));
        KnowledgeItem item = carl.knowledge().create(ItemDraft.of(c.id(), ItemKind.TOOL,
                ItemContent.of("Checklist", "", Locale.ENGLISH)));

        // SNIPPET docs/getting-started.md
        try {
            carl.knowledge().publish(item.id(), item.version());
        } catch (CopKitException e) {
            if (e.code() == ErrorCode.FORBIDDEN) {
                System.out.println("Refused: " + e.getMessage());
            }
        }
        // END SNIPPET
        assertThatThrownBy(() -> carl.knowledge().publish(item.id(), item.version()))
                .hasMessageContaining("contractors do not publish");
        assertThat(seen).isNotEmpty();
        assertThat(seen.get(0).at()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        kit.close();
    }

    @Test
    void guice_buildsTheKitFromBindings() {
        // SNIPPET docs/getting-started.md
        Injector injector = Guice.createInjector(new CopKitModule(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(Clock.class).toInstance(Clock.systemUTC());
                CopKitModule.listeners(binder()).addBinding().toInstance(a -> System.out.println(a.verb()));
            }
        });
        CopKit kit = injector.getInstance(CopKit.class);
        // END SNIPPET
        kit.system().organizations().register(OrganizationId.of("acme"), "Acme", "");
        assertThat(kit.system().organizations().get(OrganizationId.of("acme")).name()).isEqualTo("Acme");
        assertThat(injector.getInstance(CopKit.class)).isSameAs(kit);
        kit.close();
    }
}
