package dev.tern.migration.core.internal;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.DiscoveryException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.database.Database;
import dev.tern.migration.api.database.DatabaseProvider;
import dev.tern.migration.api.database.HistoryLocation;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import javax.sql.DataSource;

/**
 * Finds the {@link Database} behind a data source by asking each {@link DatabaseProvider} in turn.
 * Providers are looked up with Tern's own class loader, not the plugins', because database support
 * ships with Tern ({@code dev.tern:migration-jdbc}). Stateless.
 */
public final class DatabaseResolver {
    private DatabaseResolver() {
    }

    /**
     * @return the providers visible to Tern's class loader, in {@link ServiceLoader} order
     * @throws DiscoveryException with {@code PROVIDER_LOAD_FAILED} naming a provider that cannot be loaded
     */
    public static List<DatabaseProvider> providers() {
        List<DatabaseProvider> providers = new ArrayList<>();
        Iterator<ServiceLoader.Provider<DatabaseProvider>> it =
                ServiceLoader.load(DatabaseProvider.class, DatabaseResolver.class.getClassLoader()).stream().iterator();
        try {
            while (it.hasNext()) {
                ServiceLoader.Provider<DatabaseProvider> provider = it.next();
                providers.add(provider.get());
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            throw new DiscoveryException(ErrorCode.PROVIDER_LOAD_FAILED, "a DatabaseProvider could not be loaded: "
                    + e.getMessage() + (e.getCause() == null ? "" : " (caused by " + e.getCause() + ")"), e);
        }
        return providers;
    }

    /**
     * Opens the database with the first provider that recognises it.
     *
     * @param providers the providers to ask, in order
     * @param dataSource the data source, not null
     * @param location where the history lives, not null
     * @return the database
     * @throws ConfigurationException with {@code UNSUPPORTED_DATABASE} if there is no provider (the
     *     message says to add {@code dev.tern:migration-jdbc}) or none recognises the database (the
     *     message names its product), with {@code CONNECTION_FAILED} if no connection can be opened
     *     to name the product
     */
    public static Database resolve(List<DatabaseProvider> providers, DataSource dataSource, HistoryLocation location) {
        if (providers.isEmpty()) {
            throw new ConfigurationException(ErrorCode.UNSUPPORTED_DATABASE, "no DatabaseProvider is on the class path;"
                    + " add the dependency dev.tern:migration-jdbc, which supports H2, PostgreSQL and MariaDB/MySQL");
        }
        for (DatabaseProvider provider : providers) {
            Optional<Database> database = provider.open(dataSource, location);
            if (database.isPresent()) {
                return database.get();
            }
        }
        throw new ConfigurationException(ErrorCode.UNSUPPORTED_DATABASE, "no DatabaseProvider recognises the database '"
                + product(dataSource) + "' (providers: " + providers.stream().map(p -> p.getClass().getName()).toList()
                + ")");
    }

    /**
     * Opens the database with the first provider that recognises it through a connection the
     * caller already has open ({@link DatabaseProvider#open(DataSource, Connection, HistoryLocation)}),
     * so that recognising it costs no connection of its own.
     *
     * @param providers the providers to ask, in order
     * @param dataSource the data source, not null
     * @param connection an open connection of that data source, not null; left open
     * @param location where the history lives, not null
     * @return the database
     * @throws ConfigurationException with {@code UNSUPPORTED_DATABASE} if there is no provider or
     *     none recognises the database (the message names its product), with
     *     {@code CONNECTION_FAILED} if the connection's metadata cannot be read
     */
    public static Database resolve(List<DatabaseProvider> providers, DataSource dataSource, Connection connection,
                                   HistoryLocation location) {
        if (providers.isEmpty()) {
            return resolve(providers, dataSource, location);
        }
        for (DatabaseProvider provider : providers) {
            Optional<Database> database = provider.open(dataSource, connection, location);
            if (database.isPresent()) {
                return database.get();
            }
        }
        throw new ConfigurationException(ErrorCode.UNSUPPORTED_DATABASE, "no DatabaseProvider recognises the database '"
                + product(connection) + "' (providers: " + providers.stream().map(p -> p.getClass().getName()).toList()
                + ")");
    }

    /**
     * Opens a connection for a run's start: the one it recognises the database and reads the
     * history through.
     *
     * @param dataSource the data source, not null
     * @return a new connection, owned by the caller
     * @throws ConfigurationException with {@code CONNECTION_FAILED} if it cannot be opened
     */
    public static Connection connect(DataSource dataSource) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw connectionFailed(e);
        }
    }

    private static String product(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return product(connection);
        } catch (SQLException e) {
            throw connectionFailed(e);
        }
    }

    private static String product(Connection connection) {
        try {
            DatabaseMetaData meta = connection.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        } catch (SQLException e) {
            throw connectionFailed(e);
        }
    }

    private static ConfigurationException connectionFailed(SQLException e) {
        return new ConfigurationException(ErrorCode.CONNECTION_FAILED, "cannot connect to the database: "
                + e.getMessage(), e);
    }
}
