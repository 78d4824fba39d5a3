/**
 * Tern plugin {@code outbox}: a transactional outbox (outbox_events) and its dead-letter queue
 * (outbox_dlq). Its scripts live in {@code db/outbox} inside this jar.
 */
module dev.tern.examples.outbox {
    requires transitive dev.tern.migration.spi;

    exports dev.tern.examples.outbox;

    provides dev.tern.migration.spi.MigrationService with dev.tern.examples.outbox.OutboxMigrations;
}
