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
        steps = isSorted(steps) ? List.copyOf(steps)
                : steps.stream().sorted(Comparator.comparing(PreparedStep::version)).toList();
    }

    // Steps come sorted from StepPreparer; checking is cheaper than sorting a thousand again.
    private static boolean isSorted(List<PreparedStep> steps) {
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i - 1).version().compareTo(steps.get(i).version()) > 0) {
                return false;
            }
        }
        return true;
    }
}
