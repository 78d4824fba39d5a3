package dev.tern.migration.jdbc;

import dev.tern.migration.jdbc.internal.TransientErrors;
import dev.tern.migration.jdbc.internal.split.SplitRules;
import java.util.List;
import java.util.Set;

/**
 * The MariaDB / MySQL dialect (id {@code mariadb}, variants {@code [mariadb, mysql]}): DDL is not
 * transactional (it commits implicitly), MariaDB's lexical rules ({@code #} comments, backslash
 * escapes, backticks, {@code DELIMITER}).
 *
 * <p>Transient errors: the JDBC transient and recoverable exception families; SQLState class
 * {@code 08} (connection) and {@code 40001} (serialization / deadlock); vendor codes {@code 1213}
 * (deadlock), {@code 1205} (lock wait timeout), {@code 2006} (server has gone away), {@code 2013}
 * (lost connection during query), {@code 1927} (connection was killed). A syntax error is never
 * transient.
 *
 * <p>Immutable and thread-safe.
 */
public final class MariaDbDialect extends FixedDialect {

    /** The classification table; see the class comment. */
    static final TransientErrors TRANSIENT = new TransientErrors(
            Set.of("40001"),
            Set.of("08"),
            Set.of(1213, 1205, 2006, 2013, 1927));

    /** Creates the dialect. */
    public MariaDbDialect() {
        super("mariadb", List.of("mariadb", "mysql"), false, SplitRules.MARIADB, TRANSIENT);
    }
}
