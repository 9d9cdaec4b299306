package org.copkit.internal;

import java.util.List;
import org.copkit.member.MemberId;
import org.copkit.search.SearchHit;
import org.copkit.search.SearchQuery;
import org.copkit.search.SearchResult;
import org.copkit.search.SearchService;
import org.copkit.search.SimilarQuery;

final class Searches implements SearchService {
    private final Engine engine;
    private final MemberId actor;

    Searches(Engine engine, MemberId actor) {
        this.engine = engine;
        this.actor = actor;
    }

    @Override
    public SearchResult query(SearchQuery query) {
        Checks.present("query", query);
        return engine.searchIndex().query(query, engine.read(actor, call -> call.actor.scope()));
    }

    @Override
    public List<SearchHit> similar(SimilarQuery query) {
        Checks.present("query", query);
        return engine.searchIndex().similar(query, engine.read(actor, call -> call.actor.scope()));
    }

    @Override
    public List<String> suggest(String prefix, int limit) {
        Checks.present("prefix", prefix);
        if (prefix.length() > 100) {
            throw new org.copkit.InvalidInputException("prefix must be at most 100 characters but had "
                    + prefix.length());
        }
        Checks.range("limit", limit, 1, 20);
        return engine.searchIndex().suggest(prefix, engine.read(actor, call -> call.actor.scope()), limit);
    }
}
