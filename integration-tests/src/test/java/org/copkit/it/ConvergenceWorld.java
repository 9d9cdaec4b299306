package org.copkit.it;

import java.util.List;
import java.util.Locale;
import org.copkit.CopKit;
import org.copkit.access.Audience;
import org.copkit.community.Community;
import org.copkit.community.CommunityDraft;
import org.copkit.community.CommunityId;
import org.copkit.community.MembershipPolicy;
import org.copkit.domain.Domain;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;

/**
 * The world of {@link TwoNodeConvergenceTest}: a province, a municipality and a grid operator in one
 * community, and an outside organisation; items by two authors with audiences that each reader sees
 * differently. Shared by the test and its node processes ({@link ConvergenceNode}).
 */
final class ConvergenceWorld {
    static final OrganizationId PROVINCE = OrganizationId.of("province");
    static final OrganizationId CITY = OrganizationId.of("city");
    static final OrganizationId GRID = OrganizationId.of("grid");
    static final OrganizationId OUTSIDE = OrganizationId.of("outside");
    /** Coordinator, province. */
    static final MemberId PIA = MemberId.of("pia");
    /** Member, municipality. */
    static final MemberId GUUS = MemberId.of("guus");
    /** Member, grid operator. */
    static final MemberId NINA = MemberId.of("nina");
    /** Not a member, outside organisation. */
    static final MemberId XAVI = MemberId.of("xavi");
    /** Whose searches are compared with storage. */
    static final List<MemberId> READERS = List.of(PIA, GUUS, NINA, XAVI);

    private ConvergenceWorld() {}

    /** Registers organisations and members, creates the community; @return its id */
    static CommunityId create(CopKit kit) {
        CopKit.As host = kit.system();
        host.organizations().register(PROVINCE, "Province", "");
        host.organizations().register(CITY, "City", "");
        host.organizations().register(GRID, "Grid operator", "");
        host.organizations().register(OUTSIDE, "Outside", "");
        host.members().register(PIA, MemberProfile.of("Pia", PROVINCE));
        host.members().register(GUUS, MemberProfile.of("Guus", CITY));
        host.members().register(NINA, MemberProfile.of("Nina", GRID));
        host.members().register(XAVI, MemberProfile.of("Xavi", OUTSIDE));
        Domain domain = kit.as(PIA).domains().create("Heat transition", "Gas-free neighbourhoods");
        Community c = kit.as(PIA).communities().create(CommunityDraft.of(domain.id(), "Heat in the neighbourhood",
                "Province, city and grid operator learn together").withPolicy(MembershipPolicy.OPEN)
                .spanning(PROVINCE, CITY, GRID));
        kit.as(GUUS).communities().join(c.id());
        kit.as(NINA).communities().join(c.id());
        return c.id();
    }

    /** @return the author of item {@code n}: the coordinator or the municipality's member */
    static MemberId author(int n) {
        return n % 2 == 0 ? PIA : GUUS;
    }

    /** @return the audience of item {@code n}: platform, community, partners or the author's organisation */
    static Audience audience(int n) {
        OrganizationId own = author(n).equals(PIA) ? PROVINCE : CITY;
        return switch ((n / 2) % 4) {
            case 0 -> Audience.platform();
            case 1 -> Audience.community();
            case 2 -> Audience.partners(own, own.equals(PROVINCE) ? CITY : PROVINCE);
            default -> Audience.organization(own);
        };
    }

    /** @return whether item {@code n} is published after its creation (one in ten stays a draft) */
    static boolean published(int n) {
        return n % 10 != 7;
    }

    static ItemDraft draft(CommunityId community, int n) {
        return ItemDraft.of(community, ItemKind.LESSON_LEARNED, ItemContent.of("Lesson " + n,
                "What the neighbourhood learned, number " + n, Locale.ENGLISH)).withAudience(audience(n));
    }
}
