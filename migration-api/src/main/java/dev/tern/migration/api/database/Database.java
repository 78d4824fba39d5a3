package dev.tern.migration.api.database;

import javax.sql.DataSource;

/**
 * A database Tern migrates: its connections, dialect, history store and lock.
 *
 * @param dataSource where steps run, not null
 * @param dialect the database's dialect, not null
 * @param historyStore where the history is kept, not null
 * @param lock the migration lock, not null
 */
public record Database(DataSource dataSource, Dialect dialect, HistoryStore historyStore, MigrationLock lock) {
    /** Checks that no component is null. */
    public Database {
        java.util.Objects.requireNonNull(dataSource, "dataSource");
        java.util.Objects.requireNonNull(dialect, "dialect");
        java.util.Objects.requireNonNull(historyStore, "historyStore");
        java.util.Objects.requireNonNull(lock, "lock");
    }
}
