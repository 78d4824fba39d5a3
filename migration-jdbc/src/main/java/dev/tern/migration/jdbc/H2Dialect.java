package dev.tern.migration.jdbc;

import dev.tern.migration.jdbc.internal.TransientErrors;
import dev.tern.migration.jdbc.internal.split.SplitRules;
import java.util.List;
import java.util.Set;

/**
 * The H2 dialect (id {@code h2}, variants {@code [h2]}): DDL is not transactional (H2 2.x commits
 * the open transaction when it runs DDL, measured), H2's lexical rules.
 *
 * <p>Transient errors: the JDBC transient and recoverable exception families; SQLState class
 * {@code 08} (connection), {@code 40001} (deadlock / serialization) and {@code HYT00} (lock
 * timeout); H2 error codes {@code 40001} ({@code DEADLOCK_1}), {@code 50200}
 * ({@code LOCK_TIMEOUT_1}), {@code 90067} ({@code CONNECTION_BROKEN_1}, a lost TCP connection) and
 * {@code 90121} ({@code DATABASE_CALLED_AT_SHUTDOWN}, what a session gets once it was closed under
 * it, e.g. by {@code ABORT_SESSION}; a new connection reopens the database). A syntax error is never
 * transient.
 *
 * <p>Immutable and thread-safe.
 */
public final class H2Dialect extends FixedDialect {

    /** The classification table; see the class comment. */
    static final TransientErrors TRANSIENT = new TransientErrors(
            Set.of("40001", "HYT00"),
            Set.of("08"),
            Set.of(40001, 50200, 90067, 90121));

    /** Creates the dialect. */
    public H2Dialect() {
        super("h2", List.of("h2"), false, SplitRules.H2, TRANSIENT);
    }
}
