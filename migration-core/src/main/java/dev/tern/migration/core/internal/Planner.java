package dev.tern.migration.core.internal;

import dev.tern.migration.api.Direction;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.ValidationException;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.Dialect;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * UP entry: a later successful DOWN entry of that version un-applies it. A {@code BASELINE} row
 * raises it to the baseline version: steps at or below it count as applied and are never checked
 * or run. {@code REPAIR} rows are ignored. A FAILED entry not followed
 * by a SUCCESS entry of its step is harmless when the step runs in a transaction on a database with
 * transactional DDL (nothing of it was kept; the step is pending again); otherwise it blocks the
 * plugin until the operator repairs it. {@link Status#STARTED} markers are ignored here; under the
 * lock, {@link InterruptedSteps} checks them.
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
        Map<String, Recorded> states = replay(history);
        Map<String, Version> baselines = baselines(history);
        List<Plan.PluginPlan> planned = new ArrayList<>();
        List<MigrationException> problems = new ArrayList<>();
        for (PreparedPlugin plugin : plugins) {
            Recorded recorded = states.getOrDefault(plugin.pluginId(), Recorded.NONE);
            Version installed = null;
            for (StepState state : recorded.inVersionOrder) {
                if (state.applied != null) {
                    installed = state.version;
                }
            }
            Version baseline = baselines.get(plugin.pluginId());
            if (baseline != null && (installed == null || baseline.compareTo(installed) > 0)) {
                installed = baseline;
            }
            Version highest = plugin.steps().isEmpty() ? null : plugin.steps().get(plugin.steps().size() - 1).version();
            if (installed != null && (highest == null || installed.compareTo(highest) > 0)) {
                // An older build against a newer schema: one clear refusal instead of one missing step per version.
                problems.add(Downgrade.refused(plugin.pluginId(), installed, highest));
                planned.add(new Plan.PluginPlan(plugin.pluginId(), installed, List.of()));
                continue;
            }
            // Both the recorded states and the steps are in version order: one walk pairs them.
            List<PreparedStep> steps = plugin.steps();
            int next = 0;
            for (StepState state : recorded.inVersionOrder) {
                if (baseline != null && state.version.compareTo(baseline) <= 0) {
                    continue; // at or below the baseline: never checked
                }
                while (next < steps.size() && steps.get(next).version().compareTo(state.version) < 0) {
                    next++;
                }
                PreparedStep step = next < steps.size() && steps.get(next).version().equals(state.version)
                        ? steps.get(next) : null;
                check(plugin.pluginId(), state.version, state, step, dialect, problems);
            }
            List<PreparedStep> pending = new ArrayList<>();
            for (PreparedStep step : steps) {
                StepState state = recorded.byVersion.get(step.version());
                if (state != null && state.applied != null
                        || baseline != null && step.version().compareTo(baseline) <= 0) {
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

    /**
     * The history entries that applied a plugin's steps: for each version whose latest successful
     * step entry is an UP entry, that entry. Baseline and repair rows are left out.
     *
     * @param history the whole history, oldest first
     * @param pluginId the plugin
     * @return the applying entries by version, in version order
     */
    public static TreeMap<Version, HistoryEntry> applied(List<HistoryEntry> history, String pluginId) {
        TreeMap<Version, HistoryEntry> applied = new TreeMap<>();
        for (StepState state : replay(history).getOrDefault(pluginId, Recorded.NONE).inVersionOrder) {
            if (state.applied != null) {
                applied.put(state.version, state.applied);
            }
        }
        return applied;
    }

    /**
     * The baseline of each plugin that has one: the version of its latest {@code BASELINE} row.
     *
     * @param history the whole history, oldest first
     * @return the baseline versions by plugin id
     */
    public static Map<String, Version> baselines(List<HistoryEntry> history) {
        Map<String, Version> baselines = new HashMap<>();
        for (HistoryEntry entry : history) {
            if (entry.kind() == StepKind.BASELINE && entry.status() == Status.SUCCESS) {
                baselines.put(entry.pluginId(), entry.version());
            }
        }
        return baselines;
    }

    /** Replays the history into the current state of each step of each plugin. */
    private static Map<String, Recorded> replay(List<HistoryEntry> history) {
        Map<String, Recorded> states = new HashMap<>();
        for (HistoryEntry entry : history) {
            if (!entry.kind().isStep()) {
                continue; // baseline and repair rows are bookkeeping, not steps
            }
            if (entry.status() == Status.STARTED) {
                continue; // a marker, not an outcome; see InterruptedSteps
            }
            StepState state = states.computeIfAbsent(entry.pluginId(), p -> new Recorded()).state(entry.version());
            if (entry.status() == Status.SUCCESS) {
                state.applied = entry.direction() == Direction.UP ? entry : null;
                state.unresolvedFailure = null;
            } else {
                state.unresolvedFailure = entry;
            }
        }
        // Hashed while replaying, sorted once at the end: a history is mostly in version order
        // already, which the sort passes through in one comparison per step.
        states.values().forEach(recorded -> recorded.inVersionOrder.sort(BY_VERSION));
        return states;
    }

    private static final Comparator<StepState> BY_VERSION = Comparator.comparing(state -> state.version);

    /** One plugin's replayed steps; filled by {@link #replay}, then only read. */
    private static final class Recorded {
        static final Recorded NONE = new Recorded();

        final Map<Version, StepState> byVersion = new HashMap<>();
        /** In first-recorded order until {@link #replay} sorts it. */
        final List<StepState> inVersionOrder = new ArrayList<>();

        StepState state(Version version) {
            StepState state = byVersion.get(version);
            if (state == null) {
                state = new StepState(version);
                byVersion.put(version, state);
                inVersionOrder.add(state);
            }
            return state;
        }
    }

    private static final class StepState {
        final Version version;
        HistoryEntry applied;
        HistoryEntry unresolvedFailure;

        StepState(Version version) {
            this.version = version;
        }
    }
}
