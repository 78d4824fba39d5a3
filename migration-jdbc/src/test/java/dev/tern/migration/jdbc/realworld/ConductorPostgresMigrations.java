package dev.tern.migration.jdbc.realworld;

import dev.tern.migration.spi.ScriptMigrationService;

/**
 * Netflix Conductor 3.15.0's PostgreSQL persistence schema as a Tern plugin: the plain
 * {@link ScriptMigrationService} on the folder {@code db/migration_postgres} inside
 * {@code conductor-postgres-persistence-3.15.0.jar}, whose Flyway-named scripts {@code V1__...} to
 * {@code V8__...} become steps 1.0.0 to 8.0.0. V7 ends without a semicolon; V8 holds JSON in a
 * string ({@code '["all"]'}), {@code ::} casts and GIN expression indexes.
 *
 * <p>Thread-safe, as its parent.
 */
final class ConductorPostgresMigrations extends ScriptMigrationService {
    /** Creates the plugin {@code conductor} on {@code db/migration_postgres}. */
    ConductorPostgresMigrations() {
        super("conductor", "db/migration_postgres");
    }
}
