package dev.tern.migration.jdbc;

import dev.tern.migration.api.database.Dialect;
import dev.tern.migration.api.database.SqlStatement;
import dev.tern.migration.jdbc.internal.TransientErrors;
import dev.tern.migration.jdbc.internal.split.SplitRules;
import dev.tern.migration.jdbc.internal.split.SqlSplitter;
import java.sql.SQLException;
import java.util.List;

/**
 * A dialect whose facts are constants: the three public dialects differ only in these values, so
 * they state them and inherit the behaviour. Immutable and thread-safe.
 */
abstract class FixedDialect implements Dialect {
    private final String id;
    private final List<String> variants;
    private final boolean transactionalDdl;
    private final SplitRules rules;
    private final TransientErrors transientErrors;

    FixedDialect(String id, List<String> variants, boolean transactionalDdl, SplitRules rules,
                 TransientErrors transientErrors) {
        this.id = id;
        this.variants = List.copyOf(variants);
        this.transactionalDdl = transactionalDdl;
        this.rules = rules;
        this.transientErrors = transientErrors;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final List<String> variants() {
        return variants;
    }

    @Override
    public final boolean supportsTransactionalDdl() {
        return transactionalDdl;
    }

    /** Splits with this database family's {@link SplitRules}. {@inheritDoc} */
    @Override
    public final List<SqlStatement> split(String source, String script) {
        return SqlSplitter.split(source, script, rules);
    }

    /** Classifies by the table in the dialect's class comment. {@inheritDoc} */
    @Override
    public final boolean isTransient(SQLException error) {
        return transientErrors.isTransient(error);
    }

    @Override
    public final String toString() {
        return id;
    }
}
