package dev.tern.migration.jdbc;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.database.Database;
import dev.tern.migration.api.database.Dialect;
import dev.tern.migration.api.database.HistoryLocation;
import dev.tern.migration.jdbc.internal.DatabaseFamily;
import dev.tern.migration.jdbc.internal.lock.SessionLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Builds the {@link Database} (dialect, {@link JdbcHistoryStore}, lock) for a JDBC data source,
 * for applications that do not go through {@link java.util.ServiceLoader} discovery of
 * {@link JdbcDatabaseProvider}.
 *
 * <p>Locks: PostgreSQL session advisory lock, MariaDB/MySQL {@code GET_LOCK}, H2 row lock on a
 * one-row table {@code <history table>_lock}; each is held by a dedicated connection and released
 * by the database when that session ends.
 *
 * <p>Thread-safe (stateless).
 */
public final class JdbcDatabases {
    private JdbcDatabases() {
    }

    /**
     * Recognises the database behind a data source with one connection and builds its
     * {@link Database}.
     *
     * @param dataSource the data source, not null
     * @param location where the history table lives, not null
     * @return the database
     * @throws ConfigurationException with {@code CONNECTION_FAILED} if no connection can be opened
     * @throws ConfigurationException with {@code UNSUPPORTED_DATABASE} if the database is not H2,
     *     PostgreSQL, MariaDB or MySQL
     */
    public static Database open(DataSource dataSource, HistoryLocation location) {
        String product = productName(dataSource);
        Dialect dialect = dialectFor(product).orElseThrow(() -> new ConfigurationException(ErrorCode.UNSUPPORTED_DATABASE,
                "database '" + product + "' is not supported; Tern supports H2, PostgreSQL, MariaDB and MySQL"));
        return open(dataSource, dialect, location);
    }

    /**
     * Builds the {@link Database} for a known dialect without opening a connection.
     *
     * @param dataSource the data source, not null
     * @param dialect the dialect, one of {@link H2Dialect}, {@link PostgreSqlDialect}, {@link MariaDbDialect}
     *     (or another with id {@code h2}, {@code postgresql} or {@code mariadb}), not null
     * @param location where the history table lives, not null
     * @return the database
     * @throws ConfigurationException with {@code UNSUPPORTED_DATABASE} for another dialect id
     */
    public static Database open(DataSource dataSource, Dialect dialect, HistoryLocation location) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(location, "location");
        DatabaseFamily family = DatabaseFamily.require(Objects.requireNonNull(dialect, "dialect"));
        return new Database(dataSource, dialect, new JdbcHistoryStore(dataSource, dialect, location),
                SessionLock.forFamily(family, dataSource, location));
    }

    /**
     * @param productName a {@link java.sql.DatabaseMetaData#getDatabaseProductName() product name}
     * @return the dialect for {@code H2}, {@code PostgreSQL}, {@code MariaDB} or {@code MySQL};
     *     empty for any other
     */
    static Optional<Dialect> dialectFor(String productName) {
        if (productName == null) {
            return Optional.empty();
        }
        return switch (productName) {
            case "H2" -> Optional.of(new H2Dialect());
            case "PostgreSQL" -> Optional.of(new PostgreSqlDialect());
            case "MariaDB", "MySQL" -> Optional.of(new MariaDbDialect());
            default -> Optional.empty();
        };
    }

    /**
     * @param dataSource the data source
     * @return the product name its database reports
     * @throws ConfigurationException with {@code CONNECTION_FAILED} if no connection can be opened
     */
    static String productName(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection c = dataSource.getConnection()) {
            return productName(c);
        } catch (SQLException e) {
            // A ConfigurationException, as core's resolver raises for the same failure: usually a wrong
            // URL, user or password.
            throw new ConfigurationException(ErrorCode.CONNECTION_FAILED,
                    "cannot connect to the database to recognise it: " + e.getMessage(), e);
        }
    }

    /**
     * @param connection an open connection, not null; left open
     * @return the product name its database reports
     * @throws ConfigurationException with {@code CONNECTION_FAILED} if the metadata cannot be read
     */
    static String productName(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        try {
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new ConfigurationException(ErrorCode.CONNECTION_FAILED,
                    "cannot read the database's product name to recognise it: " + e.getMessage(), e);
        }
    }
}
