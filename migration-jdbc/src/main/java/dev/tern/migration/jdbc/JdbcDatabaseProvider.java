package dev.tern.migration.jdbc;

import dev.tern.migration.api.database.Database;
import dev.tern.migration.api.database.DatabaseProvider;
import dev.tern.migration.api.database.HistoryLocation;
import java.sql.Connection;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link DatabaseProvider} for H2, PostgreSQL and MariaDB/MySQL, registered for
 * {@link java.util.ServiceLoader} (module {@code provides} and {@code META-INF/services}).
 * It reads {@link java.sql.DatabaseMetaData#getDatabaseProductName()} from the caller's connection,
 * or from one it opens for it.
 *
 * <p>Stateless and thread-safe.
 */
public final class JdbcDatabaseProvider implements DatabaseProvider {

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public JdbcDatabaseProvider() {
    }

    /**
     * {@inheritDoc}
     *
     * @return the database for product names {@code H2}, {@code PostgreSQL}, {@code MariaDB} and
     *     {@code MySQL}; empty for any other
     * @throws dev.tern.migration.api.ConfigurationException with {@code CONNECTION_FAILED} if no
     *     connection can be opened
     */
    @Override
    public Optional<Database> open(DataSource dataSource, HistoryLocation location) {
        Objects.requireNonNull(location, "location");
        return JdbcDatabases.dialectFor(JdbcDatabases.productName(dataSource))
                .map(dialect -> JdbcDatabases.open(dataSource, dialect, location));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the product name from the connection's metadata (no query on the supported
     * drivers) and leaves the connection as it was.
     *
     * @return the database for product names {@code H2}, {@code PostgreSQL}, {@code MariaDB} and
     *     {@code MySQL}; empty for any other
     * @throws dev.tern.migration.api.ConfigurationException with {@code CONNECTION_FAILED} if the
     *     connection's metadata cannot be read
     */
    @Override
    public Optional<Database> open(DataSource dataSource, Connection connection, HistoryLocation location) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(dataSource, "dataSource");
        return JdbcDatabases.dialectFor(JdbcDatabases.productName(connection))
                .map(dialect -> JdbcDatabases.open(dataSource, dialect, location));
    }
}
