package org.copkit.session;

import java.util.List;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.community.CommunityId;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.MemberId;

/**
 * Sessions (meetings) of communities: scheduling, series, RSVPs with a waitlist, attendance, notes,
 * outcomes, linked questions and iCalendar export. Obtain through {@code kit.as(member).sessions()}.
 *
 * <p>Every call runs in one transaction as the acting member. Sessions the member may not see
 * (see {@link Session#visibility()}) are reported exactly like missing ones, with
 * {@link org.copkit.NotFoundException}. Writes that the access rules deny fail with
 * {@link org.copkit.AccessDeniedException}; stale versions with {@link org.copkit.ConflictException};
 * bad input with {@link org.copkit.InvalidInputException}. Null is never a valid argument.
 * Thread-safe.
 *
 * <p>Concurrency: every change of a session, its answers and its attendance runs under the
 * session's lock ({@link org.copkit.spi.Transaction#lock}), also across application nodes: confirmed
 * answers never exceed the seats, arrival numbers are distinct, the waitlist keeps arrival order and a
 * freed seat goes to the first on it. Concurrent RSVPs wait for each other; they never fail because of
 * one another.
 */
public interface SessionService {
    /**
     * Schedules a session; the acting member hosts it together with {@code draft.hosts()}.
     *
     * @param draft what, when, where, for whom
     * @return the scheduled session (sequence 0, version 1)
     * @throws org.copkit.NotFoundException when the community does not exist
     * @throws org.copkit.InvalidInputException when the practice is not the community's, a host is not
     *     an active member of the community, or more than 20 hosts result
     * @throws org.copkit.AccessDeniedException unless the actor is an active member of the community
     */
    Session schedule(SessionDraft draft);

    /**
     * Schedules {@code count} occurrences that share a series id, at the same local start and end time
     * in the draft's zone, whatever the UTC offset of each date (so across daylight-saving changes the
     * instants shift by the change). Monthly occurrences on a day a month lacks fall on its last day.
     *
     * @param first the first occurrence
     * @param recurrence weekly or monthly
     * @param count how many occurrences, 1 to 52
     * @return the scheduled occurrences, earliest first
     */
    List<Session> scheduleSeries(SessionDraft first, Recurrence recurrence, int count);

    /**
     * Changes a session. The community cannot change. When a calendar-relevant field changes (time,
     * zone, title, agenda, place, link, format, kind) the {@link Session#sequence()} goes up by one. A
     * raised capacity promotes waiting members.
     *
     * @param id the session
     * @param expectedVersion the version the change is based on
     * @param draft the new state (see {@link Session#toDraft()}); its hosts replace the current ones
     * @return the changed session
     * @throws org.copkit.ConflictException on a stale version, when the session is cancelled, or when
     *     a new format drops a mode some member answered with
     * @throws org.copkit.AccessDeniedException unless the actor hosts the session or coordinates the community
     */
    Session update(SessionId id, long expectedVersion, SessionDraft draft);

    /**
     * Cancels a session: its status becomes CANCELLED, its sequence goes up by one, and every member
     * who answered GOING (with a seat or waiting) or MAYBE is notified.
     *
     * @param id the session
     * @param expectedVersion the version the change is based on
     * @param reason why, at most 1,000 characters, may be empty
     * @return the cancelled session
     * @throws org.copkit.ConflictException on a stale version or when it is already cancelled
     * @throws org.copkit.AccessDeniedException unless the actor hosts the session or coordinates the community
     */
    Session cancel(SessionId id, long expectedVersion, String reason);

    /**
     * Answers a session for the acting member, or changes the answer. GOING takes a seat of the mode
     * while seats remain, else a place at the end of the mode's waitlist; a member who frees a seat
     * (MAYBE, DECLINED, or another mode) lets the earliest waiting member of that mode in, who is
     * notified.
     *
     * @param id the session
     * @param response going, maybe or declined
     * @param mode how the member attends; must be offered by the session's format
     * @return the member's answer with its placement
     * @throws org.copkit.ConflictException when the session is cancelled or has ended
     * @throws org.copkit.InvalidInputException when the format does not offer the mode
     * @throws org.copkit.AccessDeniedException unless the actor is an active member of the community
     */
    Rsvp rsvp(SessionId id, RsvpResponse response, AttendanceMode mode);

    /**
     * Records that a member attended. Recorded once per member; checking in again returns the first
     * record. The activity (verb CHECKED_IN, target the member) carries the session kind in its
     * details under {@code kind}.
     *
     * @param id the session
     * @param member who attended; a registered member
     * @return the attendance
     * @throws org.copkit.ConflictException when the session is cancelled
     * @throws org.copkit.AccessDeniedException unless the actor hosts the session or coordinates the community
     */
    Attendance checkIn(SessionId id, MemberId member);

    /**
     * Replaces the session's notes.
     *
     * @param id the session
     * @param expectedVersion the version the change is based on
     * @param notes markdown, at most 100,000 characters
     * @return the changed session (its sequence unchanged)
     * @throws org.copkit.AccessDeniedException unless the actor hosts the session or coordinates the community
     */
    Session recordNotes(SessionId id, long expectedVersion, String notes);

    /**
     * Captures an outcome: creates a knowledge item exactly as
     * {@link org.copkit.knowledge.KnowledgeService#create} does, with provenance SESSION and this
     * session's id, and links it to the session.
     *
     * @param id the session
     * @param draft the item; its community must be the session's, its provenance is replaced
     * @return the created item (a DRAFT)
     * @throws org.copkit.InvalidInputException when the draft names another community
     * @throws org.copkit.AccessDeniedException unless the actor hosts the session or coordinates the
     *     community, and may create the item
     */
    KnowledgeItem captureOutcome(SessionId id, ItemDraft draft);

    /**
     * Links a question raised in the session, by its conversation id, both ways: the session lists
     * it in {@link Session#questions()}, and the conversation's
     * {@link org.copkit.conversation.ConversationService#sessions sessions} name the session (each side
     * records a LINKED activity). Linking twice is harmless.
     *
     * @param id the session
     * @param conversationId the conversation's id (1 to 128 characters, no white space)
     * @return the session
     * @throws org.copkit.AccessDeniedException unless the actor hosts the session or coordinates the community
     * @throws org.copkit.InvalidInputException when the conversation does not exist, is not visible to the
     *     actor, or belongs to another community
     */
    Session linkQuestion(SessionId id, String conversationId);

    /**
     * @param id the session
     * @return the session
     * @throws org.copkit.NotFoundException when it does not exist or the actor may not see it
     */
    Session get(SessionId id);

    /**
     * @param id the session
     * @return its start and end in the acting member's profile zone (the system actor: the session's zone)
     * @throws org.copkit.NotFoundException when it does not exist or the actor may not see it
     */
    SessionTimes times(SessionId id);

    /**
     * Sessions of a community the actor may see, cancelled ones included.
     *
     * @param community the community
     * @param window upcoming (not ended, earliest first) or past (ended, latest first)
     * @param page keyset page; cursors are opaque
     * @return one page
     * @throws org.copkit.NotFoundException when the community does not exist
     */
    Page<Session> list(CommunityId community, SessionWindow window, PageRequest page);

    /**
     * Sessions that have not ended which the acting member hosts or answered GOING or MAYBE, and may
     * still see, earliest first.
     *
     * @param page keyset page; cursors are opaque
     * @return one page
     */
    Page<Session> upcoming(PageRequest page);

    /**
     * @param id the session
     * @return the answers the actor may see, and the counts
     * @throws org.copkit.NotFoundException when it does not exist or the actor may not see it
     */
    RsvpSummary rsvps(SessionId id);

    /**
     * @param id the session
     * @return who attended, in check-in order: all of them for hosts and coordinators, else only the
     *     actor's own attendance
     * @throws org.copkit.NotFoundException when it does not exist or the actor may not see it
     */
    List<Attendance> attendance(SessionId id);

    /**
     * @param id the session
     * @return an RFC 5545 calendar with one VEVENT (and its VTIMEZONE)
     * @throws org.copkit.NotFoundException when it does not exist or the actor may not see it
     */
    String icalendar(SessionId id);

    /**
     * @param community the community
     * @return an RFC 5545 calendar of every session of the community the actor may see (cancelled ones
     *     with STATUS:CANCELLED), at most the 1,000 latest
     * @throws org.copkit.NotFoundException when the community does not exist
     */
    String communityFeed(CommunityId community);

    /**
     * @return an RFC 5545 calendar of every session the acting member hosts or answered GOING or MAYBE
     *     and may still see, at most the 1,000 latest
     */
    String memberFeed();
}
