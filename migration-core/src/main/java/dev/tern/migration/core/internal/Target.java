package dev.tern.migration.core.internal;

import dev.tern.migration.api.database.Dialect;
import dev.tern.migration.api.database.HistoryStore;
import dev.tern.migration.api.database.MigrationLock;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What a run works on: the database (absent for a history store alone, in tests), the history
 * store and the lock.
 *
 * @param dataSource where steps run, or null when there is no database
 * @param dialect the database's dialect, or null when there is no database
 * @param store the history store, not null
 * @param lock the migration lock, not null
 */
public record Target(DataSource dataSource, Dialect dialect, HistoryStore store, MigrationLock lock) {
    /** Checks the components. */
    public Target {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(lock, "lock");
        if ((dataSource == null) != (dialect == null)) {
            throw new IllegalArgumentException("dataSource and dialect come together");
        }
    }
}
