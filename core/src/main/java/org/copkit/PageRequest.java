package org.copkit;

import java.util.Optional;
import org.copkit.internal.Checks;

/**
 * Which page of a keyset-paged listing to read: at most {@code limit} items after a cursor.
 *
 * @param after the cursor returned as {@link Page#next()} by the previous page; empty for the first page
 * @param limit how many items at most, 1 to {@value #MAX_LIMIT}
 */
public record PageRequest(Optional<String> after, int limit) {
    /** The largest page size accepted. */
    public static final int MAX_LIMIT = 500;
    /** The page size of {@link #first()}. */
    public static final int DEFAULT_LIMIT = 50;

    /** Validates. */
    public PageRequest {
        Checks.present("page.after", after);
        Checks.range("page.limit", limit, 1, MAX_LIMIT);
        after.ifPresent(a -> {
            if (a.isBlank() || a.length() > 512) {
                throw new InvalidInputException("page.after must be a cursor returned by a previous page, was '"
                        + Checks.abbreviate(a) + "'");
            }
        });
    }

    /** @return the first page of {@value #DEFAULT_LIMIT} items */
    public static PageRequest first() {
        return new PageRequest(Optional.empty(), DEFAULT_LIMIT);
    }

    /**
     * @param limit page size, 1 to {@value #MAX_LIMIT}
     * @return the first page of the given size
     */
    public static PageRequest first(int limit) {
        return new PageRequest(Optional.empty(), limit);
    }

    /**
     * @param cursor a {@link Page#next()} value
     * @return the page after the cursor, with the same limit
     */
    public PageRequest after(String cursor) {
        return new PageRequest(Optional.of(cursor), limit);
    }
}
