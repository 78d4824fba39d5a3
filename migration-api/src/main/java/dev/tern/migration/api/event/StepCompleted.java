package dev.tern.migration.api.event;

import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * {@value #NAME}: a step was applied and recorded in the history.
 *
 * @param pluginId the plugin, not null
 * @param version the step version, not null
 * @param description the step description, not null
 * @param kind what the step is made of, not null
 * @param duration the time from the start of the first attempt to the end of the last, backoff
 *     delays included, not null
 * @param attempts how many attempts it took, 1 or more (as recorded in the history)
 * @param timestamp when the step completed, not null
 */
public record StepCompleted(String pluginId, Version version, String description, StepKind kind, Duration duration,
                            int attempts, Instant timestamp) implements MigrationEvent {
    /** The stable event name. */
    public static final String NAME = "migration.step.completed";

    /** Checks the components. */
    public StepCompleted {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String name() {
        return NAME;
    }
}
