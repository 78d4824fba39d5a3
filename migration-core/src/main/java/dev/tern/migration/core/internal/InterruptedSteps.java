package dev.tern.migration.core.internal;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds steps a dead run left half-done: a {@link Status#STARTED} marker (written before a step
 * that does not run in a transaction) with no SUCCESS or FAILED entry of that step after it.
 *
 * <p>Only meaningful under the migration lock: without it, a marker may belong to a step another
 * node is running right now. Holding the lock proves the marker's run is gone, because the lock is
 * released only when its holder finishes or dies. Stateless.
 */
public final class InterruptedSteps {
    private InterruptedSteps() {
    }

    /**
     * The interrupted steps of the given plugins, as problems that block the run before anything
     * is applied, listed before {@code problems} (so a combined exception carries
     * {@code INTERRUPTED_STEP_IN_HISTORY}).
     *
     * @param problems the planner's problems for the same history
     * @param plugins the plugins of the run; markers of other plugins are not looked at
     * @param history the whole history, oldest first, read under the migration lock
     * @return the interrupted-step problems followed by {@code problems}
     */
    public static List<MigrationException> withProblems(List<MigrationException> problems, List<PreparedPlugin> plugins,
                                                        List<HistoryEntry> history) {
        Set<String> ids = plugins.stream().map(PreparedPlugin::pluginId).collect(Collectors.toSet());
        List<MigrationException> all = new ArrayList<>();
        for (HistoryEntry marker : find(history)) {
            if (ids.contains(marker.pluginId())) {
                all.add(problem(marker));
            }
        }
        all.addAll(problems);
        return all;
    }

    /**
     * @param history the whole history, oldest first
     * @return the STARTED markers not followed by an outcome of their step, oldest first
     */
    public static List<HistoryEntry> find(List<HistoryEntry> history) {
        Map<String, HistoryEntry> open = new LinkedHashMap<>();
        for (HistoryEntry entry : history) {
            String key = entry.pluginId() + "\u0000" + entry.version();
            if (entry.status() == Status.STARTED) {
                open.put(key, entry);
            } else {
                open.remove(key);
            }
        }
        return List.copyOf(open.values());
    }

    private static ValidationException problem(HistoryEntry marker) {
        return new ValidationException(ErrorCode.INTERRUPTED_STEP_IN_HISTORY, "step '" + marker.description()
                + "' was interrupted: a run by " + marker.installedBy() + " started it at " + marker.startedAt()
                + " without a transaction (history id " + marker.id() + ", " + marker.direction() + ", status STARTED)"
                + " and recorded no outcome, so that run died or lost its connection while the step ran, and some of"
                + " the step's changes may have been applied and committed. The plugin is blocked: remove the step's"
                + " half-applied changes by hand, then call repair() or delete the STARTED history row (id "
                + marker.id() + "), and run again", marker.pluginId(), marker.version().toString(), null, 0, null);
    }
}
