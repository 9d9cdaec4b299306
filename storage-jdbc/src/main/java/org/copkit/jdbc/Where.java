package org.copkit.jdbc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The condition of a keyset page, built from conjuncts. The columns it holds equal to one value are kept in
 * the order they were added, so that the page can order by them before its cursor column: the rows then come
 * in the order of an index that starts with those columns, and H2 reads one page of them instead of sorting
 * every row that matches (PostgreSQL drops such constant sort keys itself). A set of one value is an equality
 * too; a larger set is an {@code IN} list and fixes nothing.
 */
final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> args = new ArrayList<>();
    private final List<String> fixed = new ArrayList<>();

    private Where() {}

    /** @return a condition that every row meets, to which conjuncts can be added */
    static Where all() {
        return new Where();
    }

    /** @return a condition that the column equals the value */
    static Where eq(String column, Object value) {
        return all().and(column, value);
    }

    /** Adds {@code column = value}; the page orders by the column before its cursor column. */
    Where and(String column, Object value) {
        conditions.add(column + " = ?");
        args.add(value);
        fixed.add(column);
        return this;
    }

    /** Adds {@code column IN (values)} for the enum constants' names, or nothing for an empty set. */
    Where andIn(String column, Collection<? extends Enum<?>> values) {
        List<String> names = values.stream().map(Enum::name).sorted().toList();
        if (names.size() == 1) {
            return and(column, names.get(0));
        }
        if (!names.isEmpty()) {
            conditions.add(VersionedRepo.in(column, names.size()));
            args.addAll(names);
        }
        return this;
    }

    /** Adds a condition that fixes no column, such as {@code review_by < ?}, with its values. */
    Where andRange(String condition, Object... values) {
        conditions.add(condition);
        args.addAll(Arrays.asList(values));
        return this;
    }

    List<String> conditions() {
        return Collections.unmodifiableList(conditions);
    }

    List<Object> args() {
        return Collections.unmodifiableList(args);
    }

    /** @return the columns held equal to one value, in the order they were added */
    List<String> fixed() {
        return Collections.unmodifiableList(fixed);
    }
}
