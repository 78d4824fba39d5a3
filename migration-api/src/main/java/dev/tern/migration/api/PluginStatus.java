package dev.tern.migration.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one plugin stands: its installed and target versions, how many steps are pending, and the
 * history row that brought it to its installed version. Immutable and thread-safe.
 *
 * @param pluginId the plugin, not null
 * @param installedVersion the installed version, or null if nothing is installed
 * @param targetVersion the version a run would bring the plugin to (its highest step), or null
 *     if the plugin has no step
 * @param pendingCount how many steps a run would apply
 * @param lastVersion the version of the step (or baseline) that brought the plugin to its
 *     installed version, or null if nothing is installed
 * @param lastDescription that step's description, or null
 * @param lastAppliedAt when that step finished, or null
 */
public record PluginStatus(String pluginId, Version installedVersion, Version targetVersion, int pendingCount,
                           Version lastVersion, String lastDescription, Instant lastAppliedAt) {
    /** Checks the components. */
    public PluginStatus {
        Objects.requireNonNull(pluginId, "pluginId");
        if (pendingCount < 0) {
            throw new IllegalArgumentException("pendingCount must not be negative, was " + pendingCount);
        }
    }

    /** @return the installed version, if any */
    public Optional<Version> installed() {
        return Optional.ofNullable(installedVersion);
    }

    /** @return the target version, if the plugin has steps */
    public Optional<Version> target() {
        return Optional.ofNullable(targetVersion);
    }

    /** @return true if no step is pending */
    public boolean upToDate() {
        return pendingCount == 0;
    }
}
