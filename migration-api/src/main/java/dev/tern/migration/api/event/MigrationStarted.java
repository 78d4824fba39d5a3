package dev.tern.migration.api.event;

import dev.tern.migration.api.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@value #NAME}: a plugin's pending steps start running (sent only for plugins with pending steps).
 *
 * @param pluginId the plugin, not null
 * @param fromVersion the installed version before the run, empty if nothing was installed
 * @param targetVersion the version the run brings the plugin to: its last pending step, not null
 * @param pendingSteps how many steps are pending, 1 or more
 * @param timestamp when the plugin's run started, not null
 */
public record MigrationStarted(String pluginId, Optional<Version> fromVersion, Version targetVersion,
                               int pendingSteps, Instant timestamp) implements MigrationEvent {
    /** The stable event name. */
    public static final String NAME = "migration.started";

    /** Checks the components. */
    public MigrationStarted {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(fromVersion, "fromVersion");
        Objects.requireNonNull(targetVersion, "targetVersion");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String name() {
        return NAME;
    }
}
