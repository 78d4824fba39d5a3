package dev.tern.migration.jdbc.badinput;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.jdbc.testing.TestDatabase;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * One bad input: what to set up, what must be refused, and how.
 *
 * @param name what is bad, for the test's display name
 * @param databases where the row runs (H2 always; PostgreSQL and MariaDB where the database matters)
 * @param setup prepares the database and the plugins, and returns the call that must fail
 * @param code the expected error code
 * @param type the expected exception type
 * @param fragments text the message must contain: the plugin, step, file and line where they apply
 * @param historyBefore whether the setup applies steps first (so the history table exists and must
 *     stay row for row as it was); otherwise the input is refused before the lock and not even the
 *     history table may be created
 */
record BadInputRow(String name, Set<TestDatabase> databases, Setup setup, ErrorCode code,
                   Class<? extends MigrationException> type, List<String> fragments, boolean historyBefore) {

    /** Prepares a row on one database. */
    @FunctionalInterface
    interface Setup {
        /**
         * @param f the fixture of this row and database
         * @return the call that must throw
         * @throws Exception if the setup itself fails (a test error, not the expected failure)
         */
        ThrowingCallable prepare(Fixture f) throws Exception;
    }

    @Override
    public String toString() {
        return name;
    }
}
