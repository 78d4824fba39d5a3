package dev.tern.migration.api.event;

import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * {@value #NAME}: an attempt of a step starts. Sent before every attempt, so a step retried twice
 * sends it three times, with attempts 1, 2, 3.
 *
 * @param pluginId the plugin, not null
 * @param version the step version, not null
 * @param description the step description, not null
 * @param kind what the step is made of, not null
 * @param attempt the attempt number, 1 for the first
 * @param timestamp when the attempt started, not null
 */
public record StepStarted(String pluginId, Version version, String description, StepKind kind, int attempt,
                          Instant timestamp) implements MigrationEvent {
    /** The stable event name. */
    public static final String NAME = "migration.step.started";

    /** Checks the components. */
    public StepStarted {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String name() {
        return NAME;
    }
}
