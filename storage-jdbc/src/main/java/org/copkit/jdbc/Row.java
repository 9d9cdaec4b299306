package org.copkit.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Typed reading of the current row of a result set, by column label. */
final class Row {
    private final ResultSet rs;

    Row(ResultSet rs) {
        this.rs = rs;
    }

    String text(String column) throws SQLException {
        String v = rs.getString(column);
        if (v == null) {
            throw new SQLException("column " + column + " is unexpectedly null");
        }
        return v;
    }

    Optional<String> optText(String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    long longValue(String column) throws SQLException {
        return rs.getLong(column);
    }

    int intValue(String column) throws SQLException {
        return rs.getInt(column);
    }

    boolean boolValue(String column) throws SQLException {
        return rs.getBoolean(column);
    }

    java.util.OptionalInt optInt(String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(v);
    }

    <E extends Enum<E>> Optional<E> optEnum(String column, Class<E> type) throws SQLException {
        return optText(column).map(v -> Enum.valueOf(type, v));
    }

    Instant instant(String column) throws SQLException {
        return optInstant(column).orElseThrow(() -> new SQLException("column " + column + " is unexpectedly null"));
    }

    Optional<Instant> optInstant(String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
    }

    <E extends Enum<E>> E enumValue(String column, Class<E> type) throws SQLException {
        return Enum.valueOf(type, text(column));
    }
}
