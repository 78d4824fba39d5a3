package dev.tern.migration.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code Orchestrator.status()} found: one {@link PluginStatus} per plugin, in run order.
 * Immutable and thread-safe.
 *
 * @param plugins the plugins' statuses, in run order
 */
public record StatusReport(List<PluginStatus> plugins) {
    /** Copies the components. */
    public StatusReport {
        plugins = List.copyOf(plugins);
    }

    /**
     * @param pluginId a plugin id
     * @return that plugin's status, if the plugin is present
     */
    public Optional<PluginStatus> plugin(String pluginId) {
        return plugins.stream().filter(p -> p.pluginId().equals(pluginId)).findFirst();
    }

    /** @return true if no plugin has a pending step */
    public boolean upToDate() {
        return plugins.stream().allMatch(PluginStatus::upToDate);
    }

    /**
     * Renders the statuses as a plain-text table, one row per plugin.
     *
     * @return the table and a summary line, lines separated by {@code \n}
     */
    public String toTable() {
        List<List<String>> rows = new ArrayList<>();
        for (PluginStatus p : plugins) {
            rows.add(List.of(p.pluginId(), TextTable.text(p.installedVersion()), TextTable.text(p.targetVersion()),
                    Integer.toString(p.pendingCount()), TextTable.text(p.lastVersion()),
                    TextTable.text(p.lastDescription()), TextTable.text(p.lastAppliedAt())));
        }
        int pending = plugins.stream().mapToInt(PluginStatus::pendingCount).sum();
        return TextTable.render(List.of("plugin", "installed", "target", "pending", "last step", "description",
                "applied at"), rows) + plugins.size() + " plugin(s), " + pending + " step(s) pending";
    }
}
