package dev.tern.migration.api.event;

import dev.tern.migration.api.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@value #NAME}: every pending step of a plugin was applied.
 *
 * @param pluginId the plugin, not null
 * @param fromVersion the installed version before the run, empty if nothing was installed
 * @param toVersion the installed version after the run, not null
 * @param stepsApplied how many steps were applied, 1 or more
 * @param duration the time the plugin's steps took, not null
 * @param timestamp when the plugin completed, not null
 */
public record MigrationCompleted(String pluginId, Optional<Version> fromVersion, Version toVersion, int stepsApplied,
                                 Duration duration, Instant timestamp) implements MigrationEvent {
    /** The stable event name. */
    public static final String NAME = "migration.completed";

    /** Checks the components. */
    public MigrationCompleted {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(fromVersion, "fromVersion");
        Objects.requireNonNull(toVersion, "toVersion");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String name() {
        return NAME;
    }
}
