package dev.tern.migration.api;

import java.time.Duration;
import java.util.Objects;

/**
 * Figures over one plugin's history rows of real steps (up and down, SQL and Java; baseline and
 * repair rows left out). Immutable and thread-safe.
 *
 * @param pluginId the plugin, not null
 * @param stepsRun how many step rows the history holds ({@code successes + failures})
 * @param successes how many of them succeeded
 * @param failures how many of them failed
 * @param averageDuration the mean execution time of those rows, {@link Duration#ZERO} when there is none
 * @param maxDuration the longest execution time of those rows, {@link Duration#ZERO} when there is none
 */
public record PluginStatistics(String pluginId, int stepsRun, int successes, int failures, Duration averageDuration,
                               Duration maxDuration) {
    /** Checks the components. */
    public PluginStatistics {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(averageDuration, "averageDuration");
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (stepsRun != successes + failures) {
            throw new IllegalArgumentException("stepsRun must be successes + failures");
        }
    }
}
