package dev.tern.migration.core.internal;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.StepDefinitionException;
import dev.tern.migration.api.ValidationException;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.Dialect;
import dev.tern.migration.api.database.SqlStatement;
import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.PluginDependency;
import dev.tern.migration.spi.SqlScript;
import dev.tern.migration.spi.SqlStep;
import dev.tern.migration.spi.StepAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Plans a rollback of one plugin to a version and refuses it, before anything runs, when it cannot
 * be done safely: the plugin or version is unknown, the version is above the installed one or below
 * the plugin's baseline, a step to undo has no down action for this database (one
 * {@code MISSING_DOWN_STEP} naming every such step), another installed plugin depends on a version
 * being removed ({@code ROLLBACK_BLOCKED_BY_DEPENDANT}), or the history of the plugin disagrees
 * with its code (the planner's problems). Down scripts are split here, so a bad down script fails
 * before the first down action runs. A pure function; stateless.
 */
public final class RollbackPlanner {

    /**
     * One step to undo.
     *
     * @param step the prepared step (its up side), not null
     * @param checksum the checksum recorded with the DOWN row: the down script's, or the Java step's; may be null
     * @param source the down script's source, or null for a Java step
     * @param statements the down script's statements; empty for a Java step
     * @param javaDown the Java step's down action, or null for a SQL step
     */
    public record DownStep(PreparedStep step, String checksum, String source, List<SqlStatement> statements,
                           StepAction javaDown) {
        /** Checks and copies the components. */
        public DownStep {
            Objects.requireNonNull(step, "step");
            statements = List.copyOf(statements);
        }

        /**
         * Tells whether the down action runs in one transaction with its history row: the step is
         * transactional, the database has transactional DDL, and the down script does not control
         * transactions itself.
         *
         * @param dialect the database's dialect, or null when there is no database
         * @return true if a failure leaves nothing of the down action behind
         */
        public boolean runsInTransaction(Dialect dialect) {
            return new PreparedStep(step.pluginId(), step.step(), checksum, source, statements).runsInTransaction(dialect);
        }
    }

    /**
     * A validated rollback.
     *
     * @param pluginId the plugin, not null
     * @param before the installed version now, or null if nothing is installed
     * @param after the installed version once every down step ran, or null if nothing will be
     * @param steps the steps to undo, newest first; empty if the plugin is already at the version
     */
    public record RollbackPlan(String pluginId, Version before, Version after, List<DownStep> steps) {
        /** Checks and copies the components. */
        public RollbackPlan {
            Objects.requireNonNull(pluginId, "pluginId");
            steps = List.copyOf(steps);
        }
    }

    private RollbackPlanner() {
    }

    /**
     * Plans the rollback of {@code pluginId} to {@code version}.
     *
     * @param services every plugin, in run order
     * @param preparation the prepared steps of those plugins (without problems)
     * @param history the whole history, oldest first
     * @param dialect the database's dialect, or null when there is no database
     * @param pluginId the plugin to roll back
     * @param version the version the plugin ends at; {@code 0} or a version below the plugin's first
     *     step undoes every step
     * @return the plan, whose steps may be empty (nothing to undo)
     * @throws ConfigurationException ({@code INVALID_CONFIGURATION}) for an unknown plugin, a version
     *     that is not one of the plugin's, above its installed version or below its baseline;
     *     ({@code INVALID_VERSION}) for a malformed version
     * @throws ValidationException ({@code MISSING_DOWN_STEP}, {@code ROLLBACK_BLOCKED_BY_DEPENDANT},
     *     or the planner's codes for the plugin) when the rollback is refused
     * @throws StepDefinitionException when a down script cannot be split or is empty
     */
    public static RollbackPlan plan(List<MigrationService> services, StepPreparer.Preparation preparation,
                                    List<HistoryEntry> history, Dialect dialect, String pluginId, String version) {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(version, "version");
        MigrationService service = services.stream().filter(s -> s.pluginId().equals(pluginId)).findFirst()
                .orElseThrow(() -> new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, "cannot roll back plugin '"
                        + pluginId + "': no such plugin; the plugins are "
                        + services.stream().map(MigrationService::pluginId).toList(), pluginId, version, null, 0, null));
        Version target = parse(pluginId, version);
        PreparedPlugin plugin = preparation.plugins().stream().filter(p -> p.pluginId().equals(pluginId)).findFirst()
                .orElseThrow();
        Planner.Planning planning = Planner.plan(preparation.plugins(), history, dialect);
        // Pending steps out of order do not matter to a rollback; every other problem of the plugin does.
        Problems.throwIfAny(planning.problems().stream()
                .filter(p -> pluginId.equals(p.pluginId().orElse(null)) && p.code() != ErrorCode.OUT_OF_ORDER_STEP)
                .toList(), "plugin '" + pluginId + "' and its history");
        Map<String, Version> installed = new TreeMap<>();
        planning.plan().plugins().forEach(p -> {
            if (p.installed() != null) {
                installed.put(p.pluginId(), p.installed());
            }
        });
        Version before = installed.get(pluginId);
        checkTarget(plugin, before, Planner.baselines(history).get(pluginId), target, version);

        TreeMap<Version, HistoryEntry> applied = Planner.applied(history, pluginId);
        List<PreparedStep> toUndo = new ArrayList<>();
        Map<Version, PreparedStep> code = new TreeMap<>();
        plugin.steps().forEach(s -> code.put(s.version(), s));
        for (Version v : applied.descendingKeySet()) {
            if (v.compareTo(target) > 0) {
                toUndo.add(code.get(v)); // present: a missing one is APPLIED_STEP_MISSING, thrown above
            }
        }
        Version after = applied.headMap(target, true).isEmpty() ? null : applied.headMap(target, true).lastKey();
        Version baseline = Planner.baselines(history).get(pluginId);
        if (baseline != null && (after == null || baseline.compareTo(after) > 0)) {
            after = baseline;
        }

        List<MigrationException> problems = new ArrayList<>();
        List<DownStep> downSteps = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (PreparedStep step : toUndo) {
            try {
                Optional<DownStep> down = down(step, dialect);
                if (down.isEmpty()) {
                    missing.add(step.version() + " '" + step.description() + "'"
                            + (step.source() == null ? " (Java)" : " (" + step.source() + ")"));
                } else {
                    downSteps.add(down.get());
                }
            } catch (MigrationException e) {
                problems.add(e);
            }
        }
        if (!missing.isEmpty()) {
            problems.add(0, new ValidationException(ErrorCode.MISSING_DOWN_STEP, "cannot roll back to " + target + ": "
                    + missing.size() + " step(s) to undo have no down action" + (dialect == null ? "" : " for database '"
                    + dialect.id() + "'") + ": " + String.join(", ", missing) + ". Add a down script (U<version>__"
                    + "<description>.sql) or a Java down action to each", pluginId, null, null, 0, null));
        }
        if (!toUndo.isEmpty()) {
            problems.addAll(blockedByDependants(services, installed, pluginId, before, after));
        }
        Problems.throwIfAny(problems, "the rollback of plugin '" + pluginId + "' to " + target);
        return new RollbackPlan(pluginId, before, after, downSteps);
    }

    private static Version parse(String pluginId, String version) {
        try {
            return Version.parse(version);
        } catch (MigrationException e) {
            throw new ConfigurationException(e.code(), "cannot roll back plugin '" + pluginId + "': " + e.detail(),
                    pluginId, version, null, 0, e);
        }
    }

    private static void checkTarget(PreparedPlugin plugin, Version installed, Version baseline, Version target,
                                    String text) {
        String pluginId = plugin.pluginId();
        Version first = plugin.steps().isEmpty() ? null : plugin.steps().get(0).version();
        boolean belowFirst = first == null || target.compareTo(first) < 0;
        boolean known = belowFirst || target.equals(baseline)
                || plugin.steps().stream().anyMatch(s -> s.version().equals(target));
        boolean above = installed == null ? !belowFirst : target.compareTo(installed) > 0;
        String refusal = null;
        if (!known) {
            refusal = target + " is not a version of the plugin; its versions are "
                    + plugin.steps().stream().map(s -> s.version().toString()).toList()
                    + " (give 0 to undo every step)";
        } else if (above) {
            refusal = target + " is above the installed version " + (installed == null ? "(none)" : installed)
                    + "; a rollback only goes down";
        } else if (baseline != null && target.compareTo(baseline) < 0) {
            refusal = target + " is below the plugin's baseline " + baseline + ": the steps at or below the baseline"
                    + " were never run by Tern, so they are not rolled back";
        }
        if (refusal != null) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, "cannot roll back to " + text + ": "
                    + refusal, pluginId, text, null, 0, null);
        }
    }

    private static Optional<DownStep> down(PreparedStep step, Dialect dialect) {
        if (step.step() instanceof JavaStep java) {
            return java.down().map(action -> new DownStep(step, step.checksum(), null, List.of(), action));
        }
        SqlStep sql = (SqlStep) step.step();
        Optional<SqlScript> chosen = dialect == null ? Optional.empty() : sql.downFor(dialect);
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        SqlScript script = chosen.get();
        String version = step.version().toString();
        List<SqlStatement> statements;
        try {
            statements = dialect.split(script.source(), script.content());
        } catch (MigrationException e) {
            throw StepPreparer.locate(e, step.pluginId(), version, script.source());
        } catch (RuntimeException e) {
            throw new StepDefinitionException(ErrorCode.SQL_PARSE_ERROR, "the down script could not be split: " + e,
                    step.pluginId(), version, script.source(), 0, e);
        }
        if (statements == null || statements.isEmpty()) {
            throw new StepDefinitionException(ErrorCode.EMPTY_SCRIPT, "the down script holds no SQL statement (only"
                    + " comments or whitespace)", step.pluginId(), version, script.source(), 0, null);
        }
        return Optional.of(new DownStep(step, script.checksum(), script.source(), statements, null));
    }

    /** One problem per installed plugin whose range on {@code pluginId} holds now and would not after. */
    private static List<MigrationException> blockedByDependants(List<MigrationService> services,
                                                               Map<String, Version> installed, String pluginId,
                                                               Version before, Version after) {
        List<MigrationException> problems = new ArrayList<>();
        for (MigrationService other : services) {
            if (other.pluginId().equals(pluginId) || !installed.containsKey(other.pluginId())) {
                continue;
            }
            for (PluginDependency dependency : other.dependencies()) {
                if (!dependency.pluginId().equals(pluginId)) {
                    continue;
                }
                boolean holdsNow = before != null && dependency.range().isSatisfiedBy(before);
                boolean holdsAfter = after != null && dependency.range().isSatisfiedBy(after);
                if (holdsNow && !holdsAfter) {
                    problems.add(new ValidationException(ErrorCode.ROLLBACK_BLOCKED_BY_DEPENDANT, "cannot roll back to "
                            + (after == null ? "nothing installed" : after) + ": plugin '" + other.pluginId()
                            + "' (installed at " + installed.get(other.pluginId()) + ") depends on '" + pluginId + "' "
                            + dependency.range() + ", which " + (after == null ? "nothing installed" : after.toString())
                            + " does not satisfy. Roll back '" + other.pluginId() + "' first", pluginId,
                            after == null ? null : after.toString(), null, 0, null));
                }
            }
        }
        return problems;
    }
}
