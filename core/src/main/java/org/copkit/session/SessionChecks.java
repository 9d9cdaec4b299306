package org.copkit.session;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.copkit.InvalidInputException;
import org.copkit.internal.Checks;

/** Validation shared by {@link Session} and {@link SessionDraft}. */
final class SessionChecks {
    static final int MAX_HOSTS = 20;

    private SessionChecks() {}

    static void times(String prefix, Instant start, Instant end) {
        Checks.present(prefix + ".start", start);
        Checks.present(prefix + ".end", end);
        if (!end.isAfter(start)) {
            throw new InvalidInputException(prefix + ".end must be after " + prefix + ".start (" + start + ") but was "
                    + end);
        }
    }

    static Optional<String> place(String prefix, SessionFormat format, Optional<String> place) {
        Optional<String> p = Checks.present(prefix + ".place", place).map(v -> Checks.line(prefix + ".place", v, 500));
        if (format != null && format.needsPlace() && p.isEmpty()) {
            throw new InvalidInputException(prefix + ".place is required for format " + format);
        }
        return p;
    }

    static Optional<URI> joinLink(String prefix, SessionFormat format, Optional<URI> link) {
        Checks.present(prefix + ".joinLink", link);
        link.ifPresent(u -> {
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!u.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null) {
                throw new InvalidInputException(prefix + ".joinLink must be an absolute http or https URI but was '"
                        + Checks.abbreviate(u.toString()) + "'");
            }
            if (u.toString().length() > 2_000) {
                throw new InvalidInputException(prefix + ".joinLink must be at most 2000 characters");
            }
        });
        if (format != null && format.needsJoinLink() && link.isEmpty()) {
            throw new InvalidInputException(prefix + ".joinLink is required for format " + format);
        }
        return link;
    }
}
