package org.copkit.member;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.copkit.InvalidInputException;
import org.copkit.domain.CompetencyId;
import org.copkit.internal.Checks;

/**
 * What a member tells about themselves. Use {@link #of(String, OrganizationId)} and the
 * {@code with...} methods to build one.
 *
 * @param displayName shown name, 1 to 200 characters
 * @param organization the organisation the member belongs to; must be registered
 * @param location where the member works (city, office), at most 200 characters
 * @param timeZone the member's time zone, used to show session times
 * @param languages languages the member reads, most preferred first, at least one, at most 10
 * @param competences declared competencies with level, at most 200, each competency once
 * @param ambitions competencies the member wants to gain, at most 200
 * @param findableAsExpert whether members of other organisations may find this member as an expert
 */
public record MemberProfile(
        String displayName,
        OrganizationId organization,
        Optional<String> location,
        ZoneId timeZone,
        List<Locale> languages,
        List<Competence> competences,
        Set<CompetencyId> ambitions,
        boolean findableAsExpert) {

    /** Validates, normalises and copies. */
    public MemberProfile {
        displayName = Checks.line("member.displayName", displayName, 200);
        Checks.present("member.organization", organization);
        location = Checks.present("member.location", location).map(l -> Checks.line("member.location", l, 200));
        Checks.present("member.timeZone", timeZone);
        languages = Checks.list("member.languages", languages, 10).stream()
                .map(l -> Checks.language("member.languages", l)).distinct().toList();
        if (languages.isEmpty()) {
            throw new InvalidInputException("member.languages must name at least one language");
        }
        competences = Checks.list("member.competences", competences, 200);
        if (competences.stream().map(Competence::competency).distinct().count() != competences.size()) {
            throw new InvalidInputException("member.competences lists a competency more than once: " + competences);
        }
        ambitions = Checks.set("member.ambitions", ambitions, 200);
    }

    /**
     * A minimal profile: English, UTC, no competencies, not findable across organisations.
     *
     * @param displayName shown name
     * @param organization the member's organisation
     * @return the profile
     */
    public static MemberProfile of(String displayName, OrganizationId organization) {
        return new MemberProfile(displayName, organization, Optional.empty(), ZoneId.of("UTC"),
                List.of(Locale.ENGLISH), List.of(), Set.of(), false);
    }

    /** @return a copy with the given location */
    public MemberProfile withLocation(String location) {
        return new MemberProfile(displayName, organization, Optional.of(location), timeZone, languages,
                competences, ambitions, findableAsExpert);
    }

    /** @return a copy with the given time zone */
    public MemberProfile withTimeZone(ZoneId zone) {
        return new MemberProfile(displayName, organization, location, zone, languages, competences, ambitions,
                findableAsExpert);
    }

    /** @return a copy with the given languages, most preferred first */
    public MemberProfile withLanguages(Locale... languages) {
        return new MemberProfile(displayName, organization, location, timeZone, List.of(languages), competences,
                ambitions, findableAsExpert);
    }

    /** @return a copy with the given competences */
    public MemberProfile withCompetences(List<Competence> competences) {
        return new MemberProfile(displayName, organization, location, timeZone, languages, competences, ambitions,
                findableAsExpert);
    }

    /** @return a copy with the given ambitions */
    public MemberProfile withAmbitions(Set<CompetencyId> ambitions) {
        return new MemberProfile(displayName, organization, location, timeZone, languages, competences, ambitions,
                findableAsExpert);
    }

    /** @return a copy with the given expert opt-in */
    public MemberProfile withFindableAsExpert(boolean findable) {
        return new MemberProfile(displayName, organization, location, timeZone, languages, competences, ambitions,
                findable);
    }

    /** @return a copy in another organisation */
    public MemberProfile withOrganization(OrganizationId organization) {
        return new MemberProfile(displayName, organization, location, timeZone, languages, competences, ambitions,
                findableAsExpert);
    }
}
