package org.copkit.examples.rules;

import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.copkit.access.AccessRequest;
import org.copkit.access.AccessRules;
import org.copkit.access.Action;
import org.copkit.access.Actor;
import org.copkit.access.Decision;
import org.copkit.community.Community;
import org.copkit.member.OrganizationId;

/**
 * A host rule: "only members of partner organisations may publish in the regional community". Publishing
 * (and confirming after a review, which publishes again) in a community the predicate calls regional is
 * denied to members of any other organisation; every other request, and every request the rule allows, is
 * then decided by {@link AccessRules#defaults()}. Pure: no storage, no clock.
 */
public final class RegionalPublishingRules implements AccessRules {
    private final Set<OrganizationId> partners;
    private final Predicate<Community> regional;
    private final AccessRules next;

    /**
     * @param partners the organisations whose members may publish in regional communities; never null
     * @param regional which communities are regional; never null
     */
    public RegionalPublishingRules(Set<OrganizationId> partners, Predicate<Community> regional) {
        this(partners, regional, AccessRules.defaults());
    }

    /**
     * @param partners the organisations whose members may publish in regional communities; never null
     * @param regional which communities are regional; never null
     * @param next the rules that decide everything this rule does not deny; never null
     */
    public RegionalPublishingRules(Set<OrganizationId> partners, Predicate<Community> regional, AccessRules next) {
        this.partners = Set.copyOf(partners);
        this.regional = Objects.requireNonNull(regional, "regional");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public Decision decide(Actor actor, AccessRequest request) {
        if (request.action() == Action.PUBLISH_ITEM && !actor.system()
                && request.community().filter(regional).isPresent()
                && !partners.contains(actor.organization())) {
            return Decision.deny("only members of partner organisations publish in the regional community");
        }
        return next.decide(actor, request);
    }
}
