package org.copkit.access;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.copkit.InvalidInputException;
import org.copkit.internal.Checks;
import org.copkit.member.OrganizationId;

/**
 * Who may read published content. For {@link AudienceLevel#ORGANIZATION} the set holds exactly the
 * owning organisation; for {@link AudienceLevel#PARTNERS} the owner and at least one partner; for the
 * wider levels it is empty.
 *
 * @param level how wide
 * @param organizations the organisations whose members may read, for the two organisation levels
 */
public record Audience(AudienceLevel level, Set<OrganizationId> organizations) {
    private static final Audience COMMUNITY = new Audience(AudienceLevel.COMMUNITY, Set.of());
    private static final Audience PLATFORM = new Audience(AudienceLevel.PLATFORM, Set.of());

    /** Validates and copies. */
    public Audience {
        Checks.present("audience.level", level);
        organizations = Checks.set("audience.organizations", organizations, 100);
        switch (level) {
            case ORGANIZATION -> {
                if (organizations.size() != 1) {
                    throw new InvalidInputException(
                            "audience.organizations must name exactly one organisation for ORGANIZATION but named " + organizations);
                }
            }
            case PARTNERS -> {
                if (organizations.size() < 2) {
                    throw new InvalidInputException(
                            "audience.organizations must name the owner and at least one partner organisation for PARTNERS but named "
                                    + organizations);
                }
            }
            case COMMUNITY, PLATFORM -> {
                if (!organizations.isEmpty()) {
                    throw new InvalidInputException(
                            "audience.organizations must be empty for " + level + " but named " + organizations);
                }
            }
        }
    }

    /** @return members of the given organisation only */
    public static Audience organization(OrganizationId owner) {
        return new Audience(AudienceLevel.ORGANIZATION, Set.of(owner));
    }

    /** @return members of the owner and the given partner organisations */
    public static Audience partners(OrganizationId owner, OrganizationId... partners) {
        Set<OrganizationId> all = new LinkedHashSet<>();
        all.add(owner);
        all.addAll(List.of(partners));
        return new Audience(AudienceLevel.PARTNERS, all);
    }

    /** @return active members of the content's community (one shared instance) */
    public static Audience community() {
        return COMMUNITY;
    }

    /** @return every registered member (one shared instance) */
    public static Audience platform() {
        return PLATFORM;
    }
}
