package org.copkit.spi;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.copkit.access.Audience;
import org.copkit.access.Visibility;
import org.copkit.community.CommunityId;
import org.copkit.community.PracticeId;
import org.copkit.conversation.ConversationId;
import org.copkit.member.MemberId;
import org.copkit.participation.Level;
import org.copkit.session.SessionId;
import org.copkit.value.ValueCycle;

/**
 * The aggregates a community health report is built from, as a storage backend answers them for
 * {@link Transaction#healthFacts}: counts, not rows, wherever the report only counts. Content (questions,
 * knowledge items, sessions, value stories) is counted per {@link VisibilityGroup}: the facts its
 * visibility depends on, so that the caller applies the one visibility rule
 * ({@link org.copkit.access.ViewerScope#canSee}) to each group instead of to each object. Immutable.
 *
 * @param members active memberships by level, and newcomers
 * @param questions questions asked in the period, and the unanswered backlog
 * @param items knowledge items published in the period, and stale ones
 * @param sessions sessions held in the period, not cancelled, ordered by start then id (binary order)
 * @param valueStories value stories recorded in the period, per cycle (only cycles with stories)
 */
public record HealthFacts(Members members, Questions questions, Items items, List<HeldSession> sessions,
        Map<ValueCycle, Map<VisibilityGroup, Integer>> valueStories) {
    /** Checks for nulls and copies. */
    public HealthFacts {
        Objects.requireNonNull(members, "members");
        Objects.requireNonNull(questions, "questions");
        Objects.requireNonNull(items, "items");
        sessions = List.copyOf(sessions);
        EnumMap<ValueCycle, Map<VisibilityGroup, Integer>> stories = new EnumMap<>(ValueCycle.class);
        Objects.requireNonNull(valueStories, "valueStories").forEach((k, v) -> stories.put(k, counts(v)));
        valueStories = Collections.unmodifiableMap(stories);
    }

    /**
     * Checks the arguments of {@link Transaction#healthFacts}, for backends.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code to} is not after {@code from}
     */
    public static void check(CommunityId community, MemberId reader, Instant from, Instant to, Instant now) {
        Objects.requireNonNull(community, "community");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(now, "now");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from (" + from + ") but was " + to);
        }
    }

    private static Map<VisibilityGroup, Integer> counts(Map<VisibilityGroup, Integer> counts) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(counts, "counts")));
    }

    /**
     * The facts that decide whether a reader may see an object of the report's community, without the
     * community (it is the report's) and with the editors reduced to whether the reader is one of them.
     *
     * @param practice the object's practice, if any
     * @param audience the object's audience
     * @param unpublished whether the object is unpublished (items: {@link
     *     org.copkit.knowledge.ItemStatus#unpublished()} of their status)
     * @param byReader whether the reader of the report is among the object's editors (author, owner, host)
     */
    public record VisibilityGroup(Optional<PracticeId> practice, Audience audience, boolean unpublished,
            boolean byReader) {
        /** Checks for nulls. */
        public VisibilityGroup {
            Objects.requireNonNull(practice, "practice");
            Objects.requireNonNull(audience, "audience");
        }

        /**
         * @param visibility an object's visibility
         * @param reader the reader of the report
         * @return the group of an object with that visibility
         */
        public static VisibilityGroup of(Visibility visibility, MemberId reader) {
            return new VisibilityGroup(visibility.practice(), visibility.audience(), visibility.unpublished(),
                    visibility.editors().contains(reader));
        }

        /**
         * @param community the report's community
         * @param reader the reader of the report
         * @return a visibility that every reader sees exactly when they see the group's objects
         */
        public Visibility visibility(CommunityId community, MemberId reader) {
            return new Visibility(Optional.of(community), practice, audience, unpublished,
                    byReader ? Set.of(reader) : Set.of());
        }
    }

    /**
     * Active memberships of the community (memberships are not restricted by visibility).
     *
     * @param byLevel active memberships by their stored participation level, PERIPHERAL when none is stored
     *     (levels without members may be absent)
     * @param newcomers active memberships whose {@code joinedAt} lies in the period
     */
    public record Members(Map<Level, Integer> byLevel, int newcomers) {
        /** Checks for nulls and copies. */
        public Members {
            EnumMap<Level, Integer> copy = new EnumMap<>(Level.class);
            copy.putAll(Objects.requireNonNull(byLevel, "byLevel"));
            byLevel = Collections.unmodifiableMap(copy);
        }
    }

    /**
     * Questions of the community (conversations of kind QUESTION), whatever their status.
     *
     * @param asked the questions created in the period, ordered by id
     * @param unanswered questions created before the period's end, with a status other than CLOSED and
     *     CLOSED_DUPLICATE and no ANSWER post created before the period's end, counted per group
     */
    public record Questions(List<AskedQuestion> asked, Map<VisibilityGroup, Integer> unanswered) {
        /** Checks for nulls and copies. */
        public Questions {
            asked = List.copyOf(asked);
            unanswered = counts(unanswered);
        }
    }

    /**
     * One question created in the period.
     *
     * @param id the question
     * @param createdAt when it was asked
     * @param firstAnswer the earliest {@code createdAt} of the ANSWER posts it holds now (merged ones
     *     included, which may predate it) among those created before the period's end; empty when none
     * @param group its visibility group
     */
    public record AskedQuestion(ConversationId id, Instant createdAt, Optional<Instant> firstAnswer,
            VisibilityGroup group) {
        /** Checks for nulls. */
        public AskedQuestion {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(firstAnswer, "firstAnswer");
            Objects.requireNonNull(group, "group");
        }
    }

    /**
     * Knowledge items of the community, counted per group.
     *
     * @param published items whose {@code publishedAt} lies in the period, whatever their status now
     * @param stale items with status NEEDS_REVIEW, or PUBLISHED with a review-by date strictly before the
     *     report's {@code now}
     */
    public record Items(Map<VisibilityGroup, Integer> published, Map<VisibilityGroup, Integer> stale) {
        /** Checks for nulls and copies. */
        public Items {
            published = counts(published);
            stale = counts(stale);
        }
    }

    /**
     * One session of the community that started in the period and before the report's {@code now}, and
     * is not cancelled.
     *
     * @param id the session
     * @param title its title
     * @param start its start
     * @param group its visibility group (editors: its hosts)
     * @param going RSVPs with response GOING and placement CONFIRMED
     * @param checkedIn attendances (check-ins)
     */
    public record HeldSession(SessionId id, String title, Instant start, VisibilityGroup group, int going,
            int checkedIn) {
        /** Checks for nulls. */
        public HeldSession {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(group, "group");
        }
    }
}
