package dev.tern.migration.core.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One plugin's prepared steps.
 *
 * @param pluginId the plugin, not null
 * @param steps the steps, versions unique; kept sorted by version whatever the order given
 */
public record PreparedPlugin(String pluginId, List<PreparedStep> steps) {
    /** Checks the components and sorts the steps by version. */
    public PreparedPlugin {
        Objects.requireNonNull(pluginId, "pluginId");
        steps = steps.stream().sorted(Comparator.comparing(PreparedStep::version)).toList();
    }
}
