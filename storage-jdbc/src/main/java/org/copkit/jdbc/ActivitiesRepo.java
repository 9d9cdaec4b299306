package org.copkit.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.copkit.ObjectType;
import org.copkit.Page;
import org.copkit.PageRequest;
import org.copkit.Ref;
import org.copkit.activity.Activity;
import org.copkit.activity.Verb;
import org.copkit.community.CommunityId;
import org.copkit.member.MemberId;
import org.copkit.spi.ActivityFilter;
import org.copkit.spi.Repositories;

/** Table {@code activities}: append-only, sequence from an identity column, listed newest first. */
final class ActivitiesRepo implements Repositories.Activities {
    private final JdbcTransaction tx;
    private final Db db;
    private final String table;

    ActivitiesRepo(JdbcTransaction tx) {
        this.tx = tx;
        this.db = tx.db();
        this.table = db.schema.t("activities");
    }

    private static final Db.Mapper<Activity> MAPPER = r -> new Activity(r.longValue("seq"),
            MemberId.of(r.text("actor_id")), Verb.valueOf(r.text("verb")),
            new Ref(ObjectType.valueOf(r.text("object_type")), r.text("object_id")),
            r.optText("target_type").isPresent()
                    ? java.util.Optional.of(new Ref(ObjectType.valueOf(r.text("target_type")), r.text("target_id")))
                    : java.util.Optional.empty(),
            r.optText("community_id").map(CommunityId::of), r.instant("occurred_at"),
            Json.visibility(r.text("visibility")), Json.stringMap(r.text("details")));

    @Override
    public Activity append(Activity a) {
        tx.checkWritable();
        long seq = db.insertReturningKey("INSERT INTO " + table + " (actor_id, verb, object_type, object_id, target_type,"
                + " target_id, community_id, occurred_at, visibility, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "seq", a.actor().value(), a.verb(), a.object().type(), a.object().id(),
                Db.text(a.target().map(Ref::type)), Db.text(a.target().map(Ref::id)), Db.text(a.community()), a.at(),
                Json.visibility(a.visibility()), Json.stringMap(a.details()));
        return a.withSequence(seq);
    }

    @Override
    public Page<Activity> list(ActivityFilter filter, PageRequest page) {
        long before = page.after().map(c -> Paging.numericCursor(c, "activity sequence", Long.MAX_VALUE))
                .orElse(Long.MAX_VALUE);
        List<String> where = new ArrayList<>(List.of("seq < ?"));
        List<Object> args = new ArrayList<>(List.of(before));
        filter.community().ifPresent(c -> {
            where.add("community_id = ?");
            args.add(c.value());
        });
        filter.actor().ifPresent(m -> {
            where.add("actor_id = ?");
            args.add(m.value());
        });
        filter.object().ifPresent(o -> {
            where.add("object_type = ? AND object_id = ?");
            args.add(o.type().name());
            args.add(o.id());
        });
        return Paging.page(db.query("SELECT * FROM " + table + " WHERE " + String.join(" AND ", where)
                + " ORDER BY seq DESC LIMIT " + (page.limit() + 1), MAPPER, args.toArray()),
                a -> Long.toString(a.sequence()), page);
    }

    @Override
    public Page<Activity> listSince(CommunityId community, java.time.Instant since, PageRequest page) {
        long after = page.after().map(c -> Paging.numericCursor(c, "activity sequence", Long.MAX_VALUE)).orElse(0L);
        return Paging.page(db.query("SELECT * FROM " + table + " WHERE community_id = ? AND occurred_at >= ?"
                + " AND seq > ? ORDER BY seq LIMIT " + (page.limit() + 1), MAPPER, community.value(), since, after),
                a -> Long.toString(a.sequence()), page);
    }

    /**
     * One statement on the index {@code activities_by_community_verb_time} (V5), reading the head's columns
     * only.
     */
    @Override
    public List<org.copkit.spi.ActivityHead> listHeads(CommunityId community, java.util.Set<Verb> verbs,
            java.time.Instant from, java.time.Instant to) {
        org.copkit.spi.ActivityHead.check(community, verbs, from, to);
        List<Object> args = new ArrayList<>();
        args.add(community.value());
        verbs.forEach(v -> args.add(v.name()));
        args.add(from);
        args.add(to);
        return db.query("SELECT seq, actor_id, verb, object_type, object_id, target_type, target_id, occurred_at FROM "
                + table + " WHERE community_id = ? AND verb IN ("
                + String.join(", ", java.util.Collections.nCopies(verbs.size(), "?"))
                + ") AND occurred_at >= ? AND occurred_at < ? ORDER BY seq", r -> new org.copkit.spi.ActivityHead(
                        r.longValue("seq"), MemberId.of(r.text("actor_id")), Verb.valueOf(r.text("verb")),
                        new Ref(ObjectType.valueOf(r.text("object_type")), r.text("object_id")),
                        r.optText("target_type").isPresent() ? java.util.Optional.of(new Ref(
                                ObjectType.valueOf(r.text("target_type")), r.text("target_id")))
                                : java.util.Optional.empty(), r.instant("occurred_at")), args.toArray());
    }

    /**
     * Two index ranges, (community, actor) and (community, MEMBER target), each cut at the page size,
     * merged by sequence: no scan of the community's other activities.
     */
    @Override
    public Page<Activity> listInvolving(CommunityId community, MemberId member, PageRequest page) {
        long before = page.after().map(c -> Paging.numericCursor(c, "activity sequence", Long.MAX_VALUE))
                .orElse(Long.MAX_VALUE);
        String limit = " ORDER BY seq DESC LIMIT " + (page.limit() + 1);
        return Paging.page(db.query("SELECT * FROM " + table + " WHERE seq IN ("
                + "SELECT seq FROM (SELECT seq FROM " + table + " WHERE community_id = ? AND actor_id = ? AND seq < ?"
                + limit + ") by_actor UNION SELECT seq FROM (SELECT seq FROM " + table
                + " WHERE community_id = ? AND target_type = ? AND target_id = ? AND seq < ?" + limit + ") as_target)"
                + limit, MAPPER, community.value(), member.value(), before, community.value(), ObjectType.MEMBER,
                member.value(), before), a -> Long.toString(a.sequence()), page);
    }

    /**
     * Appends in JDBC batches. On PostgreSQL the sequences are drawn first in one query and inserted
     * explicitly (returning generated keys from a batch costs a round trip's worth per row there); on H2
     * the database returns the generated keys of the batch.
     */
    @Override
    public List<Activity> appendAll(List<Activity> activities) {
        tx.checkWritable();
        if (activities.isEmpty()) {
            return List.of();
        }
        boolean drawn = db.schema.dialect() == Dialect.POSTGRESQL;
        long[] seqs = drawn ? db.query("SELECT nextval(pg_get_serial_sequence(?, 'seq')) AS seq"
                + " FROM generate_series(1, ?)", r -> r.longValue("seq"), table, activities.size()).stream()
                .mapToLong(Long::longValue).sorted().toArray() : null;
        List<Object[]> rows = new ArrayList<>(activities.size());
        for (int i = 0; i < activities.size(); i++) {
            Activity a = activities.get(i);
            Object[] row = {a.actor().value(), a.verb(), a.object().type(), a.object().id(),
                Db.text(a.target().map(Ref::type)), Db.text(a.target().map(Ref::id)), Db.text(a.community()), a.at(),
                Json.visibility(a.visibility()), Json.stringMap(a.details()), 0L};
            if (drawn) {
                row[10] = seqs[i];
            }
            rows.add(drawn ? row : java.util.Arrays.copyOf(row, 10));
        }
        String columns = " (actor_id, verb, object_type, object_id, target_type, target_id, community_id, occurred_at,"
                + " visibility, details";
        if (drawn) {
            db.batch("INSERT INTO " + table + columns + ", seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        } else {
            seqs = db.batchReturningKeys("INSERT INTO " + table + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    "seq", rows);
        }
        List<Activity> stored = new ArrayList<>(activities.size());
        for (int i = 0; i < seqs.length; i++) {
            stored.add(activities.get(i).withSequence(seqs[i]));
        }
        return stored;
    }
}
