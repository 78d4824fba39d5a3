package dev.tern.migration.api.database;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.HistoryStoreException;
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

    /**
     * Sets the checksum of one row, for a repair that realigns an edited applied step with the
     * code. Writes and commits on its own. The default refuses, so stores written before this
     * method existed keep compiling; every Tern store implements it.
     *
     * @param id the row's id, as {@link #read()} returned it
     * @param checksum the new checksum, or null for a step without one
     * @throws dev.tern.migration.api.HistoryStoreException if the row cannot be updated, if no
     *     row has that id, or if the store does not support repair
     */
    default void updateChecksum(long id, String checksum) {
        throw new HistoryStoreException(ErrorCode.HISTORY_STORE_FAILED,
                getClass().getName() + " does not support repair (updateChecksum)");
    }

    /**
     * Deletes one row, for a repair that removes a FAILED row. Writes and commits on its own. The
     * default refuses, so stores written before this method existed keep compiling; every Tern
     * store implements it.
     *
     * @param id the row's id, as {@link #read()} returned it
     * @throws dev.tern.migration.api.HistoryStoreException if the row cannot be deleted, if no row
     *     has that id, or if the store does not support repair
     */
    default void delete(long id) {
        throw new HistoryStoreException(ErrorCode.HISTORY_STORE_FAILED,
                getClass().getName() + " does not support repair (delete)");
    }
}
