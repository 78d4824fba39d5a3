package dev.tern.migration.api.database;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.HistoryStoreException;
import java.sql.Connection;
import java.util.List;
import java.util.Objects;

/**
 * Where the history lives. Tern reads it once per start without any lock, and again under the
 * lock before it applies anything.
 *
 * <p>Connections: at a start Tern reads the history through the connection it recognised the
 * database with ({@link #read(Connection)}); during a run it writes a step's record through the
 * step's connection, which the steps of the run share, with an {@link #appender(Connection)} per
 * connection; a {@code FAILED} record, and every write made without a connection, goes through the
 * store's own connection.
 *
 * <p>Implementations are thread-safe; an {@link Appender} is not.
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
     * Reads every entry as {@link #read()} does, through a connection the caller already has
     * open, so that a start that also recognised the database through it needs one connection in
     * all. The store leaves the connection open, and in the auto-commit mode it found it in. The
     * default ignores the connection and calls {@link #read()}, so stores written before this
     * method existed (and stores that do not live in the database) keep working.
     *
     * @param connection an open connection to the database that holds the history, owned by the
     *     caller; or null, to let the store use its own as {@link #read()} does
     * @return the entries, oldest first, with their ids set
     * @throws dev.tern.migration.api.HistoryStoreException as {@link #read()}
     */
    default List<HistoryEntry> read(Connection connection) {
        return read();
    }

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
     * Opens an appender that writes entries through one connection, for a caller that appends
     * many entries through the same connection (the steps of a run share one): the store may
     * prepare its insert once for all of them. Each {@link Appender#append} behaves as
     * {@link #append(HistoryEntry, Connection)} with that connection: the row takes part in the
     * connection's transaction, or is committed at once in auto-commit mode. The default appends
     * through {@link #append(HistoryEntry, Connection)} and holds nothing, so stores written
     * before this method existed keep working.
     *
     * @param connection an open connection, owned by the caller, who closes the appender before
     *     closing or giving back the connection; not null
     * @return an appender bound to that connection; not thread-safe, used by one thread at a time
     */
    default Appender appender(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        return entry -> append(entry, connection);
    }

    /**
     * Appends history entries through the one connection it was opened on (see
     * {@link HistoryStore#appender(Connection)}). Not thread-safe.
     */
    interface Appender extends AutoCloseable {
        /**
         * Appends an entry through the appender's connection; the caller commits unless the
         * connection is in auto-commit mode.
         *
         * @param entry the entry, its id ignored
         * @throws dev.tern.migration.api.HistoryStoreException if the entry cannot be written
         */
        void append(HistoryEntry entry);

        /**
         * Releases what the appender holds (a prepared statement), never the connection. The
         * default holds nothing.
         *
         * @throws dev.tern.migration.api.HistoryStoreException never from the default; an
         *     implementation may throw if releasing fails
         */
        @Override
        default void close() {
        }
    }

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
