package org.copkit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;

/** The SQL differences between the supported databases: only column types of the migrations. */
enum Dialect {
    H2("VARCHAR(300)", "CLOB"),
    POSTGRESQL("VARCHAR(300) COLLATE \"C\"", "TEXT");

    private final String idType;
    private final String textType;

    Dialect(String idType, String textType) {
        this.idType = idType;
        this.textType = textType;
    }

    /** @return the Flyway placeholders the migrations need on this database */
    Map<String, String> placeholders() {
        return Map.of("id_type", idType, "text_type", textType);
    }

    /** @return the name of a generated-key column as the driver expects it */
    String keyColumn(String column) {
        return this == H2 ? column.toUpperCase(java.util.Locale.ROOT) : column;
    }

    static Dialect of(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName();
            if (product.equalsIgnoreCase("H2")) {
                return H2;
            }
            if (product.equalsIgnoreCase("PostgreSQL")) {
                return POSTGRESQL;
            }
            throw new CopKitException(ErrorCode.CONFIGURATION,
                    "JdbcStorage supports H2 and PostgreSQL but the data source is " + product);
        } catch (SQLException e) {
            throw new CopKitException(ErrorCode.STORAGE, "cannot connect to the database: " + e.getMessage(), e);
        }
    }
}
