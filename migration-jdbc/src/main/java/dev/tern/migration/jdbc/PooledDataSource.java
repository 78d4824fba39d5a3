package dev.tern.migration.jdbc;

import javax.sql.DataSource;

/**
 * A {@link DataSource} backed by a connection pool that must be closed when no longer needed.
 * Returned by {@link DataSources#hikari(String, String, String)}; {@link #unwrap(Class)} gives the
 * pool itself (e.g. {@code com.zaxxer.hikari.HikariDataSource}) for tuning.
 *
 * <p>Thread-safe, as pools are.
 */
public interface PooledDataSource extends DataSource, AutoCloseable {
    /** Closes the pool and its connections. Idempotent; never throws a checked exception. */
    @Override
    void close();
}
