package org.copkit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.copkit.access.Audience;
import org.copkit.activity.Activity;
import org.copkit.community.Community;
import org.copkit.community.CommunityDraft;
import org.copkit.community.CommunityId;
import org.copkit.community.Role;
import org.copkit.domain.Competency;
import org.copkit.domain.CompetencyDraft;
import org.copkit.domain.DomainId;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;
import org.copkit.memory.InMemoryStorage;

/**
 * A kit on real in-memory backends with a {@link TestClock}, three organisations and helpers to set up
 * members, communities and items. Records every activity its listener hears.
 */
public final class Fixture implements AutoCloseable {
    public static final OrganizationId ACME = OrganizationId.of("acme");
    public static final OrganizationId BETA = OrganizationId.of("beta");
    public static final OrganizationId GAMMA = OrganizationId.of("gamma");
    public static final Locale EN = Locale.ENGLISH;

    public final TestClock clock = TestClock.atStart();
    public final InMemoryStorage storage = InMemoryStorage.create(clock);
    public final List<Activity> heard = new CopyOnWriteArrayList<>();
    public final CopKit kit;
    public final DomainId domain;

    private Fixture(Consumer<CopKit.Builder> customize) {
        CopKit.Builder b = CopKit.builder().storage(storage).clock(clock).listener(heard::add);
        customize.accept(b);
        kit = b.build();
        for (OrganizationId o : List.of(ACME, BETA, GAMMA)) {
            kit.system().organizations().register(o, o.value().toUpperCase(Locale.ROOT), "");
        }
        domain = kit.system().domains().create("Energy transition", "Heat, grids and subsidies").id();
    }

    /** @return a fixture with the builder's defaults */
    public static Fixture create() {
        return new Fixture(b -> { });
    }

    /** @return a fixture whose builder the caller configures further (not storage, clock or listener) */
    public static Fixture create(Consumer<CopKit.Builder> customize) {
        return new Fixture(customize);
    }

    /** Registers a member of an organisation. */
    public MemberId member(String id, OrganizationId organization) {
        MemberId m = MemberId.of(id);
        kit.system().members().register(m, MemberProfile.of(id.substring(0, 1).toUpperCase(Locale.ROOT)
                + id.substring(1), organization));
        return m;
    }

    /** @return the member's view */
    public CopKit.As as(MemberId member) {
        return kit.as(member);
    }

    /** An OPEN community created by (and coordinated by) {@code coordinator}. */
    public CommunityId community(MemberId coordinator, String name) {
        return community(coordinator, CommunityDraft.of(domain, name, "A community about " + name));
    }

    /** A community created by (and coordinated by) {@code coordinator}. */
    public CommunityId community(MemberId coordinator, CommunityDraft draft) {
        Community c = kit.as(coordinator).communities().create(draft);
        return c.id();
    }

    /** Members join an OPEN community. */
    public void join(CommunityId community, MemberId... members) {
        for (MemberId m : members) {
            kit.as(m).communities().join(community);
        }
    }

    /** The coordinator gives a member a role. */
    public void role(CommunityId community, MemberId coordinator, MemberId member, Role role) {
        kit.as(coordinator).communities().changeRole(community, member, role);
    }

    /** A competency in the fixture's domain. */
    public Competency competency(String id) {
        return kit.system().domains().addCompetency(domain,
                CompetencyDraft.of(Map.of(EN, id)).withId(org.copkit.domain.CompetencyId.of(id)));
    }

    /** A DRAFT article with the given audience. */
    public KnowledgeItem draft(MemberId owner, CommunityId community, Audience audience, ItemContent content) {
        return kit.as(owner).knowledge().create(ItemDraft.of(community, ItemKind.ARTICLE, content)
                .withAudience(audience));
    }

    /** A PUBLISHED article (outside practices, so no approvals needed) with the given audience. */
    public KnowledgeItem published(MemberId owner, CommunityId community, Audience audience, ItemContent content) {
        KnowledgeItem d = draft(owner, community, audience, content);
        return kit.as(owner).knowledge().publish(d.id(), d.version());
    }

    /** @return simple English content */
    public static ItemContent content(String title, String body) {
        return ItemContent.of(title, body, EN);
    }

    /** @return a snapshot of everything stored */
    public StoreSnapshot snapshot() {
        return StoreSnapshot.of(kit, storage);
    }

    @Override
    public void close() {
        kit.close();
    }
}
