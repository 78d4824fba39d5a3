/**
 * What plugin authors implement: {@link dev.tern.migration.spi.MigrationService} (usually through
 * {@link dev.tern.migration.spi.ScriptMigrationService}), SQL and Java steps, and the
 * {@link dev.tern.migration.spi.StepContext} a Java step receives.
 */
module dev.tern.migration.spi {
    requires transitive dev.tern.migration.api;

    exports dev.tern.migration.spi;
    // The script scanner is shared with migration-core only (used by its tests' fixtures and by the planner).
    exports dev.tern.migration.spi.internal to dev.tern.migration.core;
}
