package org.copkit.session;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;
import org.copkit.access.Audience;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * What a member supplies to schedule a session, or to change one with
 * {@link SessionService#update}. Build with {@link #of} and the {@code with...} methods.
 *
 * @param community where it takes place; the scheduler must be an active member
 * @param practice the practice inside that community, if any
 * @param kind what kind of meeting
 * @param format in person, online or hybrid
 * @param title one line, 1 to 200 characters
 * @param agenda markdown, at most 20,000 characters, may be empty
 * @param start when it starts
 * @param end when it ends, after {@code start}
 * @param zone the IANA time zone the session is planned in (its local times, its series and its calendar entry follow it)
 * @param place where on site, at most 500 characters; required for IN_PERSON and HYBRID
 * @param joinLink the absolute http(s) link to join online; required for ONLINE and HYBRID
 * @param capacity seats per attendance mode
 * @param hosts active members of the community who host it, at most 20: when scheduling, the scheduler
 *     hosts in addition to these; when updating, these replace the hosts and must not be empty
 * @param audience who may see the session; empty takes the community's default (with the scheduler's
 *     organisation for the organisation levels)
 */
public record SessionDraft(CommunityId community, Optional<PracticeId> practice, SessionKind kind,
        SessionFormat format, String title, String agenda, Instant start, Instant end, ZoneId zone,
        Optional<String> place, Optional<URI> joinLink, Capacity capacity, Set<MemberId> hosts,
        Optional<Audience> audience) {
    /** Validates and normalises. */
    public SessionDraft {
        Checks.present("draft.community", community);
        Checks.present("draft.practice", practice);
        Checks.present("draft.kind", kind);
        Checks.present("draft.format", format);
        title = Checks.line("draft.title", title, 200);
        agenda = Checks.text("draft.agenda", agenda, 20_000);
        SessionChecks.times("draft", start, end);
        Checks.present("draft.zone", zone);
        place = SessionChecks.place("draft", format, place);
        joinLink = SessionChecks.joinLink("draft", format, joinLink);
        Checks.present("draft.capacity", capacity);
        hosts = Checks.set("draft.hosts", hosts, SessionChecks.MAX_HOSTS);
        Checks.present("draft.audience", audience);
    }

    /**
     * A draft with an empty agenda, no practice and no further hosts, unlimited capacity and the
     * community's default audience.
     *
     * @param community where
     * @param kind what kind
     * @param format the format
     * @param title the title
     * @param start start, in the zone the session is planned in
     * @param end end (any zone; the start's zone is kept)
     * @param place where on site, or null when the format needs none
     * @param joinLink the online link, or null when the format needs none
     * @return the draft
     */
    public static SessionDraft of(CommunityId community, SessionKind kind, SessionFormat format, String title,
            ZonedDateTime start, ZonedDateTime end, String place, URI joinLink) {
        Checks.present("start", start);
        Checks.present("end", end);
        return new SessionDraft(community, Optional.empty(), kind, format, title, "", start.toInstant(),
                end.toInstant(), start.getZone(), Optional.ofNullable(place), Optional.ofNullable(joinLink),
                Capacity.unlimited(), Set.of(), Optional.empty());
    }

    /** @return a copy in the given practice */
    public SessionDraft inPractice(PracticeId practice) {
        return new SessionDraft(community, Optional.of(practice), kind, format, title, agenda, start, end, zone, place,
                joinLink, capacity, hosts, audience);
    }

    /** @return a copy with the given kind */
    public SessionDraft withKind(SessionKind kind) {
        return new SessionDraft(community, practice, kind, format, title, agenda, start, end, zone, place, joinLink,
                capacity, hosts, audience);
    }

    /** @return a copy with the given title */
    public SessionDraft withTitle(String title) {
        return new SessionDraft(community, practice, kind, format, title, agenda, start, end, zone, place, joinLink,
                capacity, hosts, audience);
    }

    /** @return a copy with the given markdown agenda */
    public SessionDraft withAgenda(String agenda) {
        return new SessionDraft(community, practice, kind, format, title, agenda, start, end, zone, place, joinLink,
                capacity, hosts, audience);
    }

    /**
     * @param start the new start, in the zone the session is planned in
     * @param end the new end
     * @return a copy at the given times, in the start's zone
     */
    public SessionDraft at(ZonedDateTime start, ZonedDateTime end) {
        Checks.present("start", start);
        Checks.present("end", end);
        return new SessionDraft(community, practice, kind, format, title, agenda, start.toInstant(), end.toInstant(),
                start.getZone(), place, joinLink, capacity, hosts, audience);
    }

    /** @return a copy with the given format, place (null: none) and join link (null: none) */
    public SessionDraft withFormat(SessionFormat format, String place, URI joinLink) {
        return new SessionDraft(community, practice, kind, format, title, agenda, start, end, zone,
                Optional.ofNullable(place), Optional.ofNullable(joinLink), capacity, hosts, audience);
    }

    /** @return a copy with the given place */
    public SessionDraft withPlace(String place) {
        return new SessionDraft(community, practice, kind, format, title, agenda, start, end, zone,
                Optional.of(place), joinLink, capacity, hosts, audience);
    }

    /** @return a copy with the given join link */
    public SessionDraft withJoinLink(URI joinLink) {
        return new SessionDraft(community, practice, kind, format, title, agenda, start, end, zone, place,
                Optional.of(joinLink), capacity, hosts, audience);
    }

    /** @return a copy with the given capacity */
    public SessionDraft withCapacity(Capacity capacity) {
        return new SessionDraft(community, practice, kind, format, title, agenda, start, end, zone, place, joinLink,
                capacity, hosts, audience);
    }

    /** @return a copy with the given hosts (see {@link #hosts()}) */
    public SessionDraft withHosts(Set<MemberId> hosts) {
        return new SessionDraft(community, practice, kind, format, title, agenda, start, end, zone, place, joinLink,
                capacity, hosts, audience);
    }

    /** @return a copy with the given audience */
    public SessionDraft withAudience(Audience audience) {
        return new SessionDraft(community, practice, kind, format, title, agenda, start, end, zone, place, joinLink,
                capacity, hosts, Optional.of(audience));
    }
}
