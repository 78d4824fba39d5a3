package dev.tern.migration.core.internal;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.Direction;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.HistoryStatistics;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.MigrationFailedException;
import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.api.PluginReport;
import dev.tern.migration.api.PluginStatistics;
import dev.tern.migration.api.PluginStatus;
import dev.tern.migration.api.RepairResult;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.StatusReport;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.StepReport;
import dev.tern.migration.api.ValidationException;
import dev.tern.migration.api.ValidationResult;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.MigrationLock;
import dev.tern.migration.spi.MigrationService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations on the history besides a run: rollback, validate, repair, baseline, status,
 * history and statistics. Rollback, repair and baseline take the migration lock and read the
 * history again under it; the others only read the history once and never create anything.
 *
 * <p>Stateless apart from its collaborators; one instance per call is fine.
 */
public final class Maintenance {
    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

    private final Supplier<List<MigrationService>> services;
    private final Supplier<Target> target;
    private final Clock clock;
    private final String installedBy;
    private final Duration lockTimeout;

    /**
     * @param services the plugins in run order, discovered on first use
     * @param target the database, history store and lock, resolved on first use
     * @param clock the source of history timestamps
     * @param installedBy the user name recorded in the history
     * @param lockTimeout the longest wait for the migration lock
     */
    public Maintenance(Supplier<List<MigrationService>> services, Supplier<Target> target, Clock clock,
                       String installedBy, Duration lockTimeout) {
        this.services = Objects.requireNonNull(services, "services");
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.installedBy = Objects.requireNonNull(installedBy, "installedBy");
        this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout");
    }

    /**
     * Rolls one plugin back to a version; see {@code Orchestrator.rollback}.
     *
     * @param pluginId the plugin
     * @param version the version the plugin ends at
     * @param started when the call started, for the report's duration
     * @return the report of the plugin
     */
    public MigrationReport rollback(String pluginId, String version, Instant started) {
        List<MigrationService> plugins = services.get();
        Target on = target.get();
        StepPreparer.Preparation preparation = prepare(plugins, on);
        RollbackPlanner.RollbackPlan plan = RollbackPlanner.plan(plugins, preparation, on.store().read(), on.dialect(),
                pluginId, version);
        if (plan.steps().isEmpty()) {
            LOG.info("{}: already at {}, nothing to roll back", pluginId, plan.before() == null ? "nothing" : plan.before());
            return report(plan, List.of(), started);
        }
        MigrationLock.Held held = on.lock().acquire(lockTimeout);
        try {
            // Another node may have changed the history while this one waited for the lock.
            plan = RollbackPlanner.plan(plugins, preparation, on.store().read(), on.dialect(), pluginId, version);
            RollbackExecutor.Outcome outcome = new RollbackExecutor(on, clock, installedBy).execute(plan);
            MigrationReport report = new MigrationReport(List.of(outcome.report()), elapsed(started));
            if (outcome.failure() != null) {
                throw new MigrationFailedException("the rollback of plugin '" + pluginId + "' to " + version
                        + " stopped: " + outcome.failure().getMessage(), report, outcome.failure());
            }
            LOG.info("{}: rolled back from {} to {}", pluginId, plan.before(),
                    plan.after() == null ? "nothing installed" : plan.after());
            return report;
        } finally {
            release(held);
        }
    }

    private MigrationReport report(RollbackPlanner.RollbackPlan plan, List<StepReport> steps,
                                   Instant started) {
        return new MigrationReport(List.of(new PluginReport(plan.pluginId(), plan.before(),
                plan.before(), steps)), elapsed(started));
    }

    /**
     * Lists every problem of the steps and of the history, without throwing for any of them.
     *
     * @return the problems
     */
    public ValidationResult validate() {
        List<MigrationService> plugins;
        try {
            plugins = services.get();
        } catch (MigrationException e) {
            return new ValidationResult(List.of(ValidationResult.Problem.of(e)));
        }
        Target on = target.get();
        List<HistoryEntry> history = on.store().read();
        StepPreparer.Preparation preparation = StepPreparer.prepare(plugins, on.dialect());
        Planner.Planning planning = Planner.plan(preparation.plugins(), history, on.dialect());
        // As runAll(), only the pending steps' scripts are split: applied ones are checked by checksum.
        List<MigrationException> stepProblems = new ArrayList<>(preparation.problems());
        stepProblems.addAll(StepPreparer.splitProblems(planning.plan().plugins().stream()
                .flatMap(p -> p.pending().stream()).toList()));
        // Without the lock a STARTED marker may also be a step another node is running right now;
        // validate() is read-only, so it reports the marker and leaves the judgement to the operator.
        List<MigrationException> problems = new ArrayList<>(
                InterruptedSteps.withProblems(stepProblems, preparation.plugins(), history));
        problems.addAll(planning.problems());
        problems.addAll(unknownPlugins(plugins, history));
        return new ValidationResult(problems.stream().map(ValidationResult.Problem::of).toList());
    }

    private static List<MigrationException> unknownPlugins(List<MigrationService> plugins, List<HistoryEntry> history) {
        Set<String> known = plugins.stream().map(MigrationService::pluginId).collect(Collectors.toSet());
        Map<String, List<HistoryEntry>> unknown = new TreeMap<>();
        for (HistoryEntry e : history) {
            if (!known.contains(e.pluginId())) {
                unknown.computeIfAbsent(e.pluginId(), p -> new ArrayList<>()).add(e);
            }
        }
        List<MigrationException> problems = new ArrayList<>();
        unknown.forEach((pluginId, rows) -> problems.add(new ValidationException(ErrorCode.UNKNOWN_PLUGIN_IN_HISTORY,
                "the history holds " + rows.size() + " row(s) of plugin '" + pluginId + "' (versions "
                        + rows.stream().map(r -> r.version().toString()).collect(Collectors.toCollection(TreeSet::new))
                        + "), which the application no longer has. Put the plugin back on the class path, or leave"
                        + " the rows as a record of its past", pluginId, null, null, 0, null)));
        return problems;
    }

    /**
     * Realigns the checksums of edited applied steps and removes FAILED rows of steps that have not
     * succeeded since; records each change as a {@code REPAIR} row and logs it.
     *
     * @return the changes
     */
    public RepairResult repair() {
        List<MigrationService> plugins = services.get();
        Target on = target.get();
        StepPreparer.Preparation preparation = prepare(plugins, on);
        MigrationLock.Held held = on.lock().acquire(lockTimeout);
        try {
            List<HistoryEntry> history = on.store().read();
            List<RepairResult.Change> changes = new ArrayList<>();
            Map<String, Version> baselines = Planner.baselines(history);
            for (PreparedPlugin plugin : preparation.plugins()) {
                Version baseline = baselines.get(plugin.pluginId());
                TreeMap<Version, HistoryEntry> applied = Planner.applied(history, plugin.pluginId());
                for (PreparedStep step : plugin.steps()) {
                    HistoryEntry row = applied.get(step.version());
                    if (row == null || Objects.equals(row.checksum(), step.checksum())
                            || baseline != null && step.version().compareTo(baseline) <= 0) {
                        continue;
                    }
                    on.store().updateChecksum(row.id(), step.checksum());
                    changes.add(record(on, new RepairResult.Change(RepairResult.Action.CHECKSUM_REALIGNED,
                            plugin.pluginId(), step.version(), row.id(), "checksum of history row " + row.id()
                            + " realigned from " + row.checksum() + " to " + step.checksum()),
                            "row " + row.id() + " checksum was " + row.checksum(), step.checksum()));
                }
            }
            for (HistoryEntry failed : unresolvedFailures(history)) {
                on.store().delete(failed.id());
                changes.add(record(on, new RepairResult.Change(RepairResult.Action.FAILED_ROW_REMOVED,
                        failed.pluginId(), failed.version(), failed.id(), "removed FAILED " + failed.direction()
                        + " row " + failed.id() + " of " + failed.finishedAt() + " (error: " + failed.error() + ")"),
                        "row " + failed.id() + " " + failed.direction() + " FAILED at " + failed.finishedAt(),
                        failed.checksum()));
            }
            if (changes.isEmpty()) {
                LOG.info("Tern: repair found nothing to change");
            }
            return new RepairResult(changes);
        } finally {
            release(held);
        }
    }

    /** FAILED step rows after the last SUCCESS row of their step (all of them when it never succeeded). */
    private static List<HistoryEntry> unresolvedFailures(List<HistoryEntry> history) {
        Map<String, List<HistoryEntry>> pending = new HashMap<>();
        for (HistoryEntry e : history) {
            if (!e.kind().isStep()) {
                continue;
            }
            String key = e.pluginId() + " " + e.version();
            if (e.status() == Status.SUCCESS) {
                pending.remove(key);
            } else {
                pending.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
            }
        }
        return history.stream().filter(e -> pending.getOrDefault(e.pluginId() + " " + e.version(), List.of())
                .contains(e)).toList();
    }

    /**
     * Logs a change and appends its REPAIR row: one row per change, so the history keeps the trace
     * of every rewrite. The row's description is short ("CHECKSUM_REALIGNED: row 12 checksum was
     * ..."), to fit every store; the full message is in the log and the result.
     */
    private RepairResult.Change record(Target on, RepairResult.Change change, String trace, String checksum) {
        LOG.info("{} {}: repair: {}", change.pluginId(), change.version(), change.message());
        Instant now = clock.instant();
        on.store().append(new HistoryEntry(0, change.pluginId(), change.version(), change.action() + ": " + trace,
                StepKind.REPAIR, checksum, Direction.UP, Status.SUCCESS, 1, now, now, Duration.ZERO, installedBy,
                null), null);
        return change;
    }

    /**
     * Marks an existing schema as being at {@code version} for a plugin without history.
     *
     * @param pluginId the plugin
     * @param version the version the schema is at
     */
    public void baseline(String pluginId, String version) {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(version, "version");
        List<MigrationService> plugins = services.get();
        if (plugins.stream().noneMatch(s -> s.pluginId().equals(pluginId))) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, "cannot baseline plugin '" + pluginId
                    + "': no such plugin; the plugins are " + plugins.stream().map(MigrationService::pluginId).toList(),
                    pluginId, version, null, 0, null);
        }
        Version at;
        try {
            at = Version.parse(version);
        } catch (MigrationException e) {
            throw new ConfigurationException(e.code(), "cannot baseline plugin '" + pluginId + "': " + e.detail(),
                    pluginId, version, null, 0, e);
        }
        Target on = target.get();
        refuseIfHistory(on.store().read(), pluginId, at);
        MigrationLock.Held held = on.lock().acquire(lockTimeout);
        try {
            on.store().prepare();
            refuseIfHistory(on.store().read(), pluginId, at);
            Instant now = clock.instant();
            on.store().append(new HistoryEntry(0, pluginId, at, "baseline", StepKind.BASELINE, null, Direction.UP,
                    Status.SUCCESS, 1, now, now, Duration.ZERO, installedBy, null), null);
            LOG.info("{} {}: baseline recorded; steps at or below it count as applied", pluginId, at);
        } finally {
            release(held);
        }
    }

    private static void refuseIfHistory(List<HistoryEntry> history, String pluginId, Version at) {
        long rows = history.stream().filter(e -> e.pluginId().equals(pluginId)).count();
        if (rows > 0) {
            throw new ValidationException(ErrorCode.BASELINE_REFUSED, "cannot baseline at " + at + ": the plugin already"
                    + " has " + rows + " history row(s); a baseline only adopts a schema Tern has never migrated",
                    pluginId, at.toString(), null, 0, null);
        }
    }

    /**
     * Tells where every plugin stands.
     *
     * @return one status per plugin, in run order
     */
    public StatusReport status() {
        List<MigrationService> plugins = services.get();
        Target on = target.get();
        List<HistoryEntry> history = on.store().read();
        StepPreparer.Preparation preparation = StepPreparer.prepare(plugins, on.dialect());
        Plan plan = Planner.plan(preparation.plugins(), history, on.dialect()).plan();
        Map<String, PreparedPlugin> prepared = new HashMap<>();
        preparation.plugins().forEach(p -> prepared.put(p.pluginId(), p));
        List<PluginStatus> statuses = new ArrayList<>();
        for (Plan.PluginPlan p : plan.plugins()) {
            List<PreparedStep> steps = prepared.get(p.pluginId()).steps();
            Version targetVersion = steps.isEmpty() ? null : steps.get(steps.size() - 1).version();
            HistoryEntry last = null;
            if (p.installed() != null) {
                for (HistoryEntry e : history) {
                    if (e.pluginId().equals(p.pluginId()) && e.version().equals(p.installed())
                            && e.status() == Status.SUCCESS && e.direction() == Direction.UP
                            && e.kind() != StepKind.REPAIR) {
                        last = e;
                    }
                }
            }
            statuses.add(new PluginStatus(p.pluginId(), p.installed(), targetVersion, p.pending().size(),
                    last == null ? null : last.version(), last == null ? null : last.description(),
                    last == null ? null : last.finishedAt()));
        }
        return new StatusReport(statuses);
    }

    /**
     * Reads the history.
     *
     * @param pluginId a plugin id, or null for every plugin
     * @return the entries, oldest first
     */
    public List<HistoryEntry> history(String pluginId) {
        List<HistoryEntry> all = target.get().store().read();
        return pluginId == null ? all : all.stream().filter(e -> e.pluginId().equals(pluginId)).toList();
    }

    /**
     * Computes per-plugin figures over the history's step rows.
     *
     * @return the figures, by plugin id
     */
    public HistoryStatistics statistics() {
        Map<String, List<HistoryEntry>> byPlugin = new TreeMap<>();
        for (HistoryEntry e : target.get().store().read()) {
            if (e.kind().isStep() && e.status() != Status.STARTED) {
                byPlugin.computeIfAbsent(e.pluginId(), p -> new ArrayList<>()).add(e);
            }
        }
        List<PluginStatistics> stats = new ArrayList<>();
        byPlugin.forEach((pluginId, rows) -> {
            int successes = (int) rows.stream().filter(e -> e.status() == Status.SUCCESS).count();
            Duration total = rows.stream().map(HistoryEntry::executionTime).reduce(Duration.ZERO, Duration::plus);
            Duration max = rows.stream().map(HistoryEntry::executionTime).max(Duration::compareTo).orElse(Duration.ZERO);
            stats.add(new PluginStatistics(pluginId, rows.size(), successes, rows.size() - successes,
                    total.dividedBy(rows.size()), max));
        });
        return new HistoryStatistics(stats);
    }

    private static StepPreparer.Preparation prepare(List<MigrationService> plugins, Target on) {
        StepPreparer.Preparation preparation = StepPreparer.prepare(plugins, on.dialect());
        Problems.throwIfAny(preparation.problems(), "the plugins' steps");
        return preparation;
    }

    private Duration elapsed(Instant started) {
        Duration d = Duration.between(started, clock.instant());
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static void release(MigrationLock.Held held) {
        try {
            held.close();
        } catch (RuntimeException e) {
            // The outcome stands; a database lock is released anyway when its session ends.
            LOG.warn("Tern: could not release the migration lock: {}", e.getMessage());
        }
    }
}
