/**
 * The Tern orchestrator: discovery of the plugins' {@code MigrationService}s, ordering, planning,
 * validation against the history, execution, and an in-memory history store for tests. The
 * database support ({@code DatabaseProvider}) is found through {@link java.util.ServiceLoader}, so
 * this module never depends on {@code migration-jdbc}.
 */
module dev.tern.migration.core {
    requires transitive dev.tern.migration.spi;
    requires org.slf4j;

    exports dev.tern.migration.core;

    uses dev.tern.migration.spi.MigrationService;
    uses dev.tern.migration.api.database.DatabaseProvider;
}
