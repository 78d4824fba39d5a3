package dev.tern.migration.jdbc;

import dev.tern.migration.jdbc.internal.TransientErrors;
import dev.tern.migration.jdbc.internal.split.SplitRules;
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
public final class PostgreSqlDialect extends FixedDialect {

    /** The classification table; see the class comment. */
    static final TransientErrors TRANSIENT = new TransientErrors(
            Set.of("40001", "40P01", "55P03", "57P01", "57P02", "57P03"),
            Set.of("08"),
            Set.of());

    /** Creates the dialect. */
    public PostgreSqlDialect() {
        super("postgresql", List.of("postgresql"), true, SplitRules.POSTGRESQL, TRANSIENT);
    }
}
