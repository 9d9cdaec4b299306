package org.copkit.search;

import java.util.Set;
import org.copkit.community.CommunityId;
import org.copkit.domain.CompetencyId;
import org.copkit.internal.Checks;

/**
 * What {@link org.copkit.spi.SearchIndex#peers} looks for: members active in a community whose profile
 * shares competencies with the reader's.
 *
 * @param community the community the peers are active in
 * @param wanted the reader's ambitions
 * @param known the reader's declared competencies
 * @param limit how many peers at most, 1 to 100
 */
public record PeerQuery(CommunityId community, Set<CompetencyId> wanted, Set<CompetencyId> known, int limit) {
    /** Validates and copies. */
    public PeerQuery {
        Checks.present("peerQuery.community", community);
        wanted = Checks.set("peerQuery.wanted", wanted, 1_000);
        known = Checks.set("peerQuery.known", known, 1_000);
        Checks.range("peerQuery.limit", limit, 1, 100);
    }
}
