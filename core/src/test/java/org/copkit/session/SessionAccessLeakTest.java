package org.copkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.copkit.Fixture.ACME;
import static org.copkit.Fixture.BETA;
import static org.copkit.session.SessionServiceTest.AMSTERDAM;
import static org.copkit.session.SessionServiceTest.workshop;

import java.time.ZonedDateTime;
import java.util.Optional;
import org.copkit.Fixture;
import org.copkit.NotFoundException;
import org.copkit.ObjectType;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.access.Audience;
import org.copkit.activity.Activity;
import org.copkit.community.CommunityId;
import org.copkit.member.MemberId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An organisation-only session in a community that spans organisations never reaches members of the
 * other organisation, on any read path; each negative assertion has a positive control.
 */
class SessionAccessLeakTest {
    private Fixture f;
    private MemberId anna; // ACME, coordinator
    private MemberId alex; // ACME, member
    private MemberId bob; // BETA, member of the same community
    private CommunityId heat;
    private Session secret; // ORGANIZATION(ACME)
    private Session open; // COMMUNITY

    @BeforeEach
    void setUp() {
        f = Fixture.create();
        anna = f.member("anna", ACME);
        alex = f.member("alex", ACME);
        bob = f.member("bob", BETA);
        heat = f.community(anna, "Heat pumps");
        f.join(heat, alex, bob);
        ZonedDateTime start = ZonedDateTime.of(2025, 3, 12, 10, 0, 0, 0, AMSTERDAM);
        secret = f.as(anna).sessions().schedule(workshop(heat, start).withTitle("Internal tender briefing")
                .withAudience(Audience.organization(ACME)));
        open = f.as(anna).sessions().schedule(workshop(heat, start.plusDays(1)).withTitle("Open meetup")
                .withAudience(Audience.community()));
        f.as(alex).sessions().rsvp(secret.id(), RsvpResponse.GOING, AttendanceMode.IN_PERSON);
        f.as(anna).sessions().checkIn(secret.id(), alex);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void get_andEveryPerSessionRead_reportTheSecretSessionAsMissing() {
        assertThat(f.as(alex).sessions().get(secret.id()).title()).isEqualTo("Internal tender briefing");
        SessionService asBob = f.as(bob).sessions();
        for (Runnable call : new Runnable[] {() -> asBob.get(secret.id()), () -> asBob.times(secret.id()),
                () -> asBob.rsvps(secret.id()), () -> asBob.attendance(secret.id()),
                () -> asBob.icalendar(secret.id()),
                () -> asBob.rsvp(secret.id(), RsvpResponse.GOING, AttendanceMode.ONLINE)}) {
            assertThatThrownBy(call::run).isExactlyInstanceOf(NotFoundException.class)
                    .hasMessage("session " + secret.id() + " does not exist")
                    .hasMessageNotContaining("tender");
        }
        assertThatThrownBy(() -> asBob.get(SessionId.of("no-such-session"))).isExactlyInstanceOf(
                NotFoundException.class).hasMessage("session no-such-session does not exist");
    }

    @Test
    void listsAndFeeds_leaveTheSecretSessionOut() {
        assertThat(f.as(alex).sessions().list(heat, SessionWindow.UPCOMING, PageRequest.first()).items())
                .containsExactly(secret, open);
        assertThat(f.as(bob).sessions().list(heat, SessionWindow.UPCOMING, PageRequest.first()).items())
                .containsExactly(open);
        assertThat(f.as(alex).sessions().communityFeed(heat)).contains("Internal tender briefing");
        String feed = f.as(bob).sessions().communityFeed(heat);
        assertThat(feed).contains("Open meetup").doesNotContain("tender").doesNotContain(secret.id().value());
        assertThat(f.as(bob).sessions().memberFeed()).doesNotContain("tender");
        assertThat(f.as(bob).sessions().upcoming(PageRequest.first()).items()).isEmpty();
        assertThat(f.as(alex).sessions().upcoming(PageRequest.first()).items()).containsExactly(secret);
    }

    @Test
    void activities_aboutTheSecretSession_andAnswers_reachOnlyThoseConcerned() {
        Ref ref = Ref.of(ObjectType.SESSION, secret.id());
        assertThat(f.as(alex).activities().history(ref, PageRequest.first()).items()).isNotEmpty();
        assertThat(f.as(bob).activities().feed(Optional.of(heat), Optional.empty(), PageRequest.first()).items())
                .extracting(Activity::object).doesNotContain(ref);
        // answers and attendance are private to the member and the hosts, even among those who see the session
        MemberId ava = f.member("ava", ACME);
        f.join(heat, ava);
        assertThat(f.as(ava).activities().history(ref, PageRequest.first()).items()).extracting(Activity::verb)
                .containsOnly(org.copkit.activity.Verb.SCHEDULED);
        assertThat(f.as(alex).activities().history(ref, PageRequest.first()).items()).extracting(Activity::verb)
                .contains(org.copkit.activity.Verb.RSVPED, org.copkit.activity.Verb.CHECKED_IN);
    }
}
