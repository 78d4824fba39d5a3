package dev.tern.migration.api.event;

import dev.tern.migration.api.StepExecutionException;
import dev.tern.migration.api.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@value #NAME}: a plugin stopped because one of its steps failed; its later steps are skipped.
 *
 * @param pluginId the plugin, not null
 * @param fromVersion the installed version before the run, empty if nothing was installed
 * @param reachedVersion the installed version after the run (the last step applied), empty if none
 * @param failedVersion the version of the step that failed, not null
 * @param error the step's failure, not null
 * @param duration the time the plugin's steps took, not null
 * @param timestamp when the plugin stopped, not null
 */
public record MigrationFailed(String pluginId, Optional<Version> fromVersion, Optional<Version> reachedVersion,
                              Version failedVersion, StepExecutionException error, Duration duration,
                              Instant timestamp) implements MigrationEvent {
    /** The stable event name. */
    public static final String NAME = "migration.failed";

    /** Checks the components. */
    public MigrationFailed {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(fromVersion, "fromVersion");
        Objects.requireNonNull(reachedVersion, "reachedVersion");
        Objects.requireNonNull(failedVersion, "failedVersion");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String name() {
        return NAME;
    }
}
