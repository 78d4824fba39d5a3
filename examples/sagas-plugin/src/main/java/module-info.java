/**
 * Tern plugin {@code sagas}: sagas, their steps and an audit trail of their status changes kept by
 * a database trigger. Its scripts live in {@code db/sagas} inside this jar.
 */
module dev.tern.examples.sagas {
    requires dev.tern.migration.spi;
    // Only the H2 trigger class needs H2, and only H2 loads it.
    requires static com.h2database;

    exports dev.tern.examples.sagas;
    exports dev.tern.examples.sagas.h2;

    provides dev.tern.migration.spi.MigrationService with dev.tern.examples.sagas.SagasMigrations;
}
