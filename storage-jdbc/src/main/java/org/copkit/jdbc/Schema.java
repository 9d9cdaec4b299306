package org.copkit.jdbc;

import java.util.regex.Pattern;
import org.copkit.CopKitException;
import org.copkit.ErrorCode;

/**
 * Where the tables live: a database schema of the given name, on one dialect.
 *
 * @param name a lower-case SQL identifier
 * @param dialect the database
 */
record Schema(String name, Dialect dialect) {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    Schema {
        check(name);
    }

    static String check(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new CopKitException(ErrorCode.CONFIGURATION, "schema must be a lower-case SQL identifier "
                    + "([a-z_][a-z0-9_]*, at most 63 characters) but was '" + name + "'");
        }
        return name;
    }

    /** @return the qualified name of a table of this schema */
    String t(String table) {
        return '"' + name + "\"." + table;
    }
}
