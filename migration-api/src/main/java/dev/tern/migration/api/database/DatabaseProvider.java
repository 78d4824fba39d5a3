package dev.tern.migration.api.database;

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
}
