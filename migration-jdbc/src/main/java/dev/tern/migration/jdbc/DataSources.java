package dev.tern.migration.jdbc;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.jdbc.internal.DriverManagerDataSource;
import dev.tern.migration.jdbc.internal.HikariPools;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Ready-made {@link DataSource}s for a JDBC URL. Tern itself takes any {@code DataSource}; these are
 * conveniences for applications and tests. The JDBC driver must be on the class or module path.
 *
 * <p>Thread-safe (stateless).
 */
public final class DataSources {
    private static final String HIKARI_CLASS = "com.zaxxer.hikari.HikariDataSource";

    private DataSources() {
    }

    /**
     * A minimal data source over {@link java.sql.DriverManager}: every {@code getConnection()} opens
     * a new physical connection, and closing it closes that connection. No pool.
     *
     * @param url the JDBC URL, not null
     * @param user the user, or null to let the URL or driver decide
     * @param password the password, or null
     * @return the data source; connecting fails with {@link java.sql.SQLException} if no driver
     *     accepts the URL or the database refuses the connection
     */
    public static DataSource fromUrl(String url, String user, String password) {
        return new DriverManagerDataSource(Objects.requireNonNull(url, "url"), user, password);
    }

    /**
     * A HikariCP pool for a JDBC URL, with HikariCP's defaults. HikariCP is an optional dependency of
     * Tern: add {@code com.zaxxer:HikariCP} to the application (and, on the module path, resolve
     * module {@code com.zaxxer.hikari}).
     *
     * @param url the JDBC URL, not null
     * @param user the user, or null
     * @param password the password, or null
     * @return the pool, which the caller closes; no connection is opened until first use
     * @throws ConfigurationException with {@code INVALID_CONFIGURATION} if HikariCP is not available
     */
    public static PooledDataSource hikari(String url, String user, String password) {
        Objects.requireNonNull(url, "url");
        if (!hikariAvailable()) {
            throw hikariMissing(null);
        }
        try {
            return HikariPools.create(url, user, password);
        } catch (NoClassDefFoundError e) {
            throw hikariMissing(e);
        }
    }

    private static boolean hikariAvailable() {
        try {
            Class.forName(HIKARI_CLASS, false, DataSources.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static ConfigurationException hikariMissing(Throwable cause) {
        return new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, "DataSources.hikari needs HikariCP: add "
                + "com.zaxxer:HikariCP to the application's dependencies (on the module path also "
                + "'--add-modules com.zaxxer.hikari'), or pass any DataSource to Tern", cause);
    }
}
