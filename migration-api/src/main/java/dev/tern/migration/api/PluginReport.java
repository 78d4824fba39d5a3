package dev.tern.migration.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run did to one plugin.
 *
 * @param pluginId the plugin, not null
 * @param versionBefore the installed version before the run, or null if nothing was installed
 * @param versionAfter the installed version after the run, or null if nothing is installed
 * @param steps the steps the run tried, in order; empty if the plugin was up to date
 */
public record PluginReport(String pluginId, Version versionBefore, Version versionAfter, List<StepReport> steps) {
    /** Checks and copies the components. */
    public PluginReport {
        Objects.requireNonNull(pluginId, "pluginId");
        steps = List.copyOf(steps);
    }

    /** @return the installed version before the run, if any */
    public Optional<Version> before() {
        return Optional.ofNullable(versionBefore);
    }

    /** @return the installed version after the run, if any */
    public Optional<Version> after() {
        return Optional.ofNullable(versionAfter);
    }

    /** @return true if no step of this plugin failed or was skipped */
    public boolean succeeded() {
        return steps.stream().allMatch(s -> s.outcome() == StepOutcome.APPLIED || s.outcome() == StepOutcome.ROLLED_BACK);
    }

    /** @return the number of steps whose down action ran in this run (a rollback) */
    public int rolledBackCount() {
        return (int) steps.stream().filter(s -> s.outcome() == StepOutcome.ROLLED_BACK).count();
    }

    /** @return the number of steps applied in this run */
    public int appliedCount() {
        return (int) steps.stream().filter(s -> s.outcome() == StepOutcome.APPLIED).count();
    }
}
