/**
 * JDBC support for Tern: the dialects (H2, PostgreSQL, MariaDB/MySQL), the history table
 * ({@link dev.tern.migration.jdbc.JdbcHistoryStore}), database locks, SQL script splitting and
 * data source helpers. Provides {@link dev.tern.migration.api.database.DatabaseProvider} for
 * {@link java.util.ServiceLoader}. HikariCP is optional.
 */
module dev.tern.migration.jdbc {
    requires transitive dev.tern.migration.core;
    requires transitive dev.tern.migration.api;
    requires transitive java.sql;
    requires org.slf4j;
    requires static com.zaxxer.hikari;

    exports dev.tern.migration.jdbc;

    provides dev.tern.migration.api.database.DatabaseProvider with dev.tern.migration.jdbc.JdbcDatabaseProvider;
}
