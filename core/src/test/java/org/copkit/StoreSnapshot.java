package org.copkit;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.copkit.community.Community;
import org.copkit.community.MembershipState;
import org.copkit.domain.Domain;
import org.copkit.knowledge.ItemQuery;
import org.copkit.knowledge.ItemStatus;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.search.SearchQuery;
import org.copkit.search.SearchResult;
import org.copkit.spi.Change;
import org.copkit.spi.Storage;

/**
 * Everything a kit has stored, as seen by the system actor: organisations, members, domains and
 * competencies, communities with all memberships and practices, items with versions and every
 * revision, the whole activity log, the storage change feed and what search finds. Two snapshots
 * are equal exactly when nothing observable was written in between.
 *
 * @param sections named listings, in a fixed order
 */
public record StoreSnapshot(Map<String, List<?>> sections) {

    /** Takes a snapshot of a kit on the given storage. */
    public static StoreSnapshot of(CopKit kit, Storage storage) {
        CopKit.As sys = kit.system();
        Map<String, List<?>> s = new LinkedHashMap<>();
        s.put("organizations", all(p -> sys.organizations().list(p)));
        s.put("members", all(p -> sys.members().list(p)));
        List<Domain> domains = all(p -> sys.domains().list(p));
        s.put("domains", domains);
        for (Domain d : domains) {
            s.put("competencies of " + d.id(), all(p -> sys.domains().competencies(d.id(), p)));
        }
        List<Community> communities = all(p -> sys.communities().list(p));
        s.put("communities", communities);
        for (Community c : communities) {
            s.put("memberships of " + c.id(),
                    all(p -> sys.communities().memberships(c.id(), EnumSet.allOf(MembershipState.class), p)));
            s.put("practices of " + c.id(), sys.practices().list(c.id()));
            List<KnowledgeItem> items = all(p -> sys.knowledge().list(ItemQuery.in(c.id()), p));
            s.put("items of " + c.id(), items);
            for (KnowledgeItem i : items) {
                s.put("revisions of " + i.id(), all(p -> sys.knowledge().revisions(i.id(), p)));
            }
        }
        s.put("activities", all(p -> sys.activities().feed(Optional.empty(), Optional.empty(), p)));
        List<Change> changes = new ArrayList<>();
        long after = 0;
        while (true) {
            List<Change> batch = storage.changes().after(after, 500);
            if (batch.isEmpty()) {
                break;
            }
            changes.addAll(batch);
            after = batch.get(batch.size() - 1).sequence();
        }
        s.put("changes", changes);
        s.put("change feed head", List.of(storage.changes().head()));
        SearchResult everything = sys.search().query(SearchQuery.of("")
                .withStatuses(EnumSet.allOf(ItemStatus.class).stream().map(Enum::name).toArray(String[]::new))
                .page(0, 100));
        s.put("search", List.of(everything.total(), everything.hits(), everything.facets()));
        return new StoreSnapshot(Map.copyOf(s));
    }

    /** Reads every page of a listing. */
    public static <T> List<T> all(Function<PageRequest, Page<T>> listing) {
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
