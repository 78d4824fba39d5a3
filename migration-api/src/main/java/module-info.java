/**
 * Types shared by every Tern module and by applications: versions, the run report, history
 * entries, the history-store, lock and database SPI, and the {@link dev.tern.migration.api.MigrationException}
 * hierarchy. No third-party type appears in a public signature.
 */
module dev.tern.migration.api {
    requires transitive java.sql;
    requires org.semver4j;

    exports dev.tern.migration.api;
    exports dev.tern.migration.api.database;
    exports dev.tern.migration.api.event;
}
