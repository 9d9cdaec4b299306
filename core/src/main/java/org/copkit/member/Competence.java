package org.copkit.member;

import org.copkit.domain.CompetencyId;
import org.copkit.internal.Checks;

/**
 * A competency a member declares, with the level they claim.
 *
 * @param competency the competency, from some domain's framework
 * @param level the declared proficiency
 */
public record Competence(CompetencyId competency, Proficiency level) {
    /** Validates. */
    public Competence {
        Checks.present("competence.competency", competency);
        Checks.present("competence.level", level);
    }
}
