package dev.tern.migration.jdbc.realworld;

import dev.tern.migration.spi.ScriptMigrationService;

/**
 * Netflix Conductor 3.15.0's MySQL persistence schema as a Tern plugin: the plain
 * {@link ScriptMigrationService} on the folder {@code db/migration} inside
 * {@code conductor-mysql-persistence-3.15.0.jar}, whose Flyway-named scripts {@code V1__...} to
 * {@code V8__...} become steps 1.0.0 to 8.0.0. Proves that Tern lists a folder inside a real jar
 * and runs what MySQL users run: {@code #} comments, double-quoted strings, user variables carried
 * from one statement to the next, {@code PREPARE}/{@code EXECUTE}, and stored procedures between
 * {@code DELIMITER $$} and {@code DELIMITER ;} (V8).
 *
 * <p>Thread-safe, as its parent.
 */
final class ConductorMariaDbMigrations extends ScriptMigrationService {
    /** Creates the plugin {@code conductor} on {@code db/migration}. */
    ConductorMariaDbMigrations() {
        super("conductor", "db/migration");
    }
}
