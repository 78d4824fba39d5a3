package dev.tern.migration.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a run did: one {@link PluginReport} per plugin, in the order the plugins were run.
 * Immutable and thread-safe.
 *
 * @param plugins the plugin reports in run order, not null
 * @param duration the wall time of the whole run, not null
 */
public record MigrationReport(List<PluginReport> plugins, Duration duration) {
    /** Checks and copies the components. */
    public MigrationReport {
        plugins = List.copyOf(plugins);
        Objects.requireNonNull(duration, "duration");
    }

    /** @return true if every plugin succeeded */
    public boolean succeeded() {
        return plugins.stream().allMatch(PluginReport::succeeded);
    }

    /** @return the number of steps applied by the run, over all plugins */
    public int appliedCount() {
        return plugins.stream().mapToInt(PluginReport::appliedCount).sum();
    }

    /** @return true if the run found nothing to do */
    public boolean upToDate() {
        return plugins.stream().allMatch(p -> p.steps().isEmpty());
    }

    /**
     * Renders the report as a plain-text table: one row per step tried, and one row per plugin
     * that was already up to date.
     *
     * @return the table, lines separated by {@code \n}
     */
    public String toTable() {
        List<String> header = List.of("plugin", "before", "after", "step", "kind", "description", "outcome", "attempts", "ms");
        java.util.ArrayList<List<String>> rows = new java.util.ArrayList<>();
        for (PluginReport p : plugins) {
            String before = p.before().map(Version::toString).orElse("-");
            String after = p.after().map(Version::toString).orElse("-");
            if (p.steps().isEmpty()) {
                rows.add(List.of(p.pluginId(), before, after, "-", "-", "up to date", "-", "-", "-"));
            }
            for (StepReport s : p.steps()) {
                rows.add(List.of(p.pluginId(), before, after, s.version().toString(), s.kind().name(), s.description(),
                        s.outcome().name(), Integer.toString(s.attempts()), Long.toString(s.duration().toMillis())));
            }
        }
        StringBuilder out = new StringBuilder(TextTable.render(header, rows));
        int rolledBack = plugins.stream().mapToInt(PluginReport::rolledBackCount).sum();
        out.append(String.format("%d plugin(s), %d step(s) applied%s, %s in %d ms", plugins.size(), appliedCount(),
                rolledBack == 0 ? "" : ", " + rolledBack + " rolled back", succeeded() ? "succeeded" : "FAILED",
                duration.toMillis()));
        return out.toString();
    }
}
