package org.copkit.jdbc;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.copkit.InvalidInputException;
import org.copkit.Page;
import org.copkit.PageRequest;

/** Keyset paging helpers: rows are fetched with limit + 1 to know whether a next page exists. */
final class Paging {
    private Paging() {}

    static <T> Page<T> page(List<T> rowsPlusOne, Function<T, String> cursor, PageRequest request) {
        if (rowsPlusOne.size() <= request.limit()) {
            return new Page<>(rowsPlusOne, Optional.empty());
        }
        List<T> rows = rowsPlusOne.subList(0, request.limit());
        return new Page<>(rows, Optional.of(cursor.apply(rows.get(rows.size() - 1))));
    }

    /** Parses a cursor that must be a non-negative number, rejecting anything else as invalid input. */
    static long numericCursor(String cursor, String what, long max) {
        try {
            long value = Long.parseLong(cursor);
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        String shown = cursor.length() <= 40 ? cursor : cursor.substring(0, 37) + "...";
        throw new InvalidInputException("after must be a " + what + " returned by a previous page, was '" + shown + "'");
    }
}
