package dev.tern.migration.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tern.migration.jdbc.PooledDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * The only class that touches HikariCP, loaded only after HikariCP was found, so that Tern runs
 * without it.
 */
public final class HikariPools {
    private HikariPools() {
    }

    /**
     * @param url the JDBC URL, not null
     * @param user the user, or null
     * @param password the password, or null
     * @return a pool with HikariCP's defaults, named {@code tern}
     */
    public static PooledDataSource create(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("tern");
        // Do not connect now: a bad URL surfaces on first use, like any other DataSource.
        config.setInitializationFailTimeout(-1);
        return new HikariPool(new HikariDataSource(config));
    }

    private record HikariPool(HikariDataSource pool) implements PooledDataSource {
        @Override
        public void close() {
            pool.close();
        }

        @Override
        public Connection getConnection() throws SQLException {
            return pool.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return pool.getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return type.isInstance(pool) ? type.cast(pool) : pool.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return type.isInstance(pool) || pool.isWrapperFor(type);
        }

        @Override
        public String toString() {
            return "HikariPool[" + pool.getJdbcUrl() + "]";
        }
    }
}
