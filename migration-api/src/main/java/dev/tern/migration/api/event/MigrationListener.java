package dev.tern.migration.api.event;

/**
 * Receives the {@linkplain MigrationEvent events} of the orchestrator's runs. Registered on the
 * orchestrator's builder ({@code listener(...)}) or, when discovery is on, found with
 * {@link java.util.ServiceLoader} (an entry in
 * {@code META-INF/services/dev.tern.migration.api.event.MigrationListener} or a {@code provides}
 * clause; a provider that fails to load is an error naming it).
 *
 * <p>Called synchronously, on the thread running the migrations, in registration order (listeners
 * given to the builder first, then discovered ones), one event after the other, so a slow listener
 * slows the migration down. A listener that throws a {@link RuntimeException} is logged (warn,
 * with the event name) and the run goes on; the other listeners still receive the event. A
 * listener shared by several orchestrators running at once must be thread-safe.
 */
@FunctionalInterface
public interface MigrationListener {

    /**
     * Receives one event.
     *
     * @param event the event, not null; switch over its record type (the interface is sealed) or
     *     compare {@link MigrationEvent#name()}
     */
    void onEvent(MigrationEvent event);
}
