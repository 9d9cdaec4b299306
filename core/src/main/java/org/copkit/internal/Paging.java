package org.copkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.copkit.Page;
import org.copkit.PageRequest;

/** Keyset paging over a storage listing with a visibility filter applied on top. */
final class Paging {
    private Paging() {}

    /**
     * Reads storage pages until {@code request.limit()} visible rows are collected. The returned
     * cursor is the key of the last row examined that belongs to this page, so no visible row is
     * skipped or repeated.
     */
    static <T> Page<T> filtered(PageRequest request, Function<PageRequest, Page<T>> source, Predicate<T> visible,
            Function<T, String> key) {
        List<T> out = new ArrayList<>();
        PageRequest next = new PageRequest(request.after(), PageRequest.MAX_LIMIT);
        while (true) {
            Page<T> p = source.apply(next);
            for (T row : p.items()) {
                if (!visible.test(row)) {
                    continue;
                }
                if (out.size() == request.limit()) {
                    return new Page<>(out, Optional.of(key.apply(out.get(out.size() - 1))));
                }
                out.add(row);
            }
            if (p.next().isEmpty()) {
                return new Page<>(out, Optional.empty());
            }
            next = next.after(p.next().get());
        }
    }

    /** Counts every visible row of a listing. */
    static <T> long count(Function<PageRequest, Page<T>> source, Predicate<T> visible) {
        return StoreReads.stream(source).filter(visible).count();
    }
}
