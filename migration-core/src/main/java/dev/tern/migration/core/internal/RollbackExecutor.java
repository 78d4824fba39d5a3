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
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the down actions of a validated {@link RollbackPlanner.RollbackPlan}, newest step first.
 * The down actions share one connection ({@link StepConnection}), under the same rule as the
 * {@link Executor}'s steps: it is discarded after a failure, a Java down action, or a SQL one with
 * a statement that changes the session, and closed at the end. Where the step is transactional and
 * the dialect has transactional DDL (PostgreSQL) its {@code DOWN}/{@code SUCCESS} history row is
 * written through the same connection before the commit, so the undo and its record commit or
 * roll back together. Elsewhere (H2, MariaDB/MySQL commit DDL implicitly) the row is written right
 * after the action, through a fresh connection if the action may have changed its session. A
 * failed down action is rolled back where it ran in a transaction, recorded as {@code DOWN}/
 * {@code FAILED} by the store on its own connection, and stops the rollback: the older steps are
 * skipped.
 *
 * <p>Must be called under the migration lock. Not thread-safe; one instance per rollback.
 */
public final class RollbackExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(RollbackExecutor.class);

    /**
     * What the rollback did.
     *
     * @param report the plugin's report: versions before and after, one step report per down step
     * @param failure the failure that stopped the rollback, or null if every down action ran
     */
    public record Outcome(PluginReport report, StepExecutionException failure) {
    }

    private final Target target;
    private final Clock clock;
    private final String installedBy;

    /**
     * @param target the database (or none), history store and lock
     * @param clock the source of the history timestamps and durations
     * @param installedBy the user name recorded in the history
     */
    public RollbackExecutor(Target target, Clock clock, String installedBy) {
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.installedBy = Objects.requireNonNull(installedBy, "installedBy");
    }

    /**
     * Runs every down step of the plan, stopping at the first failure.
     *
     * @param plan a validated rollback plan
     * @return what was done; a failed down action is reported here, not thrown
     * @throws dev.tern.migration.api.HistoryStoreException if a failed down action cannot be
     *     recorded (the action's own failure is attached as suppressed)
     */
    public Outcome execute(RollbackPlanner.RollbackPlan plan) {
        if (target.dataSource() == null) {
            return executeSteps(plan, null);
        }
        try (StepConnection connections = new StepConnection(target.dataSource(), target.store(), null)) {
            return executeSteps(plan, connections);
        }
    }

    private Outcome executeSteps(RollbackPlanner.RollbackPlan plan, StepConnection connections) {
        List<StepReport> reports = new ArrayList<>();
        StepExecutionException failure = null;
        Version current = plan.before();
        List<RollbackPlanner.DownStep> steps = plan.steps();
        if (!steps.isEmpty()) {
            LOG.info("{}: rolling back {} step(s) from {} to {}", plan.pluginId(), steps.size(), plan.before(),
                    plan.after() == null ? "nothing installed" : plan.after());
        }
        for (int i = 0; i < steps.size(); i++) {
            RollbackPlanner.DownStep down = steps.get(i);
            PreparedStep step = down.step();
            if (failure != null) {
                LOG.warn("{} {}: not rolled back because the rollback of {} failed", step.pluginId(), step.version(),
                        failure.version().orElse("?"));
                reports.add(new StepReport(step.version(), step.description(), step.kind(), StepOutcome.SKIPPED, 0,
                        Duration.ZERO, null));
                continue;
            }
            Instant started = clock.instant();
            boolean inTransaction = down.runsInTransaction(target.dialect());
            LOG.info("{} {}: running the down action of '{}'{}", step.pluginId(), step.version(), step.description(),
                    inTransaction ? "" : " without a transaction");
            int[] statementsRun = {0};
            SqlStatement[] currentStatement = {null};
            Exception error = target.dataSource() == null
                    ? runWithoutDatabase(down, started)
                    : runOnConnection(connections, down, started, inTransaction, statementsRun, currentStatement);
            Instant finished = clock.instant();
            Duration took = between(started, finished);
            if (error == null) {
                LOG.info("{} {}: rolled back in {} ms", step.pluginId(), step.version(), took.toMillis());
                reports.add(new StepReport(step.version(), step.description(), step.kind(), StepOutcome.ROLLED_BACK, 1,
                        took, null));
                current = i + 1 < steps.size() ? steps.get(i + 1).step().version() : plan.after();
                continue;
            }
            failure = failure(down, inTransaction, statementsRun[0], currentStatement[0], error);
            LOG.error("{} {}: {}", step.pluginId(), step.version(), failure.getMessage());
            try {
                target.store().append(entry(down, Status.FAILED, started, finished, failure.getMessage()), null);
            } catch (RuntimeException e) {
                e.addSuppressed(failure);
                throw e;
            }
            reports.add(new StepReport(step.version(), step.description(), step.kind(), StepOutcome.FAILED, 1, took,
                    failure.getMessage()));
        }
        return new Outcome(new PluginReport(plan.pluginId(), plan.before(), current, reports), failure);
    }

    private Exception runWithoutDatabase(RollbackPlanner.DownStep down, Instant started) {
        try {
            PreparedStep step = down.step();
            down.javaDown().run(new DefaultStepContext(step.pluginId(), step.version(), null, null));
            target.store().append(entry(down, Status.SUCCESS, started, clock.instant(), null), null);
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    private Exception runOnConnection(StepConnection connections, RollbackPlanner.DownStep down, Instant started,
                                      boolean inTransaction, int[] statementsRun, SqlStatement[] currentStatement) {
        Connection connection;
        try {
            connection = connections.get(!inTransaction);
        } catch (SQLException | RuntimeException e) {
            return e;
        }
        try {
            PreparedStep step = down.step();
            boolean java = down.javaDown() != null;
            boolean sessionChanged = false;
            if (java) {
                down.javaDown().run(new DefaultStepContext(step.pluginId(), step.version(), connection,
                        target.dialect()));
            } else {
                for (SqlStatement statement : down.statements()) {
                    currentStatement[0] = statement;
                    sessionChanged |= SessionStatements.changesSession(statement.sql());
                    try (Statement jdbc = connection.createStatement()) {
                        jdbc.execute(statement.sql());
                    }
                    statementsRun[0]++;
                }
                currentStatement[0] = null;
            }
            boolean share = !java && !sessionChanged;
            HistoryEntry success = entry(down, Status.SUCCESS, started, clock.instant(), null);
            if (inTransaction) {
                connections.append(success);
                // A Java down action may have switched auto-commit on and so committed its work itself.
                if (!java || !connection.getAutoCommit()) {
                    connection.commit();
                }
            } else {
                if (java && !connection.isClosed() && !connection.getAutoCommit()) {
                    connection.commit();
                }
                if (!share) {
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
                try {
                    connection.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
            }
            connections.discard();
            return e;
        }
    }

    private static StepExecutionException failure(RollbackPlanner.DownStep down, boolean inTransaction,
                                                  int statementsRun, SqlStatement current, Exception error) {
        PreparedStep step = down.step();
        String what = error instanceof SQLException sql
                ? sql.getMessage() + " (SQLState " + sql.getSQLState() + ", error code " + sql.getErrorCode() + ")"
                : String.valueOf(error);
        StringBuilder message = new StringBuilder("the down action failed");
        if (current != null) {
            message.append(" at statement ").append(statementsRun + 1).append(" of ").append(down.statements().size());
        }
        message.append(": ").append(what);
        if (inTransaction) {
            message.append("; its transaction was rolled back, the step is still applied");
        } else if (statementsRun > 0 || down.javaDown() != null) {
            message.append("; it did not run in a transaction, so changes it made before failing were kept. Finish"
                    + " or undo them by hand, then repair the history");
        } else {
            message.append("; it did not run in a transaction, and no statement of the down script had run");
        }
        return new StepExecutionException(ErrorCode.STEP_FAILED, message.toString(), step.pluginId(),
                step.version().toString(), down.source(), current == null ? 0 : current.line(), error);
    }

    private HistoryEntry entry(RollbackPlanner.DownStep down, Status status, Instant started, Instant finished,
                               String error) {
        PreparedStep step = down.step();
        return new HistoryEntry(0, step.pluginId(), step.version(), step.description(), step.kind(), down.checksum(),
                Direction.DOWN, status, 1, started, finished, between(started, finished), installedBy, error);
    }

    private static Duration between(Instant started, Instant finished) {
        Duration d = Duration.between(started, finished);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
