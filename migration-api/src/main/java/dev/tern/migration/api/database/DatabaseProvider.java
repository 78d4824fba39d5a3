package dev.tern.migration.api.database;

import java.sql.Connection;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Offers {@link Database} support for the data sources it recognises. Found by the orchestrator
 * through {@link java.util.ServiceLoader}; {@code migration-jdbc} provides one for H2, PostgreSQL
 * and MariaDB/MySQL.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface DatabaseProvider {

    /**
     * Recognises the database behind a data source, typically by one connection's
     * {@link java.sql.DatabaseMetaData#getDatabaseProductName() product name}.
     *
     * @param dataSource the data source, not null
     * @param location where the history table lives, not null
     * @return the database, or empty if this provider does not support it
     * @throws dev.tern.migration.api.MigrationException with {@code CONNECTION_FAILED} if the data source
     *     cannot be reached
     */
    Optional<Database> open(DataSource dataSource, HistoryLocation location);

    /**
     * Recognises the database behind a data source through a connection the caller already has
     * open, so that a start needs no connection of its own for it: Tern then reads the history
     * through the same connection. The connection is only read from (for example its
     * {@link java.sql.DatabaseMetaData}); it is left open and in the state it was in, and the
     * returned {@link Database} does not keep it. The default ignores the connection and calls
     * {@link #open(DataSource, HistoryLocation)}, so providers written before this method existed
     * keep working.
     *
     * @param dataSource the data source the connection came from, not null
     * @param connection an open connection of that data source, not null; owned by the caller
     * @param location where the history table lives, not null
     * @return the database, or empty if this provider does not support it
     * @throws dev.tern.migration.api.MigrationException with {@code CONNECTION_FAILED} if the
     *     connection cannot be read from (or, for the default, the data source cannot be reached)
     */
    default Optional<Database> open(DataSource dataSource, Connection connection, HistoryLocation location) {
        return open(dataSource, location);
    }
}
