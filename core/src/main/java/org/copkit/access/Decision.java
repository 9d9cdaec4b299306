package org.copkit.access;

import java.util.Objects;

/**
 * The outcome of a rule: allowed, or denied with a reason that names the rule.
 *
 * @param allowed whether the operation may go ahead
 * @param reason why not, for denials; empty for allowances
 */
public record Decision(boolean allowed, String reason) {
    private static final Decision ALLOW = new Decision(true, "");

    /** Validates. */
    public Decision {
        Objects.requireNonNull(reason, "reason");
        if (!allowed && reason.isBlank()) {
            throw new IllegalArgumentException("a denial needs a reason");
        }
    }

    /** @return an allowance */
    public static Decision allow() {
        return ALLOW;
    }

    /**
     * @param reason why, shown to the member; names the rule
     * @return a denial
     */
    public static Decision deny(String reason) {
        return new Decision(false, reason);
    }

    /** @return this decision, or the other one when this one allows */
    public Decision and(java.util.function.Supplier<Decision> other) {
        return allowed ? other.get() : this;
    }
}
