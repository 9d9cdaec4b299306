package org.copkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.copkit.Page;
import org.copkit.PageRequest;

/** Reads every page of a storage listing. */
final class StoreReads {
    private StoreReads() {}

    static <T> List<T> all(Function<PageRequest, Page<T>> listing) {
        List<T> out = new ArrayList<>();
        PageRequest req = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<T> page = listing.apply(req);
            out.addAll(page.items());
            if (page.next().isEmpty()) {
                return out;
            }
            req = req.after(page.next().get());
        }
    }
}
