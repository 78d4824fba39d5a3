package dev.tern.migration.api.database;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.ErrorCode;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the history table lives: an optional schema and a table name. Both are validated as plain
 * SQL identifiers ({@code [A-Za-z_][A-Za-z0-9_]{0,62}}), so they can be written into DDL without
 * quoting tricks; anything else (quotes, semicolons, spaces, {@code DROP ...}) is refused.
 *
 * @param schema the schema (PostgreSQL, H2) or database (MariaDB) holding the table, or null for
 *     the connection's current one
 * @param table the table name
 */
public record HistoryLocation(String schema, String table) {
    /** The default table name. */
    public static final String DEFAULT_TABLE = "tern_history";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    /**
     * Validates the identifiers.
     *
     * @throws ConfigurationException with {@link ErrorCode#INVALID_IDENTIFIER} if the schema or the
     *     table is not a plain identifier
     */
    public HistoryLocation {
        if (schema != null) {
            check("schema", schema);
        }
        check("table", table);
    }

    /** @return the default location: table {@value #DEFAULT_TABLE} in the current schema */
    public static HistoryLocation defaults() {
        return new HistoryLocation(null, DEFAULT_TABLE);
    }

    private static void check(String what, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new ConfigurationException(ErrorCode.INVALID_IDENTIFIER, "history " + what + " name "
                    + (name == null ? "null" : "'" + name + "'")
                    + " is not a plain SQL identifier ([A-Za-z_][A-Za-z0-9_]{0,62})");
        }
    }

    /** @return the schema, if one was given */
    public Optional<String> schemaName() {
        return Optional.ofNullable(schema);
    }

    /** @return {@code schema.table} or {@code table}, for messages and lock names */
    public String qualifiedName() {
        return schema == null ? table : schema + "." + table;
    }
}
