/**
 * The service-provider interface between the orchestrator and a database: the {@link
 * dev.tern.migration.api.database.Dialect}, the {@link dev.tern.migration.api.database.HistoryStore},
 * the {@link dev.tern.migration.api.database.MigrationLock}, and the {@link
 * dev.tern.migration.api.database.DatabaseProvider} through which {@code migration-jdbc} offers them
 * to {@code migration-core} (found with {@link java.util.ServiceLoader}).
 */
package dev.tern.migration.api.database;
