package dev.tern.migration.core.internal;

import dev.tern.migration.api.Version;
import java.util.List;
import java.util.Objects;

/**
 * What a run would execute: every plugin in run order with its installed version and its pending
 * steps in version order. Validated when built by {@link Planner}; immutable.
 *
 * @param plugins every plugin, in run order, including those with nothing pending
 */
public record Plan(List<PluginPlan> plugins) {
    /** Copies the components. */
    public Plan {
        plugins = List.copyOf(plugins);
    }

    /** @return true if no plugin has a pending step */
    public boolean isEmpty() {
        return plugins.stream().allMatch(p -> p.pending().isEmpty());
    }

    /** @return the number of pending steps over all plugins */
    public int pendingCount() {
        return plugins.stream().mapToInt(p -> p.pending().size()).sum();
    }

    /**
     * One plugin's part of the plan.
     *
     * @param pluginId the plugin, not null
     * @param installed the installed version, or null if nothing is installed
     * @param pending the steps to run, in version order, all above {@code installed}
     */
    public record PluginPlan(String pluginId, Version installed, List<PreparedStep> pending) {
        /** Checks and copies the components. */
        public PluginPlan {
            Objects.requireNonNull(pluginId, "pluginId");
            pending = List.copyOf(pending);
        }
    }
}
