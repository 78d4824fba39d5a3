package dev.tern.migration.jdbc.testing;

import javax.sql.DataSource;

/**
 * A fresh, empty, uniquely named database for one test: a PostgreSQL schema, a MariaDB database or
 * an in-memory H2 database. Close it to drop it.
 */
public interface FreshDatabase extends AutoCloseable {
    /** @return which database this is */
    TestDatabase kind();

    /** @return the unique name of the schema (PostgreSQL), database (MariaDB) or H2 database */
    String name();

    /** @return a JDBC URL that connects straight into the fresh schema or database */
    String jdbcUrl();

    /** @return the user for {@link #jdbcUrl()} */
    String user();

    /** @return the password for {@link #jdbcUrl()}, possibly empty */
    String password();

    /** @return a simple non-pooled data source for {@link #jdbcUrl()}; each call opens a new connection */
    DataSource dataSource();

    /** Drops the schema or database (H2: {@code SHUTDOWN}). Idempotent. */
    @Override
    void close();
}
