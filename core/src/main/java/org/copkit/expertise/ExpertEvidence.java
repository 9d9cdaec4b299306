package org.copkit.expertise;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.copkit.Ref;
import org.copkit.internal.Checks;
import org.copkit.member.Proficiency;

/**
 * Why a member is suggested as an expert: the structured explanation. Every count covers only what the
 * viewer who asked may see.
 *
 * @param declared the highest level the member declared in the competency or a narrower one, if any
 * @param endorsements distinct members who endorse (not withdrawn) one of those competencies
 * @param acceptedAnswers answered questions whose accepted answer the member wrote, on the topic
 * @param publishedItems current (published or needing review) knowledge items the member owns, on the topic
 * @param hostedSessions sessions (not cancelled, already started) the member hosted in the communities of
 *     the topic's domains
 * @param contributions the items, questions and sessions counted, ordered by type then id: at most
 *     {@value #MAX_CONTRIBUTIONS}, the first in that order (the counts above are complete)
 */
public record ExpertEvidence(Optional<Proficiency> declared, int endorsements, int acceptedAnswers,
        int publishedItems, int hostedSessions, List<Ref> contributions) {
    /** Most contributions the expert finder lists per member; it counts them all. */
    public static final int MAX_CONTRIBUTIONS = 20;

    /** Validates and copies. */
    public ExpertEvidence {
        Checks.present("evidence.declared", declared);
        Checks.nonNegative("evidence.endorsements", endorsements);
        Checks.nonNegative("evidence.acceptedAnswers", acceptedAnswers);
        Checks.nonNegative("evidence.publishedItems", publishedItems);
        Checks.nonNegative("evidence.hostedSessions", hostedSessions);
        contributions = List.copyOf(contributions);
    }

    /** @return evidence of nothing */
    public static ExpertEvidence none() {
        return new ExpertEvidence(Optional.empty(), 0, 0, 0, 0, List.of());
    }

    /**
     * @param topic what was asked for (a competency's label or the search text)
     * @return one English sentence, for example
     *     {@code 3 accepted answers on heat pumps, endorsed by 2 members, declared EXPERT}
     */
    public String sentence(String topic) {
        Checks.present("topic", topic);
        List<String> parts = new ArrayList<>();
        if (acceptedAnswers > 0) {
            parts.add(count(acceptedAnswers, "accepted answer") + " on " + topic);
        }
        if (publishedItems > 0) {
            parts.add(count(publishedItems, "published item") + " on " + topic);
        }
        if (hostedSessions > 0) {
            parts.add("hosted " + count(hostedSessions, "session"));
        }
        if (endorsements > 0) {
            parts.add("endorsed by " + count(endorsements, "member"));
        }
        declared.ifPresent(p -> parts.add("declared " + p.name()));
        return parts.isEmpty() ? "no visible evidence" : String.join(", ", parts);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
