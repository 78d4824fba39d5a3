package dev.tern.migration.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code Orchestrator.statistics()} computed over the history: one {@link PluginStatistics}
 * per plugin found in the history, by plugin id. Immutable and thread-safe.
 *
 * @param plugins the plugins' figures, sorted by plugin id
 */
public record HistoryStatistics(List<PluginStatistics> plugins) {
    /** Copies the components. */
    public HistoryStatistics {
        plugins = List.copyOf(plugins);
    }

    /**
     * @param pluginId a plugin id
     * @return that plugin's figures, if the history holds rows of it
     */
    public Optional<PluginStatistics> plugin(String pluginId) {
        return plugins.stream().filter(p -> p.pluginId().equals(pluginId)).findFirst();
    }

    /**
     * Renders the figures as a plain-text table, one row per plugin; durations in milliseconds.
     *
     * @return the table and a summary line, lines separated by {@code \n}
     */
    public String toTable() {
        List<List<String>> rows = new ArrayList<>();
        for (PluginStatistics p : plugins) {
            rows.add(List.of(p.pluginId(), Integer.toString(p.stepsRun()), Integer.toString(p.successes()),
                    Integer.toString(p.failures()), Long.toString(p.averageDuration().toMillis()),
                    Long.toString(p.maxDuration().toMillis())));
        }
        int run = plugins.stream().mapToInt(PluginStatistics::stepsRun).sum();
        return TextTable.render(List.of("plugin", "steps run", "succeeded", "failed", "avg ms", "max ms"), rows)
                + plugins.size() + " plugin(s), " + run + " step(s) run";
    }
}
