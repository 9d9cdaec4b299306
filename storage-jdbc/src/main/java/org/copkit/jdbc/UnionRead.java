package org.copkit.jdbc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several selects answered by one {@code UNION ALL} statement, one round trip. Each part names the kind
 * of its rows, its columns (a label, optionally with the SQL expression that yields it) and its
 * {@code FROM ... WHERE ...}; the statement selects every label of every part, {@code NULL} where a part
 * has no such column, plus the part's kind, and hands each row to its part's handler. Handlers read the
 * columns by label, so the repositories' row mappers work unchanged as long as the parts use their
 * column names. A label must have one SQL type in every part that has it; a label that is not text needs
 * its type {@link #type declared}, because PostgreSQL types the {@code NULL} of a part without that column
 * as text when it resolves the union pairwise. Not thread-safe; one use.
 */
final class UnionRead {
    /** Reads one row of a part. */
    interface Handler {
        void row(Row row) throws SQLException;
    }

    private record Part(String kind, Map<String, String> columns, String from, List<Object> args, Handler handler) {}

    private final List<Part> parts = new ArrayList<>();
    private final Map<String, String> types = new java.util.HashMap<>();

    /**
     * Declares the SQL type of a label that is not text, for the {@code NULL}s of the parts without it.
     *
     * @return this
     */
    UnionRead type(String label, String sqlType) {
        types.put(label, sqlType);
        return this;
    }

    /**
     * Adds a part.
     *
     * @param kind a short tag telling this part's rows apart, unique per statement
     * @param from the {@code FROM ... WHERE ...} clause, with {@code ?} for the arguments
     * @param args the arguments of {@code from}
     * @param handler called once per row of this part
     * @param columns labels, each either a column name or {@code label=expression}
     * @return this
     */
    UnionRead part(String kind, String from, List<Object> args, Handler handler, String... columns) {
        Map<String, String> named = new LinkedHashMap<>();
        for (String c : columns) {
            int eq = c.indexOf('=');
            named.put(eq < 0 ? c : c.substring(0, eq), eq < 0 ? c : c.substring(eq + 1));
        }
        parts.add(new Part(kind, named, from, List.copyOf(args), handler));
        return this;
    }

    boolean isEmpty() {
        return parts.isEmpty();
    }

    /** Statement texts by shape, see {@link #run(Db, String)}; at most {@value #CACHED_SHAPES}. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> STATEMENTS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int CACHED_SHAPES = 1_000;

    /** Runs the statement (nothing when there are no parts) and hands every row to its part. */
    void run(Db db) {
        run(db, null);
    }

    /**
     * Like {@link #run(Db)}, reusing the statement text of an earlier run with the same shape: building it
     * (and the database hashing a new string to find its prepared statement) is a visible share of a
     * call's CPU.
     *
     * @param shape a key that determines the statement text completely (all parts' kinds, columns and
     *     clauses), e.g. the schema and the number of values of each part; null: build it
     */
    void run(Db db, String shape) {
        if (parts.isEmpty()) {
            return;
        }
        Map<String, Handler> handlers = new java.util.HashMap<>();
        List<Object> args = new ArrayList<>();
        for (Part p : parts) {
            args.addAll(p.args());
            handlers.put(p.kind(), p.handler());
        }
        String statement = shape == null ? null : STATEMENTS.get(shape);
        if (statement == null) {
            statement = statement();
            if (shape != null && STATEMENTS.size() < CACHED_SHAPES) {
                STATEMENTS.putIfAbsent(shape, statement);
            }
        }
        db.query(statement, r -> {
            handlers.get(r.text("kind")).row(r);
            return Boolean.TRUE;
        }, args.toArray());
    }

    private String statement() {
        List<String> labels = new ArrayList<>();
        for (Part p : parts) {
            p.columns().keySet().stream().filter(l -> !labels.contains(l)).forEach(labels::add);
        }
        StringBuilder sql = new StringBuilder(2_048);
        for (Part p : parts) {
            sql.append(sql.length() == 0 ? "SELECT '" : " UNION ALL SELECT '").append(p.kind()).append("' AS kind");
            for (String label : labels) {
                String expression = p.columns().get(label);
                String type = types.get(label);
                sql.append(", ").append(expression != null ? expression
                        : type == null ? "NULL" : "CAST(NULL AS " + type + ")").append(" AS ").append(label);
            }
            sql.append(' ').append(p.from());
        }
        // the outer SELECT is not decoration: H2 keeps a prepared top-level UNION out of its per-session query
        // cache and parses it again on every prepareStatement (150-300 us); a SELECT over it is cached
        return "SELECT kind, " + String.join(", ", labels) + " FROM (" + sql + ") u";
    }
}
