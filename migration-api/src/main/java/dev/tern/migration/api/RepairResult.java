package dev.tern.migration.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code Orchestrator.repair()} changed in the history, one {@link Change} per row realigned
 * or removed. Each change was also logged and recorded as a history row of kind
 * {@link StepKind#REPAIR}. Immutable and thread-safe.
 *
 * @param changes the changes, in plugin and version order; empty if there was nothing to repair
 */
public record RepairResult(List<Change> changes) {
    /** Copies the components. */
    public RepairResult {
        changes = List.copyOf(changes);
    }

    /** @return true if the history needed no repair */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /**
     * Renders the changes as a plain-text table.
     *
     * @return the table and a summary line, lines separated by {@code \n}
     */
    public String toTable() {
        List<List<String>> rows = new ArrayList<>();
        for (Change c : changes) {
            rows.add(List.of(c.action().name(), c.pluginId(), c.version().toString(), Long.toString(c.historyId()),
                    c.message()));
        }
        return TextTable.render(List.of("action", "plugin", "version", "history id", "change"), rows)
                + changes.size() + " change(s)";
    }

    /** What a repair did to one history row. */
    public enum Action {
        /** The checksum of an applied step was set to the checksum of the step in the code. */
        CHECKSUM_REALIGNED,
        /** A FAILED row of a step that has not succeeded since was deleted. */
        FAILED_ROW_REMOVED
    }

    /**
     * One change.
     *
     * @param action what was done, not null
     * @param pluginId the plugin, not null
     * @param version the step version, not null
     * @param historyId the id of the row updated or deleted
     * @param message a sentence saying what changed (old and new checksum, or the removed failure), not null
     */
    public record Change(Action action, String pluginId, Version version, long historyId, String message) {
        /** Checks the non-null components. */
        public Change {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(pluginId, "pluginId");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(message, "message");
        }
    }
}
