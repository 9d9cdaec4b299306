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
 * @param entries the entries shown, ordered by section, then by {@link DigestEntry#at()}, then by object id:
 *     per section the {@value #SHOWN_PER_SECTION} most recent
 * @param omitted per section, how many further entries there were (sections without any are absent)
 */
public record Digest(MemberId member, Instant from, Instant to, List<DigestEntry> entries,
        java.util.Map<DigestSection, Integer> omitted) {
    /** Entries a digest shows per section at most: the most recent ones. */
    public static final int SHOWN_PER_SECTION = 5;

    /** Validates and copies. */
    public Digest {
        Checks.present("digest.member", member);
        Checks.present("digest.from", from);
        Checks.present("digest.to", to);
        if (!from.isBefore(to)) {
            throw new InvalidInputException("digest.from must be before digest.to but was " + from + " / " + to);
        }
        entries = List.copyOf(Checks.present("digest.entries", entries));
        java.util.EnumMap<DigestSection, Integer> left = new java.util.EnumMap<>(DigestSection.class);
        Checks.present("digest.omitted", omitted).forEach((section, n) -> {
            Checks.present("digest.omitted section", section);
            Checks.present("digest.omitted[" + section + "]", n);
            if (n < 0) {
                throw new InvalidInputException("digest.omitted[" + section + "] must not be negative but was " + n);
            }
            if (n > 0) {
                left.put(section, n);
            }
        });
        omitted = java.util.Collections.unmodifiableMap(left);
    }

    /**
     * A digest that left nothing out.
     *
     * @param member whose digest it is
     * @param from start of the period (inclusive)
     * @param to end of the period (exclusive)
     * @param entries every entry
     */
    public Digest(MemberId member, Instant from, Instant to, List<DigestEntry> entries) {
        this(member, from, to, entries, java.util.Map.of());
    }

    /**
     * How many more entries of a section there were than the digest shows ("and 12 more"): a section
     * shows its {@value #SHOWN_PER_SECTION} most recent entries. A host links the line to the full list
     * (the community's items, questions or sessions since {@link #from()}, or the member's feed).
     *
     * @param section a section
     * @return the number of entries left out, 0 when none
     */
    public int omitted(DigestSection section) {
        return omitted.getOrDefault(Checks.present("section", section), 0);
    }

    /**
     * @param section a section
     * @return the entries of that section, in digest order
     */
    public List<DigestEntry> section(DigestSection section) {
        Checks.present("section", section);
        return entries.stream().filter(e -> e.section() == section).toList();
    }

    /**
     * The key of this digest's delivery, the same each time the same digest is handed to the notifier
     * again ({@link DigestService#sendDue} delivers at least once): {@code member + "/" + to}. A member
     * gets at most one digest per period end, so a host that remembers the keys it has sent (for example
     * under a unique constraint in its own mail queue) sends each digest exactly once.
     *
     * @return the delivery key, for example {@code ann/2026-03-09T06:00:00Z}
     */
    public String deliveryKey() {
        return member.value() + "/" + to;
    }

    /** @return whether the digest has no entries */
    public boolean isEmpty() {
        return entries.isEmpty() && omitted.isEmpty();
    }
}
