package org.copkit.digest;

import java.time.Instant;
import java.util.List;
import org.copkit.InvalidInputException;
import org.copkit.internal.Checks;
import org.copkit.member.MemberId;

/**
 * What changed in a period in the areas a member follows and the communities they are active in, as
 * that member may see it. The same stored state and period always give an equal digest.
 *
 * @param member whose digest it is
 * @param from start of the period (inclusive)
 * @param to end of the period (exclusive); upcoming sessions are counted from here
 * @param entries every entry, ordered by section, then by {@link DigestEntry#at()}, then by object id
 */
public record Digest(MemberId member, Instant from, Instant to, List<DigestEntry> entries) {
    /** Validates and copies. */
    public Digest {
        Checks.present("digest.member", member);
        Checks.present("digest.from", from);
        Checks.present("digest.to", to);
        if (!from.isBefore(to)) {
            throw new InvalidInputException("digest.from must be before digest.to but was " + from + " / " + to);
        }
        entries = List.copyOf(Checks.present("digest.entries", entries));
    }

    /**
     * @param section a section
     * @return the entries of that section, in digest order
     */
    public List<DigestEntry> section(DigestSection section) {
        Checks.present("section", section);
        return entries.stream().filter(e -> e.section() == section).toList();
    }

    /** @return whether the digest has no entries */
    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
