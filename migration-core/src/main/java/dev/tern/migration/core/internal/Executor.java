package dev.tern.migration.core.internal;

import dev.tern.migration.api.Direction;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.HistoryStoreException;
import dev.tern.migration.api.PluginReport;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.StepExecutionException;
import dev.tern.migration.api.StepOutcome;
import dev.tern.migration.api.StepReport;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.SqlStatement;
import dev.tern.migration.api.event.MigrationCompleted;
import dev.tern.migration.api.event.MigrationFailed;
import dev.tern.migration.api.event.MigrationStarted;
import dev.tern.migration.api.event.StepCompleted;
import dev.tern.migration.api.event.StepFailed;
import dev.tern.migration.api.event.StepStarted;
import dev.tern.migration.spi.JavaStep;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a validated {@link Plan}, plugin by plugin. The steps share one connection
 * ({@link StepConnection}), from step to step and plugin to plugin, closed at the end of
 * {@link #execute}; auto-commit is set per step. Where the step is transactional and the dialect
 * has transactional DDL, auto-commit is off and the step's SUCCESS history entry is written
 * through the same connection before the commit, so the step and its record commit or roll back
 * together. A failed step is rolled back (where it ran in a transaction), its connection is
 * discarded, and it is recorded as FAILED by the store on its own connection; its plugin stops,
 * the plugin's later steps are skipped, and the other plugins go on.
 *
 * <p>The shared connection is discarded, so that the next step opens a fresh one, after a failed
 * attempt, after a Java step, after a SQL step with a statement that changes the session
 * or controls transactions ({@link SessionStatements}: {@code SET}, {@code USE}, temporary tables,
 * {@code COMMIT}, ...). A step that ran without a transaction and may have changed
 * its session has its SUCCESS entry written through the fresh connection, so the history always
 * goes to the table it was read from. A step may therefore rely on getting a connection in the
 * auto-commit mode it needs, but not on a fresh session: it may inherit what an earlier SQL step
 * left that is not listed there.
 *
 * <p>A step failing with a transient error is attempted again as {@link RetryRules} decides, each
 * attempt on a new connection; a step that ran outside a transaction resumes at the statement that
 * failed. Only the final outcome is recorded, with the number of attempts. Events are sent to the
 * {@link EventDispatcher} on the calling thread.
 *
 * <p>Before a step that runs without a transaction on a database, a {@link Status#STARTED} marker
 * is appended through the step's connection in auto-commit mode, so it is committed before the
 * step runs; the step's SUCCESS or FAILED entry follows it. A marker with no outcome after it
 * tells a later run that this one died mid-step.
 *
 * <p>Must be called under the migration lock. Not thread-safe; one instance per run.
 */
public final class Executor {
    private static final Logger LOG = LoggerFactory.getLogger(Executor.class);

    /**
     * What the execution did.
     *
     * @param plugins one report per plugin of the plan, in plan order
     * @param failures the step failures, in the order they happened; empty if every step was applied
     */
    public record Execution(List<PluginReport> plugins, List<StepExecutionException> failures) {
        /** Copies the components. */
        public Execution {
            plugins = List.copyOf(plugins);
            failures = List.copyOf(failures);
        }
    }

    private enum Phase { CONNECTING, RUNNING, RECORDING }

    /** How far one step got, for the failure message. */
    private static final class Progress {
        Phase phase = Phase.CONNECTING;
        SqlStatement current;
        int statementsRun;
        Instant finishedAt;
        int attempt = 1;
        // A statement run so far may have changed the session: the connection is not shared on.
        boolean sessionChanged;
    }

    private record Result(StepReport report, StepExecutionException failure) {
    }

    private final Target target;
    private final Clock clock;
    private final String installedBy;
    private final RetryRules retry;
    private final EventDispatcher events;
    // Plugin id -> the plugins of the plan it needs directly; a failure stops the plugins that need it.
    private Map<String, List<String>> needs = Map.of();
    // The connection the steps of the current execute() share; null without a database.
    private StepConnection connections;

    /**
     * @param target the database (or none), history store and lock of the run
     * @param clock the source of the history timestamps and durations
     * @param installedBy the user name recorded in the history
     */
    public Executor(Target target, Clock clock, String installedBy) {
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.installedBy = Objects.requireNonNull(installedBy, "installedBy");
        this.retry = RetryRules.none(clock);
        this.events = EventDispatcher.NONE;
    }

    /**
     * @param target the database (or none), history store and lock of the run
     * @param clock the source of the history timestamps, durations and event timestamps
     * @param installedBy the user name recorded in the history
     * @param retry when and after which delay a failed step is attempted again
     * @param events where the run's events go
     */
    public Executor(Target target, Clock clock, String installedBy, RetryRules retry, EventDispatcher events) {
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.installedBy = Objects.requireNonNull(installedBy, "installedBy");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * Declares the dependencies between the plan's plugins, so that a failing plugin stops every
     * plugin that needs it, directly or transitively: their pending steps are reported SKIPPED, with
     * the reason. Without it, only the failing plugin stops.
     *
     * @param value for each plugin id, the ids of the plugins it needs directly
     * @return this executor
     */
    public Executor stopDependants(Map<String, List<String>> value) {
        this.needs = Map.copyOf(Objects.requireNonNull(value, "needs"));
        return this;
    }

    /**
     * Runs every pending step of the plan, opening the steps' shared connection when the first
     * step needs it.
     *
     * @param plan a validated plan
     * @return what was done; step failures are reported here, not thrown
     * @throws dev.tern.migration.api.HistoryStoreException as {@link #execute(Plan, Connection)}
     */
    public Execution execute(Plan plan) {
        return execute(plan, null);
    }

    /**
     * Runs every pending step of the plan, starting on a connection the caller already has open
     * (the one a start read the history through), which the steps then share.
     *
     * @param plan a validated plan
     * @param first an open connection of the target's data source, handed over: the executor uses it
     *     for the first step and closes it before returning or throwing; or null to open one when a
     *     step first needs it
     * @return what was done; step failures are reported here, not thrown
     * @throws dev.tern.migration.api.HistoryStoreException if a failed step cannot be recorded as
     *     FAILED: the run stops there, because the history can no longer be trusted (the step's own
     *     failure is attached as suppressed); also if the STARTED marker of a step cannot be written
     *     (or no connection can be opened to write it), in which case nothing of that step ran
     */
    public Execution execute(Plan plan, Connection first) {
        if (target.dataSource() == null) {
            return executePlugins(plan);
        }
        try (StepConnection shared = new StepConnection(target.dataSource(), target.store(), first)) {
            connections = shared;
            return executePlugins(plan);
        } finally {
            connections = null;
        }
    }

    private Execution executePlugins(Plan plan) {
        List<PluginReport> reports = new ArrayList<>();
        List<StepExecutionException> failures = new ArrayList<>();
        // Stopped plugin id -> the plugin whose failure stopped it (itself when it failed).
        Map<String, String> stopped = new HashMap<>();
        for (Plan.PluginPlan plugin : plan.plugins()) {
            Version current = plugin.installed();
            List<StepReport> steps = new ArrayList<>();
            StepExecutionException failure = null;
            String blocker = needs.getOrDefault(plugin.pluginId(), List.of()).stream()
                    .filter(stopped::containsKey).findFirst().orElse(null);
            if (blocker != null) {
                String root = stopped.get(blocker);
                stopped.put(plugin.pluginId(), root);
                String reason = "skipped: plugin '" + plugin.pluginId() + "' needs '" + blocker + "', which "
                        + (root.equals(blocker) ? "failed" : "was stopped because '" + root + "' failed");
                for (PreparedStep step : plugin.pending()) {
                    LOG.warn("{} {}: {}", plugin.pluginId(), step.version(), reason);
                    steps.add(new StepReport(step.version(), step.description(), step.kind(), StepOutcome.SKIPPED, 0,
                            Duration.ZERO, reason));
                }
                reports.add(new PluginReport(plugin.pluginId(), plugin.installed(), current, steps));
                continue;
            }
            Instant pluginStarted = clock.instant();
            if (!plugin.pending().isEmpty()) {
                LOG.info("{}: {} step(s) to apply, installed version {}", plugin.pluginId(), plugin.pending().size(),
                        current == null ? "none" : current);
                events.dispatch(new MigrationStarted(plugin.pluginId(), Optional.ofNullable(plugin.installed()),
                        plugin.pending().get(plugin.pending().size() - 1).version(), plugin.pending().size(),
                        pluginStarted));
            }
            for (PreparedStep step : plugin.pending()) {
                if (failure != null) {
                    LOG.warn("{} {}: skipped because step {} failed", plugin.pluginId(), step.version(),
                            failure.version().orElse("?"));
                    steps.add(new StepReport(step.version(), step.description(), step.kind(), StepOutcome.SKIPPED, 0,
                            Duration.ZERO, null));
                    continue;
                }
                Result result = run(step);
                steps.add(result.report());
                if (result.failure() == null) {
                    current = step.version();
                } else {
                    failure = result.failure();
                    failures.add(failure);
                    stopped.put(plugin.pluginId(), plugin.pluginId());
                }
            }
            pluginFinished(plugin, current, failure, steps, pluginStarted);
            reports.add(new PluginReport(plugin.pluginId(), plugin.installed(), current, steps));
        }
        return new Execution(reports, failures);
    }

    private void pluginFinished(Plan.PluginPlan plugin, Version current, StepExecutionException failure,
                                List<StepReport> steps, Instant pluginStarted) {
        if (plugin.pending().isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Duration took = between(pluginStarted, now);
        if (failure == null) {
            events.dispatch(new MigrationCompleted(plugin.pluginId(), Optional.ofNullable(plugin.installed()), current,
                    steps.size(), took, now));
        } else {
            Version failed = steps.stream().filter(r -> r.outcome() == StepOutcome.FAILED).findFirst()
                    .map(StepReport::version).orElseThrow();
            events.dispatch(new MigrationFailed(plugin.pluginId(), Optional.ofNullable(plugin.installed()),
                    Optional.ofNullable(current), failed, failure, took, now));
        }
    }

    private Result run(PreparedStep step) {
        boolean inTransaction = step.runsInTransaction(target.dialect());
        LOG.info("{} {}: applying {} step '{}'{}", step.pluginId(), step.version(), step.kind(), step.description(),
                inTransaction ? "" : " without a transaction");
        if (step.controlsTransactions() && target.dialect() != null && target.dialect().supportsTransactionalDdl()) {
            LOG.warn("{} {}: {} commits or starts transactions itself, so it runs with auto-commit and a failure"
                    + " may leave part of it applied", step.pluginId(), step.version(), step.source());
        }
        RetryRules.Resolved policy = retry.resolve(step);
        Instant started = clock.instant();
        if (!inTransaction && target.dataSource() != null) {
            // Committed before the step runs, so a run that dies mid-step leaves a trace (InterruptedSteps).
            // One marker per step, whatever the number of attempts; the final outcome follows it.
            appendMarker(entry(step, Status.STARTED, started, started, null, 1));
        }
        // Statements of a non-transactional step committed by earlier attempts are not run again.
        int resumeAt = 0;
        for (int attempt = 1; ; attempt++) {
            Progress progress = new Progress();
            progress.attempt = attempt;
            progress.statementsRun = resumeAt;
            Instant attemptStarted = attempt == 1 ? started : clock.instant();
            events.dispatch(new StepStarted(step.pluginId(), step.version(), step.description(), step.kind(), attempt,
                    attemptStarted));
            Exception error = target.dataSource() == null
                    ? runWithoutDatabase(step, started, progress)
                    : runOnConnection(step, started, inTransaction, progress);
            Instant finished = progress.finishedAt != null && error == null ? progress.finishedAt : clock.instant();
            Duration took = between(started, finished);
            if (error == null) {
                LOG.info("{} {}: applied in {} ms{}", step.pluginId(), step.version(), took.toMillis(),
                        attempt == 1 ? "" : " at attempt " + attempt);
                events.dispatch(new StepCompleted(step.pluginId(), step.version(), step.description(), step.kind(), took,
                        attempt, finished));
                return new Result(new StepReport(step.version(), step.description(), step.kind(), StepOutcome.APPLIED,
                        attempt, took, null), null);
            }
            StepExecutionException failure = failure(step, inTransaction, progress, error);
            Optional<Duration> delay = retry.nextDelay(step, policy, attempt, error, target.dialect(), inTransaction,
                    started);
            if (delay.isPresent()) {
                LOG.warn("{} {}: attempt {} of {} failed with a transient error, trying again in {} ms: {}",
                        step.pluginId(), step.version(), attempt, policy.policy().maxAttempts(),
                        delay.get().toMillis(), describe(error));
                events.dispatch(new StepFailed(step.pluginId(), step.version(), step.description(), step.kind(),
                        attempt, failure, delay, clock.instant()));
                if (retry.sleep(delay.get())) {
                    resumeAt = inTransaction ? 0 : progress.statementsRun;
                    continue;
                }
                LOG.warn("{} {}: interrupted while waiting to try again; the step is recorded as failed",
                        step.pluginId(), step.version());
                finished = clock.instant();
                took = between(started, finished);
            }
            return failed(step, failure, attempt, started, finished, took);
        }
    }

    private Result failed(PreparedStep step, StepExecutionException failure, int attempts, Instant started,
                          Instant finished, Duration took) {
        LOG.error("{} {}: {}{}", step.pluginId(), step.version(), failure.getMessage(),
                attempts == 1 ? "" : " (after " + attempts + " attempts)");
        try {
            target.store().append(entry(step, Status.FAILED, started, finished, failure.getMessage(), attempts), null);
        } catch (RuntimeException e) {
            e.addSuppressed(failure);
            throw e;
        }
        events.dispatch(new StepFailed(step.pluginId(), step.version(), step.description(), step.kind(), attempts,
                failure, Optional.empty(), clock.instant()));
        return new Result(new StepReport(step.version(), step.description(), step.kind(), StepOutcome.FAILED, attempts,
                took, failure.getMessage()), failure);
    }

    private Exception runWithoutDatabase(PreparedStep step, Instant started, Progress progress) {
        try {
            progress.phase = Phase.RUNNING;
            runAction(step, null, progress);
            progress.finishedAt = clock.instant();
            progress.phase = Phase.RECORDING;
            target.store().append(entry(step, Status.SUCCESS, started, progress.finishedAt, null, progress.attempt),
                    null);
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    /** Writes a STARTED marker through the shared connection in auto-commit mode, so it is committed at once. */
    private void appendMarker(HistoryEntry marker) {
        try {
            connections.get(true);
            connections.append(marker);
        } catch (SQLException e) {
            throw new HistoryStoreException(ErrorCode.HISTORY_STORE_FAILED, "cannot write the STARTED marker: no"
                    + " connection for the step: " + describe(e), marker.pluginId(), marker.version().toString(),
                    null, 0, e);
        } catch (RuntimeException e) {
            connections.discard();
            throw e;
        }
    }

    private Exception runOnConnection(PreparedStep step, Instant started, boolean inTransaction, Progress progress) {
        Connection connection;
        try {
            connection = connections.get(!inTransaction);
        } catch (SQLException | RuntimeException e) {
            return e;
        }
        try {
            progress.phase = Phase.RUNNING;
            runAction(step, connection, progress);
            progress.finishedAt = clock.instant();
            boolean java = step.step() instanceof JavaStep;
            boolean share = !java && !progress.sessionChanged;
            progress.phase = Phase.RECORDING;
            HistoryEntry success = entry(step, Status.SUCCESS, started, progress.finishedAt, null, progress.attempt);
            if (inTransaction) {
                connections.append(success);
                // A Java step may have switched auto-commit on and so committed its work itself.
                if (!java || !connection.getAutoCommit()) {
                    connection.commit();
                }
            } else {
                if (java && !connection.isClosed() && !connection.getAutoCommit()) {
                    // The Java step switched auto-commit off: commit what it did, as auto-commit would have.
                    connection.commit();
                }
                if (!share) {
                    // The record goes through a fresh session, which reaches the history table as the run found it.
                    connections.discard();
                    connections.get(true);
                }
                connections.append(success);
            }
            if (!share) {
                connections.discard();
            }
            return null;
        } catch (Exception e) {
            if (inTransaction) {
                rollback(connection, e);
            }
            connections.discard();
            return e;
        }
    }

    private void runAction(PreparedStep step, Connection connection, Progress progress) throws Exception {
        if (step.step() instanceof JavaStep java) {
            java.up().run(new DefaultStepContext(step.pluginId(), step.version(), connection, target.dialect()));
            return;
        }
        if (connection == null) {
            // StepPreparer refuses SQL steps without a database; reaching this is a bug.
            throw new IllegalStateException("SQL step without a connection");
        }
        List<SqlStatement> statements = step.statements();
        for (int i = progress.statementsRun; i < statements.size(); i++) {
            SqlStatement statement = statements.get(i);
            progress.current = statement;
            progress.sessionChanged |= SessionStatements.changesSession(statement.sql());
            try (Statement jdbc = connection.createStatement()) {
                jdbc.execute(statement.sql());
            }
            progress.statementsRun++;
        }
        progress.current = null;
    }

    private StepExecutionException failure(PreparedStep step, boolean inTransaction, Progress progress, Exception error) {
        StringBuilder message = new StringBuilder();
        int line = 0;
        switch (progress.phase) {
            case CONNECTING -> message.append("cannot open a connection for the step: ").append(describe(error));
            case RUNNING -> {
                if (progress.current != null) {
                    line = progress.current.line();
                    message.append("statement ").append(progress.statementsRun + 1).append(" of ")
                            .append(step.statements().size()).append(" failed: ").append(describe(error));
                    if (inTransaction) {
                        message.append("; the step's transaction was rolled back, nothing of it was kept");
                    } else if (progress.statementsRun == 0) {
                        message.append("; the step did not run in a transaction, and no earlier statement of the"
                                + " script had run");
                    } else {
                        message.append("; the step did not run in a transaction: ").append(progress.statementsRun)
                                .append(" earlier statement(s) of the script had already run and were committed."
                                        + " Undo them by hand before running the step again");
                    }
                } else {
                    message.append(step.source() == null ? "the Java step failed: " : "the step failed: ")
                            .append(describe(error));
                    message.append(inTransaction ? "; the step's transaction was rolled back, nothing of it was kept"
                            : "; the step did not run in a transaction, so changes it made before failing were kept."
                                    + " Undo them by hand before running the step again");
                }
            }
            case RECORDING -> message.append("the step ran, but recording it in the history failed: ")
                    .append(describe(error))
                    .append(inTransaction ? "; the step's transaction was rolled back, nothing of it was kept"
                            : "; the step did not run in a transaction, so its changes were kept");
        }
        return new StepExecutionException(ErrorCode.STEP_FAILED, message.toString(), step.pluginId(),
                step.version().toString(), step.source(), line, error);
    }

    private static String describe(Exception error) {
        if (error instanceof SQLException sql) {
            return sql.getMessage() + " (SQLState " + sql.getSQLState() + ", error code " + sql.getErrorCode() + ")";
        }
        return String.valueOf(error);
    }

    private HistoryEntry entry(PreparedStep step, Status status, Instant started, Instant finished, String error,
                               int attempts) {
        return new HistoryEntry(0, step.pluginId(), step.version(), step.description(), step.kind(), step.checksum(),
                Direction.UP, status, attempts, started, finished, between(started, finished), installedBy, error);
    }

    private static Duration between(Instant started, Instant finished) {
        Duration d = Duration.between(started, finished);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
