package org.copkit.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.copkit.ConflictException;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;
import org.copkit.Id;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The statements of one transaction: binds values positionally (typed nulls included), maps rows and
 * translates SQL failures into CoPKit's exceptions.
 */
final class Db {
    /** A typed SQL NULL. */
    record Null(int sqlType) {}

    static final Null NULL_TEXT = new Null(Types.VARCHAR);
    static final Null NULL_TIMESTAMP = new Null(Types.TIMESTAMP_WITH_TIMEZONE);
    static final Null NULL_INTEGER = new Null(Types.INTEGER);

    /** Maps one row. */
    interface Mapper<T> {
        T map(Row row) throws SQLException;
    }

    final Handle handle;
    final Schema schema;

    Db(Handle handle, Schema schema) {
        this.handle = handle;
        this.schema = schema;
    }

    static Object text(Optional<? extends Object> value) {
        return value.<Object>map(v -> v instanceof Id id ? id.value() : v.toString()).orElse(NULL_TEXT);
    }

    static Object integer(java.util.OptionalInt value) {
        return value.isPresent() ? (Object) value.getAsInt() : NULL_INTEGER;
    }

    static Object timestamp(Optional<Instant> value) {
        return value.<Object>map(v -> v).orElse(NULL_TIMESTAMP);
    }

    /**
     * What a deferred write ({@link #later}) requires of its outcome, checked once it ran, before the
     * transaction goes on: throws when the row count shows that the write did not do its job.
     */
    interface Outcome {
        void rows(int count);
    }

    /** An outcome that every row count satisfies (inserts: they either write their row or fail). */
    static final Outcome ANY_ROWS = count -> {
    };

    /** A write queued by {@link #later}: sent with the transaction's next statement. */
    private record Deferred(String table, String sql, Object[] args, String onDuplicate, Outcome outcome) {}

    private final List<Deferred> deferred = new ArrayList<>();
    /** Called before deferred writes are sent; may add writes that travel with them ({@link #beforeSending}). */
    private Runnable beforeSending;
    /**
     * The failure of a statement of this transaction, once one failed: every later statement, and so the
     * commit, throws it again, even when the work caught it (a transaction in which a write or a read failed
     * never commits; on PostgreSQL the database would refuse to go on anyway).
     */
    private RuntimeException failed;

    /**
     * Runs an insert, update or delete whose result the caller does not need before its next statement.
     * On PostgreSQL it is queued and sent together with the transaction's next statement (or before the
     * commit) in one round trip: a create's item, revision and activity inserts cost one round trip
     * instead of three. On H2, which is embedded and has no round trips, it runs at once. Either way the
     * transaction's statements run in the order they were issued, and a failed write fails the
     * transaction, only perhaps at a later statement of it.
     *
     * @param table the table written, unqualified (names the write when the database reports a failure)
     * @param onDuplicate the message of the {@link ConflictException} when the write hits a duplicate key;
     *        null for the generic message
     * @param outcome checks the row count
     */
    void later(String table, String sql, String onDuplicate, Outcome outcome, Object... args) {
        checkNotFailed();
        deferred.add(new Deferred(table, sql, args, onDuplicate, outcome));
        if (schema.dialect() != Dialect.POSTGRESQL || deferred.size() >= MAX_DEFERRED) {
            flush();
        }
    }

    /**
     * At most this many writes wait (a call writing rows one by one in a loop sends them in groups
     * rather than as one huge statement text, which the driver would also cache).
     */
    static final int MAX_DEFERRED = 32;

    private void checkNotFailed() {
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * Lets the transaction add writes to a round trip of deferred writes just before it is sent (the
     * change-feed entries of the writes so far: they then cost no round trip of their own).
     */
    void beforeSending(Runnable addWrites) {
        this.beforeSending = addWrites;
    }

    /** Sends the deferred writes ({@link #later}); called before anything else touches the connection, and before commit. */
    void flush() {
        checkNotFailed();
        if (!deferred.isEmpty()) {
            run(null, NO_ARGS, null);
        }
    }

    /**
     * Runs one insert, update or delete now (after the deferred writes, in the same round trip), bound
     * straight on a plain {@link PreparedStatement} of the transaction's connection (Jdbi's
     * per-argument binding costs more CPU than the statement there).
     *
     * @return the number of rows affected
     */
    int update(String sql, Object... args) {
        return run(sql, args, (st, result) -> {
            if (result) {
                throw new SQLException("expected a row count but got a result set from " + abbreviate(sql));
            }
            return st.getUpdateCount();
        });
    }

    /**
     * Runs one insert whose key the database generates, like {@link #update}.
     *
     * @return the generated key
     */
    long insertReturningKey(String sql, String keyColumn, Object... args) {
        checkNotFailed();
        if (deferred.isEmpty()) {
            try (PreparedStatement st = handle.getConnection().prepareStatement(sql,
                    new String[] {schema.dialect().keyColumn(keyColumn)})) {
                bind(st, 1, args);
                st.executeUpdate();
                try (ResultSet keys = st.getGeneratedKeys()) {
                    return key(keys, sql);
                }
            } catch (SQLException e) {
                throw failed = translate(e, sql);
            }
        }
        // PostgreSQL with writes waiting: RETURNING is the driver's way of returning keys there too
        String returning = sql + " RETURNING " + keyColumn;
        return run(returning, args, (st, result) -> {
            if (!result) {
                throw new SQLException("the database returned no generated key for " + abbreviate(sql));
            }
            try (ResultSet keys = st.getResultSet()) {
                return key(keys, sql);
            }
        });
    }

    private static long key(ResultSet keys, String sql) throws SQLException {
        if (!keys.next()) {
            throw new SQLException("the database returned no generated key for " + abbreviate(sql));
        }
        return keys.getLong(1);
    }

    /**
     * Runs one query on a plain {@link PreparedStatement} of the transaction's connection (after the
     * deferred writes, in the same round trip) and maps every row (no Jdbi statement, binding or result
     * objects: on the hot path of every call they cost more CPU than an embedded database needs for the
     * statement).
     *
     * @return the mapped rows, in the order of the result
     */
    <T> List<T> query(String sql, Mapper<T> mapper, Object... args) {
        return run(sql, args, (st, result) -> {
            if (!result) {
                throw new SQLException("expected a result set but got a row count from " + abbreviate(sql));
            }
            try (ResultSet rs = st.getResultSet()) {
                List<T> rows = new ArrayList<>();
                Row row = new Row(rs);
                while (rs.next()) {
                    rows.add(mapper.map(row));
                }
                return rows;
            }
        });
    }

    /** Reads the result of the last statement of a round trip ({@code result}: whether it is a result set). */
    private interface Last<R> {
        R read(PreparedStatement st, boolean result) throws SQLException;
    }

    private static final Object[] NO_ARGS = {};

    /**
     * The deferred writes, then the statement {@code sql} (none when null), in one round trip: on
     * PostgreSQL one {@link PreparedStatement} holding all of them, separated by semicolons, which the
     * driver sends as one pipeline of parse/bind/execute messages with a single sync. Checks the deferred
     * writes' outcomes after the round trip.
     */
    private <R> R run(String sql, Object[] args, Last<R> last) {
        checkNotFailed();
        if (deferred.isEmpty()) {
            try (PreparedStatement st = handle.getConnection().prepareStatement(sql)) {
                bind(st, 1, args);
                return last.read(st, st.execute());
            } catch (SQLException e) {
                throw failed = translate(e, sql);
            }
        }
        if (beforeSending != null) {
            beforeSending.run();
        }
        List<Deferred> sent = List.copyOf(deferred);
        deferred.clear();
        java.util.StringJoiner text = new java.util.StringJoiner(";\n");
        for (Deferred d : sent) {
            text.add(d.sql());
        }
        if (sql != null) {
            text.add(sql);
        }
        int[] counts = new int[sent.size()];
        R answer = null;
        try (PreparedStatement st = handle.getConnection().prepareStatement(text.toString())) {
            int pos = 1;
            for (Deferred d : sent) {
                pos = bind(st, pos, d.args());
            }
            bind(st, pos, args);
            boolean result = st.execute();
            for (int i = 0; i < counts.length; i++) {
                if (result) {
                    throw new SQLException("expected a row count but got a result set from " + abbreviate(sent.get(i).sql()));
                }
                counts[i] = st.getUpdateCount();
                result = st.getMoreResults();
            }
            if (sql != null) {
                answer = last.read(st, result);
            }
        } catch (SQLException e) {
            throw failed = failure(sent, e, sql);
        }
        try {
            for (int i = 0; i < counts.length; i++) {
                sent.get(i).outcome().rows(counts[i]);
            }
        } catch (RuntimeException e) {
            throw failed = e;
        }
        return answer;
    }

    /**
     * The exception for a failed round trip of deferred writes (and perhaps one statement after them).
     * A duplicate key gets the message of the write it belongs to when that is certain: the write ran on
     * its own, or it is the only one of the round trip on the table the database names (the statement
     * run now, such as the activity insert, never writes a table that deferred writes insert into). Otherwise the generic translation, whose message quotes the database's (constraint and key).
     */
    private static CopKitException failure(List<Deferred> sent, SQLException e, String sql) {
        if (sqlState(e).equals("23505")) {
            Deferred culprit = null;
            if (sent.size() == 1 && sql == null) {
                culprit = sent.get(0);
            } else {
                String table = schemaTable(e);
                List<Deferred> onTable = sent.stream().filter(d -> d.table().equals(table)).toList();
                culprit = onTable.size() == 1 ? onTable.get(0) : null;
            }
            if (culprit != null && culprit.onDuplicate() != null) {
                return new ConflictException(culprit.onDuplicate());
            }
        }
        StringBuilder what = new StringBuilder();
        for (Deferred d : sent) {
            what.append(abbreviate(d.sql())).append("; ");
        }
        return translate(e, sent.size() == 1 && sql == null ? sent.get(0).sql()
                : what.append(sql == null ? "" : sql).toString());
    }

    /** @return the table a database error names, or "" (only PostgreSQL's driver says) */
    private static String schemaTable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
                String table = p.getServerErrorMessage().getTable();
                return table == null ? "" : table;
            }
        }
        return "";
    }

    <T> Optional<T> one(String sql, Mapper<T> mapper, Object... args) {
        List<T> rows = query(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static <S extends SqlStatement<S>> S bind(S statement, Object... args) {
        for (int i = 0; i < args.length; i++) {
            Object value = args[i];
            statement.bind(i, (Argument) (pos, st, ctx) -> set(st, pos, value));
        }
        return statement;
    }

    /** @return the SQLState of the first SQLException in the cause chain, or "" */
    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return "";
    }

    static int errorCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s.getErrorCode();
            }
        }
        return 0;
    }

    /** Duplicate keys and concurrent-update failures are conflicts; everything else is a storage failure. */
    static CopKitException translate(Throwable e, String what) {
        String state = sqlState(e);
        if (state.equals("23505")) {
            return new ConflictException("duplicate key: " + rootMessage(e));
        }
        // 40001 serialization failure, 40P01 deadlock (PostgreSQL); H2 90131 concurrent update, 40001 deadlock
        if (state.equals("40001") || state.equals("40P01") || errorCode(e) == 90131) {
            return new TransientConflictException("changed concurrently, try again: " + rootMessage(e));
        }
        return new CopKitException(ErrorCode.STORAGE, "storage failure (" + (state.isEmpty() ? "no SQLState" : "SQLState "
                + state) + ") in " + abbreviate(what) + ": " + rootMessage(e), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }

    /**
     * Runs one statement for every row of arguments as JDBC batches ({@code addBatch}/{@code executeBatch}
     * on a plain {@link PreparedStatement} of the transaction's connection, bound without Jdbi's
     * per-value objects): one round trip per {@value #BATCH_ROWS} rows instead of one per row.
     *
     * @return the number of rows affected, per row of arguments
     */
    int[] batch(String sql, List<Object[]> rows) {
        checkNotFailed();
        flush();
        int[] counts = new int[rows.size()];
        try (PreparedStatement st = handle.getConnection().prepareStatement(sql)) {
            for (int from = 0; from < rows.size(); from += BATCH_ROWS) {
                int to = Math.min(rows.size(), from + BATCH_ROWS);
                for (int r = from; r < to; r++) {
                    Object[] args = rows.get(r);
                    for (int i = 0; i < args.length; i++) {
                        set(st, i + 1, args[i]);
                    }
                    st.addBatch();
                }
                int[] done = st.executeBatch();
                System.arraycopy(done, 0, counts, from, done.length);
            }
            return counts;
        } catch (SQLException e) {
            throw failed = translate(e, sql);
        }
    }

    /** Binds the values from position {@code from} on; @return the next free position */
    private static int bind(PreparedStatement st, int from, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            set(st, from + i, args[i]);
        }
        return from + args.length;
    }

    /** Binds one value by its type (the one mapping of CoPKit values to JDBC types). */
    private static void set(PreparedStatement st, int pos, Object value) throws SQLException {
        if (value instanceof String s) {
            st.setString(pos, s);
        } else if (value instanceof Long l) {
            st.setLong(pos, l);
        } else if (value instanceof Integer n) {
            st.setInt(pos, n);
        } else if (value instanceof Boolean b) {
            st.setBoolean(pos, b);
        } else if (value instanceof Instant t) {
            st.setObject(pos, t.atOffset(ZoneOffset.UTC));
        } else if (value instanceof Id id) {
            st.setString(pos, id.value());
        } else if (value instanceof Enum<?> e) {
            st.setString(pos, e.name());
        } else if (value instanceof Null n) {
            st.setNull(pos, n.sqlType());
        } else {
            throw new IllegalArgumentException("cannot bind a " + (value == null ? "null" : value.getClass().getName()));
        }
    }

    /**
     * Like {@link #batch}, for inserts whose key the database generates.
     *
     * @return the generated keys, in the order of the rows
     */
    long[] batchReturningKeys(String sql, String keyColumn, List<Object[]> rows) {
        checkNotFailed();
        flush();
        long[] keys = new long[rows.size()];
        try {
            for (int from = 0; from < rows.size(); from += BATCH_ROWS) {
                List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + BATCH_ROWS));
                org.jdbi.v3.core.statement.PreparedBatch batch = handle.prepareBatch(sql);
                for (Object[] args : part) {
                    bind(batch, args).add();
                }
                List<Long> generated = batch.executePreparedBatch(schema.dialect().keyColumn(keyColumn))
                        .map((rs, ctx) -> rs.getLong(1)).list();
                if (generated.size() != part.size()) {
                    throw new IllegalStateException("the database returned " + generated.size() + " keys for "
                            + part.size() + " rows of " + abbreviate(sql));
                }
                for (int i = 0; i < generated.size(); i++) {
                    keys[from + i] = generated.get(i);
                }
            }
            return keys;
        } catch (JdbiException e) {
            throw failed = translate(e, sql);
        }
    }

    /** Rows per JDBC batch in {@link #batch} and {@link #batchReturningKeys}. */
    static final int BATCH_ROWS = 1_000;
}
