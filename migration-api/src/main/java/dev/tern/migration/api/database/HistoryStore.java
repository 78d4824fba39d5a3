package dev.tern.migration.api.database;

import dev.tern.migration.api.HistoryEntry;
import java.sql.Connection;
import java.util.List;

/**
 * Where the history lives. Tern reads it once per start without any lock, and again under the
 * lock before it applies anything.
 *
 * <p>Implementations are thread-safe.
 */
public interface HistoryStore {

    /**
     * Reads every entry in insertion order. Never creates anything: a store that does not exist
     * yet reads as empty, so a dry run leaves the database untouched.
     *
     * @return the entries, oldest first, with their ids set
     * @throws dev.tern.migration.api.HistoryStoreException if the store cannot be read, or
     *     ({@code HISTORY_FORMAT_UNSUPPORTED}) if it was written by a newer Tern
     */
    List<HistoryEntry> read();

    /**
     * Creates the store if it does not exist. Idempotent; called under the migration lock before
     * the first write of a run.
     *
     * @throws dev.tern.migration.api.HistoryStoreException if the store cannot be created
     */
    void prepare();

    /**
     * Appends an entry. When {@code connection} is not null the row is written through it and
     * takes part in the caller's transaction, so a step and its record commit or roll back
     * together; the caller commits. When it is null the store writes and commits on its own.
     *
     * @param entry the entry, its id ignored
     * @param connection the step's connection, or null
     * @throws dev.tern.migration.api.HistoryStoreException if the entry cannot be written
     */
    void append(HistoryEntry entry, Connection connection);
}
