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
 * The PostgreSQL dialect (id {@code postgresql}, variants {@code [postgresql]}): transactional
 * DDL, PostgreSQL's lexical rules (dollar quotes, {@code E''} strings, nested comments).
 *
 * <p>Transient errors: the JDBC transient and recoverable exception families; SQLState class
 * {@code 08} (connection exception), {@code 40001} (serialization failure), {@code 40P01}
 * (deadlock detected), {@code 55P03} (lock not available), {@code 57P01} (admin shutdown),
 * {@code 57P02} (crash shutdown), {@code 57P03} (cannot connect now). A syntax error is never
 * transient.
 *
 * <p>Immutable and thread-safe.
 */
public final class PostgreSqlDialect implements Dialect {

    /** The classification table; see the class comment. */
    static final TransientErrors TRANSIENT = new TransientErrors(
            Set.of("40001", "40P01", "55P03", "57P01", "57P02", "57P03"),
            Set.of("08"),
            Set.of());

    /** Creates the dialect. */
    public PostgreSqlDialect() {
    }

    /** @return {@code postgresql} */
    @Override
    public String id() {
        return "postgresql";
    }

    /** @return {@code [postgresql]} */
    @Override
    public List<String> variants() {
        return List.of("postgresql");
    }

    /** @return true: PostgreSQL DDL takes part in transactions */
    @Override
    public boolean supportsTransactionalDdl() {
        return true;
    }

    /** Splits with {@link SplitRules#POSTGRESQL}. {@inheritDoc} */
    @Override
    public List<SqlStatement> split(String source, String script) {
        return SqlSplitter.split(source, script, SplitRules.POSTGRESQL);
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
