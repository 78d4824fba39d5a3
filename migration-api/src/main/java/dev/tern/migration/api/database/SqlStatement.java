package dev.tern.migration.api.database;

import java.util.Objects;

/**
 * One statement of a split SQL script.
 *
 * @param sql the statement text without its terminating delimiter, trimmed, not null or blank
 * @param line the 1-based line of the script on which the statement starts
 */
public record SqlStatement(String sql, int line) {
    /** Checks the components. */
    public SqlStatement {
        Objects.requireNonNull(sql, "sql");
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more, was " + line);
        }
    }
}
