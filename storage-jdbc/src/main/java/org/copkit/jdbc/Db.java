package org.copkit.jdbc;

import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
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
     * Runs one insert, update or delete, bound straight on a plain {@link java.sql.PreparedStatement} of the
     * transaction's connection (the write path's statements and the multi-row change-feed inserts with
     * hundreds of parameters: Jdbi's per-argument binding costs more CPU than the statement there).
     *
     * @return the number of rows affected
     */
    int update(String sql, Object... args) {
        try (java.sql.PreparedStatement st = handle.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                set(st, i + 1, args[i]);
            }
            return st.executeUpdate();
        } catch (SQLException e) {
            throw translate(e, sql);
        }
    }

    /**
     * Runs one insert whose key the database generates, on a plain {@link java.sql.PreparedStatement} like
     * {@link #update}.
     *
     * @return the generated key
     */
    long insertReturningKey(String sql, String keyColumn, Object... args) {
        try (java.sql.PreparedStatement st = handle.getConnection().prepareStatement(sql,
                new String[] {schema.dialect().keyColumn(keyColumn)})) {
            for (int i = 0; i < args.length; i++) {
                set(st, i + 1, args[i]);
            }
            st.executeUpdate();
            try (java.sql.ResultSet keys = st.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no generated key for " + abbreviate(sql));
                }
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw translate(e, sql);
        }
    }

    /**
     * Runs one query on a plain {@link java.sql.PreparedStatement} of the transaction's connection and maps
     * every row (no Jdbi statement, binding or result objects: on the hot path of every call they cost more
     * CPU than an embedded database needs for the statement).
     *
     * @return the mapped rows, in the order of the result
     */
    <T> List<T> query(String sql, Mapper<T> mapper, Object... args) {
        try (java.sql.PreparedStatement st = handle.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                set(st, i + 1, args[i]);
            }
            try (java.sql.ResultSet rs = st.executeQuery()) {
                List<T> rows = new java.util.ArrayList<>();
                Row row = new Row(rs);
                while (rs.next()) {
                    rows.add(mapper.map(row));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw translate(e, sql);
        }
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
            return new ConflictException("changed concurrently, try again: " + rootMessage(e));
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
     * on a plain {@link java.sql.PreparedStatement} of the transaction's connection, bound without Jdbi's
     * per-value objects): one round trip per {@value #BATCH_ROWS} rows instead of one per row.
     *
     * @return the number of rows affected, per row of arguments
     */
    int[] batch(String sql, List<Object[]> rows) {
        int[] counts = new int[rows.size()];
        try (java.sql.PreparedStatement st = handle.getConnection().prepareStatement(sql)) {
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
            throw translate(e, sql);
        }
    }

    /** Binds one value by its type (the one mapping of CoPKit values to JDBC types). */
    private static void set(java.sql.PreparedStatement st, int pos, Object value) throws SQLException {
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
            throw translate(e, sql);
        }
    }

    /** Rows per JDBC batch in {@link #batch} and {@link #batchReturningKeys}. */
    static final int BATCH_ROWS = 1_000;
}
