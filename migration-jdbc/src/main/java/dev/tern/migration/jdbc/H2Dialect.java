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
 * The H2 dialect (id {@code h2}, variants {@code [h2]}): transactional DDL, H2's lexical rules.
 *
 * <p>Transient errors: the JDBC transient and recoverable exception families; SQLState class
 * {@code 08} (connection), {@code 40001} (deadlock / serialization) and {@code HYT00} (lock
 * timeout); H2 error codes {@code 40001} ({@code DEADLOCK_1}) and {@code 50200}
 * ({@code LOCK_TIMEOUT_1}). A syntax error is never transient.
 *
 * <p>Immutable and thread-safe.
 */
public final class H2Dialect implements Dialect {

    /** The classification table; see the class comment. */
    static final TransientErrors TRANSIENT = new TransientErrors(
            Set.of("40001", "HYT00"),
            Set.of("08"),
            Set.of(40001, 50200));

    /** Creates the dialect. */
    public H2Dialect() {
    }

    /** @return {@code h2} */
    @Override
    public String id() {
        return "h2";
    }

    /** @return {@code [h2]} */
    @Override
    public List<String> variants() {
        return List.of("h2");
    }

    /**
     * @return false: H2 (2.x) commits the open transaction when it runs a DDL statement, so a
     *     failed step's earlier statements cannot be rolled back
     */
    @Override
    public boolean supportsTransactionalDdl() {
        return false;
    }

    /** Splits with {@link SplitRules#H2}. {@inheritDoc} */
    @Override
    public List<SqlStatement> split(String source, String script) {
        return SqlSplitter.split(source, script, SplitRules.H2);
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
