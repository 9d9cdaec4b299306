package org.copkit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a keyset-paged listing. Pass {@link #next()} to {@link PageRequest#after(String)} to
 * read the following page; it is empty on the last page.
 *
 * @param items the items of this page, in listing order, never null
 * @param next the cursor of the following page, empty when this is the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, Optional<String> next) {
    /** Validates and copies. */
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }

    /** @return whether a following page exists */
    public boolean hasNext() {
        return next.isPresent();
    }
}
