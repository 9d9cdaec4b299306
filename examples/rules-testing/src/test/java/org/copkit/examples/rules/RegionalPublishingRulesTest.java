package org.copkit.examples.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.copkit.access.AccessRequest;
import org.copkit.access.AccessRules;
import org.copkit.access.Action;
import org.copkit.access.Actor;
import org.copkit.access.AudienceLevel;
import org.copkit.access.Decision;
import org.copkit.community.Community;
import org.copkit.community.CommunityId;
import org.copkit.community.MembershipPolicy;
import org.copkit.community.Stage;
import org.copkit.domain.DomainId;
import org.copkit.member.MemberId;
import org.copkit.member.OrganizationId;
import org.junit.jupiter.api.Test;

/** The publishing rule on its own: hand-made actors and requests, no storage, no clock. */
class RegionalPublishingRulesTest {
    static final OrganizationId PROVINCE = OrganizationId.of("province");
    static final OrganizationId CITY = OrganizationId.of("city");
    static final OrganizationId CONSULTANCY = OrganizationId.of("consultancy");
    static final Instant T = Instant.parse("2026-01-05T09:00:00Z");

    /** Every request the rule passes on is allowed, so these tests see only the rule itself. */
    static final AccessRules ALLOW_REST = (actor, request) -> Decision.allow();

    final RegionalPublishingRules rules = new RegionalPublishingRules(Set.of(PROVINCE, CITY),
            c -> c.name().startsWith("Regio"), ALLOW_REST);

    static Community community(String name) {
        return new Community(CommunityId.of(name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-')), DomainId.of("heat"), name,
                "Learning together", MembershipPolicy.OPEN, Set.of(PROVINCE, CITY, CONSULTANCY), AudienceLevel.COMMUNITY,
                Stage.COALESCING, MemberId.of("anna"), T, 1);
    }

    static Actor member(String id, OrganizationId org) {
        return Actor.of(MemberId.of(id), org, List.of(), Set.of());
    }

    @Test
    void membersOfPartnerOrganisationsMayPublishInTheRegionalCommunity() {
        Decision d = rules.decide(member("anna", PROVINCE),
                AccessRequest.of(Action.PUBLISH_ITEM).community(community("Regio Oost")));
        assertThat(d.allowed()).isTrue();
    }

    @Test
    void membersOfOtherOrganisationsMayNotPublishInTheRegionalCommunity() {
        Decision d = rules.decide(member("kees", CONSULTANCY),
                AccessRequest.of(Action.PUBLISH_ITEM).community(community("Regio Oost")));
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).contains("partner organisations");
    }

    @Test
    void otherCommunitiesAndOtherActionsAreLeftToTheNextRules() {
        Actor kees = member("kees", CONSULTANCY);
        assertThat(rules.decide(kees, AccessRequest.of(Action.PUBLISH_ITEM).community(community("Heat pumps")))
                .allowed()).isTrue();
        assertThat(rules.decide(kees, AccessRequest.of(Action.CREATE_ITEM).community(community("Regio Oost")))
                .allowed()).isTrue();
    }

    @Test
    void theHostsSystemActorIsNeverStopped() {
        assertThat(rules.decide(Actor.systemActor(),
                AccessRequest.of(Action.PUBLISH_ITEM).community(community("Regio Oost"))).allowed()).isTrue();
    }

    @Test
    void whatTheRuleAllowsIsStillDecidedByTheDefaults() {
        RegionalPublishingRules withDefaults = new RegionalPublishingRules(Set.of(PROVINCE, CITY),
                c -> c.name().startsWith("Regio"));
        // a partner member who is not a member of the community: the defaults say no
        Decision d = withDefaults.decide(member("anna", PROVINCE),
                AccessRequest.of(Action.CREATE_ITEM).community(community("Regio Oost")));
        assertThat(d.allowed()).isFalse();
    }
}
