package org.copkit.knowledge;

import java.util.Optional;
import org.copkit.internal.Checks;

/**
 * Where a knowledge item came from.
 *
 * @param source what kind of origin
 * @param reference the id of the originating object (session, question, answer) or an external
 *     reference for imports, at most 500 characters
 * @param note free text, at most 1,000 characters
 */
public record Provenance(Source source, Optional<String> reference, Optional<String> note) {
    /** The kind of origin. */
    public enum Source {
        /** Written directly in CoPKit. */
        AUTHORED,
        /** Captured from a session. */
        SESSION,
        /** Promoted from an answered question. */
        QUESTION,
        /** Promoted from one answer. */
        ANSWER,
        /** Imported from elsewhere. */
        IMPORT
    }

    /** Validates. */
    public Provenance {
        Checks.present("provenance.source", source);
        reference = Checks.present("provenance.reference", reference)
                .map(r -> Checks.line("provenance.reference", r, 500));
        note = Checks.present("provenance.note", note).map(n -> Checks.text("provenance.note", n, 1_000));
    }

    /** @return provenance of an item written directly */
    public static Provenance authored() {
        return new Provenance(Source.AUTHORED, Optional.empty(), Optional.empty());
    }

    /**
     * @param source the origin kind
     * @param reference the originating object's id or an external reference
     * @return the provenance
     */
    public static Provenance from(Source source, String reference) {
        return new Provenance(source, Optional.of(reference), Optional.empty());
    }
}
