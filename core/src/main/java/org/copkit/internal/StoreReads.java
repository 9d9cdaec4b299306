package org.copkit.internal;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.copkit.Page;
import org.copkit.PageRequest;

/** Reads keyset-paged storage listings past their page boundaries. */
final class StoreReads {
    private StoreReads() {}

    /**
     * Every row of a listing, in listing order, fetched page by page only as far as the stream is
     * consumed: a short-circuiting operation ({@code anyMatch}, {@code limit}, {@code takeWhile}) reads
     * no more pages than it needs.
     */
    static <T> Stream<T> stream(Function<PageRequest, Page<T>> listing) {
        PageRequest first = PageRequest.first(PageRequest.MAX_LIMIT);
        return Stream.iterate(listing.apply(first), Objects::nonNull,
                page -> page.next().map(cursor -> listing.apply(first.after(cursor))).orElse(null))
                .flatMap(page -> page.items().stream());
    }

    /** Every row of a listing, in listing order. */
    static <T> List<T> all(Function<PageRequest, Page<T>> listing) {
        return stream(listing).toList();
    }
}
