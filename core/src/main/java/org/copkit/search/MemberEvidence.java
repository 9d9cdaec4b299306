package org.copkit.search;

import java.util.List;
import java.util.Optional;
import org.copkit.Ref;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;
import org.copkit.member.Proficiency;

/**
 * One candidate's evidence as {@link org.copkit.spi.SearchIndex#experts} sums it up for an
 * {@link ExpertQuery}, counting only what the reader may see.
 *
 * @param member the candidate
 * @param declared the highest level among their declared competences in the query's competencies
 * @param endorsers distinct members endorsing one of the query's competencies of theirs
 * @param answers counted {@code QUESTION} documents crediting them
 * @param items counted {@code KNOWLEDGE_ITEM} documents crediting them
 * @param sessions counted {@code SESSION} documents crediting them
 * @param contributions the counted documents' refs, per type at most the query's {@code maxContributions}
 *     with the smallest ids, ordered by type then id
 */
public record MemberEvidence(MemberId member, Optional<Proficiency> declared, int endorsers, int answers,
        int items, int sessions, List<Ref> contributions) {
    /** Validates and copies. */
    public MemberEvidence {
        Checks.present("evidence.member", member);
        Checks.present("evidence.declared", declared);
        Checks.nonNegative("evidence.endorsers", endorsers);
        Checks.nonNegative("evidence.answers", answers);
        Checks.nonNegative("evidence.items", items);
        Checks.nonNegative("evidence.sessions", sessions);
        contributions = List.copyOf(contributions);
    }
}
