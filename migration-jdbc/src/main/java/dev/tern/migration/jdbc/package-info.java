/**
 * JDBC support: the dialects ({@link dev.tern.migration.jdbc.H2Dialect},
 * {@link dev.tern.migration.jdbc.PostgreSqlDialect}, {@link dev.tern.migration.jdbc.MariaDbDialect}),
 * the history table ({@link dev.tern.migration.jdbc.JdbcHistoryStore}), the
 * {@link dev.tern.migration.jdbc.JdbcDatabaseProvider} found by the orchestrator, and
 * {@link dev.tern.migration.jdbc.DataSources} helpers. Locks and the SQL splitter are internal.
 */
package dev.tern.migration.jdbc;
