package org.copkit.expertise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.copkit.InvalidInputException;
import org.copkit.member.Proficiency;
import org.junit.jupiter.api.Test;

class DefaultExpertRulesTest {
    private static final ExpertRules RULES = ExpertRules.defaults();

    private static ExpertEvidence evidence(Proficiency declared, int endorsements, int answers, int items,
            int sessions) {
        return new ExpertEvidence(Optional.ofNullable(declared), endorsements, answers, items, sessions, List.of());
    }

    @Test
    void noEvidence_scoresZero() {
        assertThat(RULES.score(ExpertEvidence.none())).isZero();
    }

    @Test
    void declaredLevels_rankInOrder() {
        double previous = 0;
        for (Proficiency p : Proficiency.values()) {
            double s = RULES.score(evidence(p, 0, 0, 0, 0));
            assertThat(s).isGreaterThan(previous);
            previous = s;
        }
    }

    @Test
    void threeAcceptedAnswers_outweighADeclaredExpert() {
        assertThat(RULES.score(evidence(null, 0, 3, 0, 0))).isGreaterThan(RULES.score(evidence(Proficiency.EXPERT, 0, 0,
                0, 0)));
    }

    @Test
    void anAcceptedAnswer_weighsMoreThanAnItem_whichWeighsMoreThanASession() {
        assertThat(RULES.score(evidence(null, 0, 1, 0, 0))).isGreaterThan(RULES.score(evidence(null, 0, 0, 1, 0)));
        assertThat(RULES.score(evidence(null, 0, 0, 1, 0))).isGreaterThan(RULES.score(evidence(null, 0, 0, 0, 1)));
    }

    @Test
    void endorsements_countUpToTen() {
        assertThat(RULES.score(evidence(null, 2, 0, 0, 0))).isEqualTo(3.0);
        assertThat(RULES.score(evidence(null, 50, 0, 0, 0))).isEqualTo(RULES.score(evidence(null, 10, 0, 0, 0)));
    }

    @Test
    void sentence_namesEveryVisibleKindOfEvidence() {
        assertThat(evidence(Proficiency.EXPERT, 2, 3, 1, 0).sentence("heat pumps")).isEqualTo(
                "3 accepted answers on heat pumps, 1 published item on heat pumps, endorsed by 2 members, declared EXPERT");
        assertThat(evidence(null, 1, 0, 0, 2).sentence("x")).isEqualTo("hosted 2 sessions, endorsed by 1 member");
        assertThat(ExpertEvidence.none().sentence("x")).isEqualTo("no visible evidence");
    }

    @Test
    void evidence_rejectsNegativeCounts() {
        assertThatThrownBy(() -> evidence(null, -1, 0, 0, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("evidence.endorsements");
    }
}
