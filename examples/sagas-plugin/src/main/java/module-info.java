/**
 * Tern plugin {@code sagas}: sagas, their steps and an audit trail of their status changes kept by
 * a database trigger. Its scripts live in {@code db/sagas} inside this jar.
 */
module dev.tern.examples.sagas {
    requires transitive dev.tern.migration.spi;
    // Only the H2 trigger class needs H2, and only H2 loads it.
    requires static com.h2database;

    exports dev.tern.examples.sagas;
    // H2 instantiates the trigger class by name; no one else needs it.
    exports dev.tern.examples.sagas.h2 to com.h2database;

    provides dev.tern.migration.spi.MigrationService with dev.tern.examples.sagas.SagasMigrations;
}
