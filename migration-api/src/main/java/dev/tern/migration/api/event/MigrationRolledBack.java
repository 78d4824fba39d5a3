package dev.tern.migration.api.event;

import dev.tern.migration.api.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@value #NAME}: a rollback of a plugin finished: the down actions of its steps above
 * {@code toVersion} ran, newest first.
 *
 * <p>Sent by the orchestrator's {@code rollback(plugin, version)} when it undid at least one step.
 *
 * @param pluginId the plugin, not null
 * @param fromVersion the installed version before the rollback, not null
 * @param toVersion the installed version after it, empty if nothing remains installed
 * @param stepsRolledBack how many steps were rolled back
 * @param duration the time the rollback took, not null
 * @param timestamp when the rollback finished, not null
 */
public record MigrationRolledBack(String pluginId, Version fromVersion, Optional<Version> toVersion,
                                  int stepsRolledBack, Duration duration, Instant timestamp) implements MigrationEvent {
    /** The stable event name. */
    public static final String NAME = "migration.rolled_back";

    /** Checks the components. */
    public MigrationRolledBack {
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
