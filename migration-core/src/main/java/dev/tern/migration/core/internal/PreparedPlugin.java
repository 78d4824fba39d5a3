package dev.tern.migration.core.internal;

import java.util.List;
import java.util.Objects;

/**
 * One plugin's prepared steps.
 *
 * @param pluginId the plugin, not null
 * @param steps the steps in version order, versions unique
 */
public record PreparedPlugin(String pluginId, List<PreparedStep> steps) {
    /** Checks and copies the components. */
    public PreparedPlugin {
        Objects.requireNonNull(pluginId, "pluginId");
        steps = List.copyOf(steps);
    }
}
