package dev.tern.migration.api.event;

import java.time.Instant;
import java.util.Objects;

/**
 * {@value #NAME}: a plugin was found (discovered with {@link java.util.ServiceLoader} or added by
 * hand). Sent once per orchestrator, when it first needs its plugins, in run order.
 *
 * @param pluginId the plugin, not null
 * @param serviceClass the fully qualified class name of the plugin's {@code MigrationService}, not null
 * @param timestamp when it was found, not null
 */
public record MigrationCreated(String pluginId, String serviceClass, Instant timestamp) implements MigrationEvent {
    /** The stable event name. */
    public static final String NAME = "migration.created";

    /** Checks the components. */
    public MigrationCreated {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(serviceClass, "serviceClass");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String name() {
        return NAME;
    }
}
