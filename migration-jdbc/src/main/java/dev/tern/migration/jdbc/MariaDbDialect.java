package dev.tern.migration.jdbc;

import dev.tern.migration.api.database.Dialect;
import dev.tern.migration.api.database.SqlStatement;
import dev.tern.migration.jdbc.internal.TransientErrors;
import dev.tern.migration.jdbc.internal.split.SplitRules;
import dev.tern.migration.jdbc.internal.split.SqlSplitter;
import java.sql.SQLException;
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
public final class MariaDbDialect implements Dialect {

    /** The classification table; see the class comment. */
    static final TransientErrors TRANSIENT = new TransientErrors(
            Set.of("40001"),
            Set.of("08"),
            Set.of(1213, 1205, 2006, 2013, 1927));

    /** Creates the dialect. */
    public MariaDbDialect() {
    }

    /** @return {@code mariadb} */
    @Override
    public String id() {
        return "mariadb";
    }

    /** @return {@code [mariadb, mysql]}: a MariaDB-specific script wins over a MySQL one */
    @Override
    public List<String> variants() {
        return List.of("mariadb", "mysql");
    }

    /** @return false: MariaDB and MySQL commit implicitly around DDL */
    @Override
    public boolean supportsTransactionalDdl() {
        return false;
    }

    /** Splits with {@link SplitRules#MARIADB}. {@inheritDoc} */
    @Override
    public List<SqlStatement> split(String source, String script) {
        return SqlSplitter.split(source, script, SplitRules.MARIADB);
    }

    @Override
    public boolean isTransient(SQLException error) {
        return TRANSIENT.isTransient(error);
    }

    @Override
    public String toString() {
        return id();
    }
}
