package org.copkit.guice;

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
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.copkit.AccessDeniedException;
import org.copkit.CopKit;
import org.copkit.PageRequest;
import org.copkit.StoreSnapshot;
import org.copkit.access.AccessRules;
import org.copkit.access.Action;
import org.copkit.access.Audience;
import org.copkit.access.Decision;
import org.copkit.activity.Activity;
import org.copkit.activity.ActivityListener;
import org.copkit.activity.Verb;
import org.copkit.community.Community;
import org.copkit.community.CommunityDraft;
import org.copkit.community.MembershipState;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.ItemQuery;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;
import org.copkit.memory.InMemoryStorage;
import org.copkit.search.SearchQuery;
import org.copkit.spi.IdGenerator;
import org.copkit.spi.Storage;
import org.junit.jupiter.api.Test;

/** The Guice module builds the same kit the builder does, from whatever the injector has bound. */
class CopKitModuleTest {
    private static final Clock FIXED = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    private static IdGenerator counter() {
        AtomicLong n = new AtomicLong();
        return () -> String.format("id-%06d", n.incrementAndGet());
    }

    /** A small scenario; returns everything a host could observe of it. */
    private static List<Object> scenario(CopKit kit) {
        OrganizationId acme = OrganizationId.of("acme");
        OrganizationId beta = OrganizationId.of("beta");
        kit.system().organizations().register(acme, "Acme", "");
        kit.system().organizations().register(beta, "Beta", "");
        MemberId anna = MemberId.of("anna");
        MemberId bob = MemberId.of("bob");
        kit.system().members().register(anna, MemberProfile.of("Anna", acme));
        kit.system().members().register(bob, MemberProfile.of("Bob", beta));
        var domain = kit.as(anna).domains().create("Energy", "");
        Community c = kit.as(anna).communities().create(CommunityDraft.of(domain.id(), "Heat", ""));
        kit.as(bob).communities().join(c.id());
        KnowledgeItem open = kit.as(anna).knowledge().create(ItemDraft.of(c.id(), ItemKind.ARTICLE,
                ItemContent.of("Heat pump basics", "How a heat pump works", java.util.Locale.ENGLISH))
                .withAudience(Audience.platform()));
        kit.as(anna).knowledge().publish(open.id(), open.version());
        KnowledgeItem internal = kit.as(anna).knowledge().create(ItemDraft.of(c.id(), ItemKind.TOOL,
                ItemContent.of("Heat pump calculator", "Internal", java.util.Locale.ENGLISH))
                .withAudience(Audience.organization(acme)));
        kit.as(anna).knowledge().publish(internal.id(), internal.version());
        List<Object> seen = new ArrayList<>();
        for (MemberId m : List.of(anna, bob)) {
            CopKit.As as = kit.as(m);
            seen.add(as.knowledge().list(ItemQuery.in(c.id()), PageRequest.first()));
            seen.add(as.activities().feed(Optional.empty(), Optional.empty(), PageRequest.first()));
            seen.add(as.search().query(SearchQuery.of("heat pump")));
            seen.add(as.search().suggest("heat", 5));
            seen.add(as.communities().memberships(c.id(), java.util.Set.of(MembershipState.ACTIVE),
                    PageRequest.first()));
        }
        seen.add(StoreSnapshot.all(p -> kit.system().members().list(p)));
        return seen;
    }

    @Test
    void theModulesKit_behavesLikeTheBuildersKit_forTheSameScenario() {
        List<Object> fromBuilder;
        try (CopKit kit = CopKit.builder().clock(FIXED).ids(counter()).build()) {
            fromBuilder = scenario(kit);
        }
        Injector injector = Guice.createInjector(new CopKitModule(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(Clock.class).toInstance(FIXED);
                bind(IdGenerator.class).toInstance(counter());
            }
        });
        try (CopKit kit = injector.getInstance(CopKit.class)) {
            assertThat(injector.getInstance(CopKit.class)).isSameAs(kit);
            assertThat(scenario(kit)).isEqualTo(fromBuilder);
        }
        assertThat(fromBuilder.toString()).contains("Heat pump basics", "Heat pump calculator");
    }

    @Test
    void boundClockStorageAndAccessRules_areUsed() {
        InMemoryStorage storage = InMemoryStorage.create(FIXED);
        AccessRules noDomains = (actor, request) -> request.action() == Action.CREATE_DOMAIN && !actor.system()
                ? Decision.deny("domains are curated centrally")
                : AccessRules.defaults().decide(actor, request);
        Injector injector = Guice.createInjector(new CopKitModule(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(Clock.class).toInstance(FIXED);
                bind(Storage.class).toInstance(storage);
                bind(AccessRules.class).toInstance(noDomains);
            }
        });
        try (CopKit kit = injector.getInstance(CopKit.class)) {
            assertThat(kit.clock()).isSameAs(FIXED);
            kit.system().organizations().register(OrganizationId.of("acme"), "Acme", "");
            kit.system().members().register(MemberId.of("anna"), MemberProfile.of("Anna", OrganizationId.of("acme")));
            assertThatThrownBy(() -> kit.as(MemberId.of("anna")).domains().create("Mine", ""))
                    .isInstanceOf(AccessDeniedException.class).hasMessage("domains are curated centrally");
            var d = kit.system().domains().create("Central", "");
            assertThat(d.createdAt()).isEqualTo(FIXED.instant());
            assertThat(storage.changes().head()).isEqualTo(3);
            assertThat(storage.changes().after(0, 10)).allSatisfy(ch -> assertThat(ch.at()).isEqualTo(FIXED.instant()));
        }
    }

    @Test
    void multiboundListeners_receiveEveryActivity() {
        List<Activity> first = new CopyOnWriteArrayList<>();
        List<Activity> second = new CopyOnWriteArrayList<>();
        Injector injector = Guice.createInjector(new CopKitModule(), new AbstractModule() {
            @Override
            protected void configure() {
                CopKitModule.listeners(binder()).addBinding().toInstance((ActivityListener) first::add);
            }
        }, new AbstractModule() {
            @Override
            protected void configure() {
                CopKitModule.listeners(binder()).addBinding().toInstance((ActivityListener) second::add);
            }
        });
        try (CopKit kit = injector.getInstance(CopKit.class)) {
            kit.system().organizations().register(OrganizationId.of("acme"), "Acme", "");
            kit.system().members().register(MemberId.of("anna"), MemberProfile.of("Anna", OrganizationId.of("acme")));
            assertThat(first).extracting(Activity::verb).containsExactly(Verb.REGISTERED, Verb.REGISTERED);
            assertThat(second).isEqualTo(first);
        }
    }

    @Test
    void theCustomizer_setsOptionsWithoutABinding() {
        List<Activity> heard = new CopyOnWriteArrayList<>();
        Injector injector = Guice.createInjector(new CopKitModule(b -> b.clock(FIXED).listener(heard::add)));
        try (CopKit kit = injector.getInstance(CopKit.class)) {
            kit.system().organizations().register(OrganizationId.of("acme"), "Acme", "");
            assertThat(heard).singleElement().satisfies(a -> assertThat(a.at()).isEqualTo(FIXED.instant()));
        }
    }
}
