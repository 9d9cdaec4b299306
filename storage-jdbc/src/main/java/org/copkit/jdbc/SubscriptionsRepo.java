package org.copkit.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.copkit.ConflictException;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.member.MemberId;
import org.copkit.spi.Repositories;
import org.copkit.subscription.Subscription;
import org.copkit.subscription.SubscriptionId;

/**
 * Table {@code subscriptions}; the unique constraint {@code subscriptions_once} keeps one subscription
 * per member and target, also under concurrent inserts.
 */
final class SubscriptionsRepo extends VersionedRepo<SubscriptionId, Subscription> implements Repositories.Subscriptions {
    SubscriptionsRepo(JdbcTransaction tx) {
        super(tx, ObjectType.SUBSCRIPTION, "subscriptions", "id");
    }

    @Override
    SubscriptionId key(Subscription s) {
        return s.id();
    }

    @Override
    List<Object> keyValues(SubscriptionId key) {
        return List.of(key.value());
    }

    @Override
    String refId(SubscriptionId key) {
        return key.value();
    }

    @Override
    long version(Subscription s) {
        return s.version();
    }

    @Override
    LinkedHashMap<String, Object> columns(Subscription s) {
        LinkedHashMap<String, Object> c = new LinkedHashMap<>();
        c.put("member_id", s.member().value());
        c.put("target_type", s.target().type());
        c.put("target_id", s.target().id());
        c.put("active", s.active());
        c.put("since", s.since());
        c.put("updated_at", s.updatedAt());
        return c;
    }

    @Override
    Db.Mapper<Subscription> mapper() {
        return r -> new Subscription(SubscriptionId.of(r.text("id")), MemberId.of(r.text("member_id")),
                new Ref(ObjectType.valueOf(r.text("target_type")), r.text("target_id")), r.boolValue("active"),
                r.instant("since"), r.instant("updated_at"), r.longValue("version"));
    }

    @Override
    public Subscription insert(Subscription s) {
        tx.checkWritable();
        find(s.member(), s.target()).ifPresent(existing -> {
            throw new ConflictException("member " + s.member() + " already has subscription " + existing.id()
                    + " to " + s.target());
        });
        return super.insert(s);
    }

    @Override
    public Optional<Subscription> find(MemberId member, Ref target) {
        return db.one("SELECT * FROM " + table + " WHERE member_id = ? AND target_type = ? AND target_id = ?",
                mapper(), member.value(), target.type().name(), target.id());
    }

    @Override
    public Page<Subscription> listByMember(MemberId member, PageRequest page) {
        return page(Where.eq("member_id", member.value()).and("active", true), "id", s -> s.id().value(), page);
    }

    @Override
    public Page<Subscription> listByTarget(Ref target, PageRequest page) {
        return page(Where.eq("target_type", target.type().name()).and("target_id", target.id()).and("active", true),
                "member_id", s -> s.member().value(), page);
    }

    /** One statement per {@value #TARGETS_PER_QUERY} distinct targets (one in practice), on index subscriptions_by_target. */
    @Override
    public List<Subscription> listByTargets(Collection<Ref> targets) {
        List<Ref> distinct = List.copyOf(new LinkedHashSet<>(targets));
        List<Subscription> all = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += TARGETS_PER_QUERY) {
            List<Ref> chunk = distinct.subList(from, Math.min(distinct.size(), from + TARGETS_PER_QUERY));
            Map<Ref, Integer> order = new HashMap<>();
            chunk.forEach(t -> order.put(t, order.size()));
            db.query("SELECT s.* " + activeTo(table, chunk.size()), mapper(), activeToArgs(chunk).toArray()).stream()
                    .sorted(Comparator.<Subscription>comparingInt(s -> order.get(s.target()))
                            .thenComparing(Subscription::member))
                    .forEach(all::add);
        }
        return all;
    }

    /**
     * The {@code FROM ... WHERE ...} clause of the active subscriptions (alias {@code s}) to {@code targets}
     * distinct targets, arguments {@link #activeToArgs}: the targets as a {@code VALUES} list joined with the
     * table, which H2 and PostgreSQL answer with one lookup in index subscriptions_by_target per target. Not
     * {@code (target_type = ? AND target_id = ?) OR ...}: for two targets or more H2 2.5 scans the whole
     * table for that (and for {@code (target_type, target_id) IN ((?, ?), ...)} it scans the index range of
     * the target types, about as much); H2QueryPlanTest checks it.
     */
    static String activeTo(String table, int targets) {
        StringBuilder sql = new StringBuilder(40 + 8 * targets + 160).append("FROM (VALUES ");
        for (int i = 0; i < targets; i++) {
            sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
        }
        return sql.append(") f (followed_type, followed_id) JOIN ").append(table)
                .append(" s ON s.target_type = f.followed_type AND s.target_id = f.followed_id WHERE s.active = ?")
                .toString();
    }

    /** @return the arguments of {@link #activeTo} for these distinct targets */
    static List<Object> activeToArgs(List<Ref> targets) {
        List<Object> args = new ArrayList<>(2 * targets.size() + 1);
        for (Ref t : targets) {
            args.add(t.type().name());
            args.add(t.id());
        }
        args.add(true);
        return args;
    }

    private static final int TARGETS_PER_QUERY = 200;
}
