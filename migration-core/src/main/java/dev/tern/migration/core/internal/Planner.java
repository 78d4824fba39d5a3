package dev.tern.migration.core.internal;

import dev.tern.migration.api.Direction;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.ValidationException;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.Dialect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Computes the plan from the prepared steps and the history, and validates it against the
 * history: checksums of applied steps, applied steps missing from the code, pending steps below
 * the installed version (refused, as Flyway does unless {@code outOfOrder} is set), and failed
 * steps that may have left changes behind. A pure function with no I/O, so a dry run can use it
 * as well as a run; stateless.
 *
 * <p>A plugin's installed version is its highest step whose latest successful history entry is an
 * UP entry: a later successful DOWN entry of that version un-applies it. A FAILED entry not followed
 * by a SUCCESS entry of its step is harmless when the step runs in a transaction on a database with
 * transactional DDL (nothing of it was kept; the step is pending again); otherwise it blocks the
 * plugin until the operator repairs it.
 */
public final class Planner {

    /**
     * The plan and the problems found.
     *
     * @param plan the plan; not to be executed unless {@code problems} is empty
     * @param problems every problem found, in plugin and version order
     */
    public record Planning(Plan plan, List<MigrationException> problems) {
        /** Copies the components. */
        public Planning {
            Objects.requireNonNull(plan, "plan");
            problems = List.copyOf(problems);
        }
    }

    private Planner() {
    }

    /**
     * Plans a run.
     *
     * @param plugins the prepared plugins, in run order
     * @param history the whole history, oldest first
     * @param dialect the database's dialect, or null when there is no database
     * @return the plan and its problems ({@link ValidationException}s with {@code CHECKSUM_MISMATCH},
     *     {@code APPLIED_STEP_MISSING}, {@code OUT_OF_ORDER_STEP} or {@code FAILED_STEP_IN_HISTORY})
     */
    public static Planning plan(List<PreparedPlugin> plugins, List<HistoryEntry> history, Dialect dialect) {
        return plan(plugins, history, dialect, false);
    }

    /**
     * Plans a run, optionally accepting pending steps below the installed version.
     *
     * @param plugins the prepared plugins, in run order
     * @param history the whole history, oldest first
     * @param dialect the database's dialect, or null when there is no database
     * @param outOfOrder true to plan pending steps below the installed version (in version order,
     *     before the others) instead of refusing them, as Flyway's {@code outOfOrder}
     * @return as {@link #plan(List, List, Dialect)}, and {@code DOWNGRADE_REFUSED} for a plugin
     *     installed above its highest step (instead of {@code APPLIED_STEP_MISSING} for the steps
     *     above it)
     */
    public static Planning plan(List<PreparedPlugin> plugins, List<HistoryEntry> history, Dialect dialect,
                                boolean outOfOrder) {
        Map<String, TreeMap<Version, StepState>> states = replay(history);
        List<Plan.PluginPlan> planned = new ArrayList<>();
        List<MigrationException> problems = new ArrayList<>();
        for (PreparedPlugin plugin : plugins) {
            TreeMap<Version, StepState> recorded = states.getOrDefault(plugin.pluginId(), new TreeMap<>());
            Map<Version, PreparedStep> code = new LinkedHashMap<>();
            plugin.steps().forEach(s -> code.put(s.version(), s));
            Version installed = null;
            for (Map.Entry<Version, StepState> e : recorded.entrySet()) {
                if (e.getValue().applied != null) {
                    installed = e.getKey();
                }
            }
            Version highest = plugin.steps().isEmpty() ? null : plugin.steps().get(plugin.steps().size() - 1).version();
            if (installed != null && (highest == null || installed.compareTo(highest) > 0)) {
                // An older build against a newer schema: one clear refusal instead of one missing step per version.
                problems.add(Downgrade.refused(plugin.pluginId(), installed, highest));
                planned.add(new Plan.PluginPlan(plugin.pluginId(), installed, List.of()));
                continue;
            }
            for (Map.Entry<Version, StepState> e : recorded.entrySet()) {
                check(plugin.pluginId(), e.getKey(), e.getValue(), code.get(e.getKey()), dialect, problems);
            }
            List<PreparedStep> pending = new ArrayList<>();
            for (PreparedStep step : plugin.steps()) {
                StepState state = recorded.get(step.version());
                if (state != null && state.applied != null) {
                    continue;
                }
                if (installed != null && step.version().compareTo(installed) < 0 && !outOfOrder) {
                    problems.add(new ValidationException(ErrorCode.OUT_OF_ORDER_STEP, "step '" + step.description()
                            + "' is pending but the plugin is already at " + installed + "; steps below the installed"
                            + " version are refused. Give the step a version above " + installed
                            + ", or enable outOfOrder to apply it anyway",
                            plugin.pluginId(), step.version().toString(), step.source(), 0, null));
                    continue;
                }
                pending.add(step);
            }
            planned.add(new Plan.PluginPlan(plugin.pluginId(), installed, pending));
        }
        return new Planning(new Plan(planned), problems);
    }

    private static void check(String pluginId, Version version, StepState state, PreparedStep step, Dialect dialect,
                              List<MigrationException> problems) {
        String v = version.toString();
        HistoryEntry applied = state.applied;
        if (applied != null) {
            if (step == null) {
                problems.add(new ValidationException(ErrorCode.APPLIED_STEP_MISSING, "step '" + applied.description()
                        + "' is recorded as applied (history id " + applied.id() + ", " + applied.finishedAt()
                        + ") but the plugin no longer has it. Restore the step, or repair the history if it was"
                        + " removed on purpose", pluginId, v, null, 0, null));
            } else if (!Objects.equals(applied.checksum(), step.checksum())) {
                problems.add(new ValidationException(ErrorCode.CHECKSUM_MISMATCH, "step '" + step.description()
                        + "' was changed after it was applied: the history has checksum " + applied.checksum()
                        + " (history id " + applied.id() + "), the " + (step.source() == null ? "Java step" : "script")
                        + " now has " + step.checksum() + ". Revert the change and put new changes in a new step,"
                        + " or repair the history if the edit is intended", pluginId, v, step.source(), 0, null));
            }
        }
        HistoryEntry failed = state.unresolvedFailure;
        if (failed != null && (step == null || !step.runsInTransaction(dialect))) {
            problems.add(new ValidationException(ErrorCode.FAILED_STEP_IN_HISTORY, "the step failed at "
                    + failed.finishedAt() + " (history id " + failed.id() + ", " + failed.direction() + ")"
                    + (step == null ? " and is no longer in the code; it" : " and")
                    + " did not run in a transaction, so some of its changes may have been kept. The plugin is"
                    + " blocked: remove the step's half-applied changes by hand, then delete or repair the FAILED"
                    + " history row (id " + failed.id() + ") and run again. Its error was: " + failed.error(),
                    pluginId, v, step == null ? null : step.source(), 0, null));
        }
    }

    /** Replays the history into the current state of each step of each plugin. */
    private static Map<String, TreeMap<Version, StepState>> replay(List<HistoryEntry> history) {
        Map<String, TreeMap<Version, StepState>> states = new HashMap<>();
        for (HistoryEntry entry : history) {
            StepState state = states.computeIfAbsent(entry.pluginId(), p -> new TreeMap<>())
                    .computeIfAbsent(entry.version(), v -> new StepState());
            if (entry.status() == Status.SUCCESS) {
                state.applied = entry.direction() == Direction.UP ? entry : null;
                state.unresolvedFailure = null;
            } else {
                state.unresolvedFailure = entry;
            }
        }
        return states;
    }

    private static final class StepState {
        HistoryEntry applied;
        HistoryEntry unresolvedFailure;
    }
}
