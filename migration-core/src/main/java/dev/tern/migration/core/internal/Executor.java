package dev.tern.migration.core.internal;

import dev.tern.migration.api.Direction;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.PluginReport;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.StepExecutionException;
import dev.tern.migration.api.StepOutcome;
import dev.tern.migration.api.StepReport;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.SqlStatement;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a validated {@link Plan}, plugin by plugin. Each step runs on its own connection; where
 * the step is transactional and the dialect has transactional DDL, auto-commit is off and the
 * step's SUCCESS history entry is written through the same connection before the commit, so the
 * step and its record commit or roll back together. A failed step is rolled back (where it ran in
 * a transaction) and then recorded as FAILED by the store on its own; its plugin stops, the
 * plugin's later steps are skipped, and the other plugins go on.
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
    }

    private record Result(StepReport report, StepExecutionException failure) {
    }

    private final Target target;
    private final Clock clock;
    private final String installedBy;
    // Plugin id -> the plugins of the plan it needs directly; a failure stops the plugins that need it.
    private Map<String, List<String>> needs = Map.of();

    /**
     * @param target the database (or none), history store and lock of the run
     * @param clock the source of the history timestamps and durations
     * @param installedBy the user name recorded in the history
     */
    public Executor(Target target, Clock clock, String installedBy) {
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.installedBy = Objects.requireNonNull(installedBy, "installedBy");
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
     * Runs every pending step of the plan.
     *
     * @param plan a validated plan
     * @return what was done; step failures are reported here, not thrown
     * @throws dev.tern.migration.api.HistoryStoreException if a failed step cannot be recorded as
     *     FAILED: the run stops there, because the history can no longer be trusted (the step's own
     *     failure is attached as suppressed)
     */
    public Execution execute(Plan plan) {
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
            if (!plugin.pending().isEmpty()) {
                LOG.info("{}: {} step(s) to apply, installed version {}", plugin.pluginId(), plugin.pending().size(),
                        current == null ? "none" : current);
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
            reports.add(new PluginReport(plugin.pluginId(), plugin.installed(), current, steps));
        }
        return new Execution(reports, failures);
    }

    private Result run(PreparedStep step) {
        boolean inTransaction = step.runsInTransaction(target.dialect());
        LOG.info("{} {}: applying {} step '{}'{}", step.pluginId(), step.version(), step.kind(), step.description(),
                inTransaction ? "" : " without a transaction");
        if (step.controlsTransactions() && target.dialect() != null && target.dialect().supportsTransactionalDdl()) {
            LOG.warn("{} {}: {} commits or starts transactions itself, so it runs with auto-commit and a failure"
                    + " may leave part of it applied", step.pluginId(), step.version(), step.source());
        }
        Progress progress = new Progress();
        Instant started = clock.instant();
        Exception error = target.dataSource() == null
                ? runWithoutDatabase(step, started, progress)
                : runOnConnection(step, started, inTransaction, progress);
        Instant finished = progress.finishedAt != null && error == null ? progress.finishedAt : clock.instant();
        Duration took = between(started, finished);
        if (error == null) {
            LOG.info("{} {}: applied in {} ms", step.pluginId(), step.version(), took.toMillis());
            return new Result(new StepReport(step.version(), step.description(), step.kind(), StepOutcome.APPLIED, 1,
                    took, null), null);
        }
        StepExecutionException failure = failure(step, inTransaction, progress, error);
        LOG.error("{} {}: {}", step.pluginId(), step.version(), failure.getMessage());
        try {
            target.store().append(entry(step, Status.FAILED, started, finished, failure.getMessage()), null);
        } catch (RuntimeException e) {
            e.addSuppressed(failure);
            throw e;
        }
        return new Result(new StepReport(step.version(), step.description(), step.kind(), StepOutcome.FAILED, 1, took,
                failure.getMessage()), failure);
    }

    private Exception runWithoutDatabase(PreparedStep step, Instant started, Progress progress) {
        try {
            progress.phase = Phase.RUNNING;
            runAction(step, null, progress);
            progress.finishedAt = clock.instant();
            progress.phase = Phase.RECORDING;
            target.store().append(entry(step, Status.SUCCESS, started, progress.finishedAt, null), null);
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    private Exception runOnConnection(PreparedStep step, Instant started, boolean inTransaction, Progress progress) {
        Connection connection;
        try {
            connection = target.dataSource().getConnection();
        } catch (SQLException | RuntimeException e) {
            return e;
        }
        try {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(!inTransaction);
            try {
                progress.phase = Phase.RUNNING;
                runAction(step, connection, progress);
                progress.finishedAt = clock.instant();
                progress.phase = Phase.RECORDING;
                target.store().append(entry(step, Status.SUCCESS, started, progress.finishedAt, null), connection);
                if (inTransaction) {
                    connection.commit();
                }
                return null;
            } catch (Exception e) {
                if (inTransaction) {
                    rollback(connection, e);
                }
                return e;
            } finally {
                restoreAutoCommit(connection, autoCommit);
            }
        } catch (SQLException e) {
            return e;
        } finally {
            close(connection);
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
        for (SqlStatement statement : step.statements()) {
            progress.current = statement;
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

    private HistoryEntry entry(PreparedStep step, Status status, Instant started, Instant finished, String error) {
        return new HistoryEntry(0, step.pluginId(), step.version(), step.description(), step.kind(), step.checksum(),
                Direction.UP, status, 1, started, finished, between(started, finished), installedBy, error);
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

    private static void restoreAutoCommit(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            // The connection goes back to its pool; a pool resets auto-commit itself.
            LOG.debug("could not restore auto-commit on a step connection", e);
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // The step's outcome is already decided (committed or rolled back); a close error changes nothing.
            LOG.warn("could not close a step connection: {}", e.getMessage());
        }
    }
}
