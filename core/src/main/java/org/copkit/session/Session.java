package org.copkit.session;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import org.copkit.InvalidInputException;
import org.copkit.access.Audience;
import org.copkit.access.Visibility;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.internal.Checks;
import org.copkit.knowledge.KnowledgeItemId;
import org.copkit.member.MemberId;

/**
 * A meeting of a community: what, when (instants plus the IANA zone it is planned in), where (place
 * and/or join link), for how many, hosted by whom, and what came out of it.
 *
 * <p>Linked questions are stored as conversation id strings ({@link #questions()}), because
 * conversations are a separate feature; each is a valid CoPKit id of at most 128 characters.
 *
 * @param id generated id
 * @param community the community it belongs to
 * @param practice the practice inside the community, if any
 * @param kind what kind of meeting
 * @param format in person, online or hybrid
 * @param title one line, 1 to 200 characters
 * @param agenda markdown, at most 20,000 characters
 * @param start when it starts
 * @param end when it ends, after {@code start}
 * @param zone the IANA time zone it is planned in
 * @param place where on site; present for IN_PERSON and HYBRID
 * @param joinLink the link to join online; present for ONLINE and HYBRID
 * @param capacity seats per attendance mode
 * @param hosts the members who host it, 1 to 20
 * @param audience who may see it
 * @param status scheduled or cancelled
 * @param sequence the iCalendar SEQUENCE: 0 when scheduled, incremented by every change that matters
 *     to calendars (time, zone, title, agenda, place, link, format, cancellation)
 * @param series the id shared by the occurrences of a series, if it belongs to one
 * @param notes markdown notes recorded by the hosts, at most 100,000 characters
 * @param outcomes knowledge items captured from it, at most 500
 * @param questions conversation ids of questions raised in it, at most 500
 * @param createdAt when it was scheduled
 * @param updatedAt when it last changed
 * @param version optimistic version
 */
public record Session(SessionId id, CommunityId community, Optional<PracticeId> practice, SessionKind kind,
        SessionFormat format, String title, String agenda, Instant start, Instant end, ZoneId zone,
        Optional<String> place, Optional<URI> joinLink, Capacity capacity, Set<MemberId> hosts, Audience audience,
        SessionStatus status, int sequence, Optional<String> series, String notes, Set<KnowledgeItemId> outcomes,
        Set<String> questions, Instant createdAt, Instant updatedAt, long version) {
    /** Validates, normalises and copies. */
    public Session {
        Checks.present("session.id", id);
        Checks.present("session.community", community);
        Checks.present("session.practice", practice);
        Checks.present("session.kind", kind);
        Checks.present("session.format", format);
        title = Checks.line("session.title", title, 200);
        agenda = Checks.text("session.agenda", agenda, 20_000);
        SessionChecks.times("session", start, end);
        Checks.present("session.zone", zone);
        place = SessionChecks.place("session", format, place);
        joinLink = SessionChecks.joinLink("session", format, joinLink);
        Checks.present("session.capacity", capacity);
        hosts = Checks.set("session.hosts", hosts, SessionChecks.MAX_HOSTS);
        if (hosts.isEmpty()) {
            throw new InvalidInputException("session.hosts must name at least one host");
        }
        Checks.present("session.audience", audience);
        Checks.present("session.status", status);
        Checks.range("session.sequence", sequence, 0, Integer.MAX_VALUE);
        series = Checks.present("session.series", series).map(s -> Checks.id("session.series", s));
        notes = Checks.text("session.notes", notes, 100_000);
        outcomes = Checks.set("session.outcomes", outcomes, 500);
        questions = Checks.set("session.questions", questions, 500);
        questions.forEach(q -> Checks.id("session.questions", q));
        Checks.present("session.createdAt", createdAt);
        Checks.present("session.updatedAt", updatedAt);
        Checks.nonNegative("session.version", version);
    }

    /** @return the facts that decide who may see this session; its hosts always may */
    public Visibility visibility() {
        return new Visibility(Optional.of(community), practice, audience, false, hosts);
    }

    /** @return whether it was cancelled */
    public boolean cancelled() {
        return status == SessionStatus.CANCELLED;
    }

    /**
     * @return a draft holding this session's changeable fields (hosts: all current hosts), to derive
     *     an {@link SessionService#update update} from
     */
    public SessionDraft toDraft() {
        return new SessionDraft(community, practice, kind, format, title, agenda, start, end, zone, place, joinLink,
                capacity, hosts, Optional.of(audience));
    }
}
