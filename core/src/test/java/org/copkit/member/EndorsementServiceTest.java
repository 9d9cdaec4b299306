package org.copkit.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;

import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.copkit.AccessDeniedException;
import org.copkit.ConflictException;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.Fixture;
import org.copkit.InvalidInputException;
import org.copkit.NotFoundException;
import org.copkit.ParticipationSnapshot;
import org.copkit.StoreSnapshot;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityId;
import org.copkit.domain.CompetencyId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EndorsementServiceTest {
    private Fixture f;
    private MemberId anna; // ACME, declares heat-pumps
    private MemberId alex; // ACME
    private MemberId bob; // BETA, in heat with anna
    private MemberId carl; // BETA, shares nothing with anna
    private CompetencyId heatPumps;
    private CompetencyId grids;

    @BeforeEach
    void setUp() {
        f = Fixture.create();
        heatPumps = f.competency("heat-pumps").id();
        grids = f.competency("grids").id();
        anna = f.member("anna", ACME);
        alex = f.member("alex", ACME);
        bob = f.member("bob", BETA);
        carl = f.member("carl", BETA);
        Member a = f.kit.system().members().get(anna);
        f.as(anna).members().updateProfile(anna, a.version(),
                a.profile().withCompetences(List.of(new Competence(heatPumps, Proficiency.EXPERT))));
        CommunityId heat = f.community(anna, "Heat pumps");
        f.join(heat, bob);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void colleaguesAndCommunityPeers_endorse_andTheEndorseeListsThem() {
        Endorsement byAlex = f.as(alex).endorsements().endorse(anna, heatPumps);
        Endorsement byBob = f.as(bob).endorsements().endorse(anna, heatPumps);
        assertThat(byAlex.current()).isTrue();
        assertThat(byAlex.endorser()).isEqualTo(alex);
        assertThat(StoreSnapshot.all(p -> f.as(carl).endorsements().endorsementsOf(anna, p)))
                .containsExactlyInAnyOrder(byAlex, byBob);
        assertThat(f.heard).filteredOn(a -> a.verb() == Verb.ENDORSED).hasSize(2)
                .allSatisfy(a -> assertThat(a.details()).containsEntry("competency", "heat-pumps"));
    }

    @Test
    void withdrawing_removesItFromTheList_andEndorsingAgainRevivesTheSameEndorsement() {
        Endorsement e = f.as(alex).endorsements().endorse(anna, heatPumps);
        Endorsement w = f.as(alex).endorsements().withdraw(e.id(), e.version());
        assertThat(w.withdrawnAt()).contains(f.clock.instant());
        assertThat(StoreSnapshot.all(p -> f.as(alex).endorsements().endorsementsOf(anna, p))).isEmpty();
        Endorsement again = f.as(alex).endorsements().endorse(anna, heatPumps);
        assertThat(again.id()).isEqualTo(e.id());
        assertThat(again.version()).isEqualTo(3);
        assertThat(again.current()).isTrue();
        assertThat(f.heard).extracting(a -> a.verb()).contains(Verb.WITHDRAWN);
    }

    @Test
    void endorsingTwice_conflicts_andChangesNothing() {
        f.as(alex).endorsements().endorse(anna, heatPumps);
        assertRejected(() -> f.as(alex).endorsements().endorse(anna, heatPumps), ConflictException.class,
                ErrorCode.CONFLICT, "already endorses");
    }

    @Test
    void endorsingYourself_isInvalid() {
        assertRejected(() -> f.as(anna).endorsements().endorse(anna, heatPumps), InvalidInputException.class,
                ErrorCode.INVALID, "themself");
    }

    @Test
    void endorsingAnUndeclaredCompetency_isInvalid() {
        assertRejected(() -> f.as(alex).endorsements().endorse(anna, grids), InvalidInputException.class,
                ErrorCode.INVALID, "grids", "declared");
    }

    @Test
    void endorsingSomeoneYouShareNothingWith_isDenied() {
        assertRejected(() -> f.as(carl).endorsements().endorse(anna, heatPumps), AccessDeniedException.class,
                ErrorCode.FORBIDDEN, "carl", "anna");
    }

    @Test
    void theSystemCannotEndorse_andUnknownMembersAreNotFound() {
        assertRejected(() -> f.kit.system().endorsements().endorse(anna, heatPumps), AccessDeniedException.class,
                ErrorCode.FORBIDDEN, "system");
        assertRejected(() -> f.as(alex).endorsements().endorse(MemberId.of("nobody"), heatPumps),
                NotFoundException.class, ErrorCode.NOT_FOUND, "nobody");
    }

    @Test
    void onlyTheEndorserWithdraws_withTheCurrentVersion() {
        Endorsement e = f.as(alex).endorsements().endorse(anna, heatPumps);
        assertRejected(() -> f.as(bob).endorsements().withdraw(e.id(), e.version()), AccessDeniedException.class,
                ErrorCode.FORBIDDEN, "alex");
        assertRejected(() -> f.as(alex).endorsements().withdraw(e.id(), e.version() + 1), ConflictException.class,
                ErrorCode.CONFLICT, "version");
        Endorsement w = f.as(alex).endorsements().withdraw(e.id(), e.version());
        assertRejected(() -> f.as(alex).endorsements().withdraw(w.id(), w.version()), ConflictException.class,
                ErrorCode.CONFLICT, "already withdrawn");
        assertThat(f.as(carl).endorsements().get(e.id())).isEqualTo(w);
        assertThat(Optional.of(w)).isPresent();
    }

    private void assertRejected(ThrowingCallable call, Class<? extends CopKitException> type, ErrorCode code,
            String... parts) {
        ParticipationSnapshot before = ParticipationSnapshot.of(f);
        int heard = f.heard.size();
        Throwable e = catchThrowable(call);
        assertThat(e).isExactlyInstanceOf(type);
        assertThat(((CopKitException) e).code()).isEqualTo(code);
        assertThat(e.getMessage()).contains(parts);
        assertThat(ParticipationSnapshot.of(f)).isEqualTo(before);
        assertThat(f.heard).hasSize(heard);
    }
}
