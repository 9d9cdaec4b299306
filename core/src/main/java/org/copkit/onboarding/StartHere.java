package org.copkit.onboarding;

import java.util.List;
import org.copkit.community.CommunityId;
import org.copkit.conversation.Conversation;
import org.copkit.internal.Checks;
import org.copkit.session.Session;

/**
 * Where a member starts in a community: everything here is limited to what the member may see.
 *
 * @param community the community
 * @param newcomer whether the member is a newcomer there, and until when
 * @param paths the community's learning paths with the member's progress, ordered by id (creation)
 * @param answeredQuestions the most useful answered questions: highest score first, then most
 *     recently updated, at most {@value OnboardingService#LIMIT}
 * @param upcomingSessions sessions that have not ended and are not cancelled, earliest first, at
 *     most {@value OnboardingService#LIMIT}
 * @param peers suggested peers, best match first, at most {@value OnboardingService#LIMIT}
 */
public record StartHere(CommunityId community, NewcomerStatus newcomer, List<PathProgress> paths,
        List<Conversation> answeredQuestions, List<Session> upcomingSessions, List<PeerSuggestion> peers) {
    /** Validates and copies. */
    public StartHere {
        Checks.present("startHere.community", community);
        Checks.present("startHere.newcomer", newcomer);
        paths = List.copyOf(Checks.present("startHere.paths", paths));
        answeredQuestions = List.copyOf(Checks.present("startHere.answeredQuestions", answeredQuestions));
        upcomingSessions = List.copyOf(Checks.present("startHere.upcomingSessions", upcomingSessions));
        peers = List.copyOf(Checks.present("startHere.peers", peers));
    }
}
