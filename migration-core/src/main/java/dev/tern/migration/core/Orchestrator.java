package dev.tern.migration.core;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.HistoryStatistics;
import dev.tern.migration.api.MigrationFailedException;
import dev.tern.migration.api.MigrationPlan;
import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.api.PluginReport;
import dev.tern.migration.api.RepairResult;
import dev.tern.migration.api.RetryPolicy;
import dev.tern.migration.api.Sleeper;
import dev.tern.migration.api.StatusReport;
import dev.tern.migration.api.StepExecutionException;
import dev.tern.migration.api.ValidationResult;
import dev.tern.migration.api.database.Database;
import dev.tern.migration.api.database.HistoryLocation;
import dev.tern.migration.api.database.HistoryStore;
import dev.tern.migration.api.database.MigrationLock;
import dev.tern.migration.api.event.MigrationCreated;
import dev.tern.migration.api.event.MigrationListener;
import dev.tern.migration.core.internal.DatabaseResolver;
import dev.tern.migration.core.internal.DatabaseStart;
import dev.tern.migration.core.internal.EventDispatcher;
import dev.tern.migration.core.internal.Executor;
import dev.tern.migration.core.internal.InProcessLock;
import dev.tern.migration.core.internal.InterruptedSteps;
import dev.tern.migration.core.internal.ListenerDiscovery;
import dev.tern.migration.core.internal.Maintenance;
import dev.tern.migration.core.internal.Plan;
import dev.tern.migration.core.internal.PluginOrdering;
import dev.tern.migration.core.internal.Problems;
import dev.tern.migration.core.internal.RetryRules;
import dev.tern.migration.core.internal.RunPlanning;
import dev.tern.migration.core.internal.ServiceDiscovery;
import dev.tern.migration.core.internal.Target;
import dev.tern.migration.spi.MigrationService;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the migrations of every plugin of an application. Built once with {@link #builder()}, then
 * {@link #runAll()} is called at start-up:
 *
 * <pre>{@code
 * MigrationReport report = Orchestrator.builder()
 *         .dataSource(dataSource)
 *         .build()
 *         .runAll();
 * }</pre>
 *
 * <p>The plugins ({@link MigrationService}s) are discovered once, on first use, with
 * {@link java.util.ServiceLoader} and ordered by their dependencies, then priority, then plugin id
 * (see {@link dev.tern.migration.spi.MigrationService#dependencies()}); a cycle, a missing plugin,
 * an unsatisfied range or a conflict fails every run before anything runs, with a
 * {@link dev.tern.migration.api.DependencyException} listing every such problem. A failing plugin
 * stops the plugins that need it. {@link #plan()} tells what a run would do without doing it;
 * {@link #migrate(String, String)} brings one plugin (and what it needs) to one version.
 *
 * <p>With a data source, the database support ({@code DatabaseProvider}, from
 * {@code dev.tern:migration-jdbc}) is found on first use, with Tern's own class loader, and kept.
 *
 * <p>A step failing with a transient error is attempted again under a {@link RetryPolicy} (see
 * {@link Builder#retryPolicy}); every run sends {@linkplain dev.tern.migration.api.event.MigrationEvent
 * events} to the {@linkplain Builder#listener listeners}, synchronously, on the thread running the
 * migrations.
 *
 * <p>Besides runs: {@link #rollback} runs a plugin's down steps, {@link #validate()} lists every
 * problem without throwing, {@link #repair()} realigns the history with the code,
 * {@link #baseline} adopts an existing schema, and {@link #status()}, {@link #history()} and
 * {@link #statistics()} read the history without taking the lock.
 *
 * <p>Thread-safe: concurrent runs, from one orchestrator or several sharing a database or a
 * history store, are serialized by the migration lock. With a data source, {@link #runAll()},
 * {@link #migrate} and {@link #plan()} open their first connection and read the history on a
 * short-lived daemon thread named {@code tern-start} while the calling thread loads the plugins'
 * steps; the data source must therefore be usable from another thread (every pool and JDBC
 * {@code DataSource} is), and its errors are thrown on the calling thread.
 */
public final class Orchestrator {
    private static final Logger LOG = LoggerFactory.getLogger(Orchestrator.class);

    private final DataSource dataSource;
    private final HistoryStore historyStore;
    private final HistoryLocation location;
    private final ClassLoader classLoader;
    private final boolean discovery;
    private final List<MigrationService> addedServices;
    private final String installedBy;
    private final Duration lockTimeout;
    private final Clock clock;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final List<MigrationListener> addedListeners;
    private final RunPlanning.Policy policy;
    private final MigrationLock lock;

    // Found on first use, then kept: discovery scans the class path once per orchestrator.
    private List<MigrationService> services;
    private Target target;
    private EventDispatcher events;

    private Orchestrator(Builder b, HistoryLocation location, ClassLoader classLoader, String installedBy) {
        this.dataSource = b.dataSource;
        this.historyStore = b.historyStore;
        this.location = location;
        this.classLoader = classLoader;
        this.discovery = b.discovery;
        this.addedServices = List.copyOf(b.services);
        this.installedBy = installedBy;
        this.lockTimeout = b.lockTimeout;
        this.clock = b.clock;
        this.retryPolicy = b.retryPolicy;
        this.sleeper = b.sleeper;
        this.random = b.random != null ? b.random : new Random();
        this.addedListeners = List.copyOf(b.listeners);
        this.policy = new RunPlanning.Policy(b.outOfOrder, b.allowBreaking, b.majorVersionIsBreaking);
        this.lock = b.lock;
    }

    /** @return a builder with the defaults documented on each of its methods */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Brings every plugin to its latest version. Everything is checked before anything is applied:
     * discovery, the steps (versions, scripts for this database, checksums), the history
     * (checksums, steps missing from the code, out-of-order steps, failed steps) and the splitting
     * of every pending step's script (applied steps' scripts are not split). Then, if no step
     * is pending, the run returns at once, without taking the lock or creating anything (one
     * connection, which recognises the database and reads the history in one query). Otherwise it
     * takes the lock (waiting at most the lock timeout, on a connection of the lock's own), reads
     * the history again and plans again (another node may have finished meanwhile, and then the run
     * returns without creating or writing anything), creates the history store if needed, and
     * applies the pending steps plugin by plugin, on the start's connection, which the steps share
     * (see {@code docs/architecture.md}, the step connection). A failing step stops its
     * plugin (its later steps are skipped) and every plugin that needs it, directly or transitively
     * (their steps are reported SKIPPED with the reason); the other plugins go on.
     *
     * @return what every plugin did
     * @throws MigrationFailedException ({@code RUN_FAILED}) after the run if any step failed; its
     *     {@link MigrationFailedException#report() report} tells what was applied and what failed,
     *     its cause is the first {@link StepExecutionException}
     * @throws dev.tern.migration.api.DiscoveryException if a plugin cannot be loaded or two share an id
     * @throws dev.tern.migration.api.DependencyException with {@code INVALID_RANGE},
     *     {@code DEPENDENCY_CYCLE}, {@code MISSING_DEPENDENCY}, {@code UNSATISFIED_DEPENDENCY} (checked
     *     against the needed plugin's target version) or {@code PLUGIN_CONFLICT}, every such problem in
     *     one exception; nothing is applied
     * @throws dev.tern.migration.api.ValidationException with {@code DOWNGRADE_REFUSED} if a plugin is
     *     installed above its highest step, {@code OUT_OF_ORDER_STEP} (unless {@code outOfOrder}),
     *     {@code BREAKING_STEP_REFUSED} (unless {@code allowBreaking}); nothing is applied
     * @throws ConfigurationException for an invalid plugin id, an unsupported database, a SQL step
     *     without a data source
     * @throws dev.tern.migration.api.StepDefinitionException for malformed steps, or a pending
     *     step's script that cannot be split ({@code SQL_PARSE_ERROR}) or holds no statement
     *     ({@code EMPTY_SCRIPT}); nothing is applied
     * @throws dev.tern.migration.api.ValidationException if the history disagrees with the code, or
     *     ({@code INTERRUPTED_STEP_IN_HISTORY}, found under the lock) an earlier run died in the
     *     middle of a step that ran without a transaction; nothing is applied
     * @throws dev.tern.migration.api.LockException if the lock is not obtained within the lock timeout
     * @throws dev.tern.migration.api.HistoryStoreException if the history cannot be read or written
     */
    public MigrationReport runAll() {
        return run(RunPlanning.Request.ALL);
    }

    /**
     * Brings one plugin to one of its versions, and the plugins it needs (directly or
     * transitively) to their latest versions; no other plugin is touched. Checks and runs as
     * {@link #runAll()} does, restricted to those plugins (the dependency graph and every plugin's
     * steps are still checked as a whole).
     *
     * @param pluginId the plugin to migrate
     * @param version one of the plugin's step versions (short forms accepted: {@code 1.4} is
     *     {@code 1.4.0})
     * @return what every plugin of the run did, in run order (the needed plugins first)
     * @throws ConfigurationException ({@code INVALID_CONFIGURATION}) if no plugin has this id, or the
     *     version is not one of its step versions (the message lists them)
     * @throws dev.tern.migration.api.ValidationException with {@code DOWNGRADE_REFUSED} if the plugin
     *     is installed above {@code version}: migrate only goes up; and as {@link #runAll()}
     * @throws MigrationFailedException and the other exceptions as {@link #runAll()}
     */
    public MigrationReport migrate(String pluginId, String version) {
        Builder.notNull(pluginId, "pluginId");
        Builder.notNull(version, "version");
        return run(new RunPlanning.Request(pluginId, version));
    }

    /**
     * Computes and validates what {@link #runAll()} would do, without doing it (a dry run): the
     * same checks, throwing the same exceptions, then the plan. Takes no lock, creates nothing and
     * writes nothing: one history read (a missing history table reads as empty).
     *
     * @return the plan: every plugin in run order with its installed and target version, and each
     *     step to apply with the statements it would execute on this database
     * @throws dev.tern.migration.api.DependencyException as {@link #runAll()}
     * @throws dev.tern.migration.api.DiscoveryException as {@link #runAll()}
     * @throws ConfigurationException as {@link #runAll()}
     * @throws dev.tern.migration.api.StepDefinitionException as {@link #runAll()}
     * @throws dev.tern.migration.api.ValidationException as {@link #runAll()}
     * @throws dev.tern.migration.api.HistoryStoreException if the history cannot be read
     */
    public MigrationPlan plan() {
        return dryRun(RunPlanning.Request.ALL);
    }

    /**
     * Computes and validates what {@link #migrate(String, String)} would do, without doing it, as
     * {@link #plan()}.
     *
     * @param pluginId the plugin to migrate
     * @param version one of the plugin's step versions
     * @return the plan of the plugin and the plugins it needs
     * @throws ConfigurationException and the others as {@link #migrate(String, String)}, before
     *     anything would run
     */
    public MigrationPlan plan(String pluginId, String version) {
        Builder.notNull(pluginId, "pluginId");
        Builder.notNull(version, "version");
        return dryRun(new RunPlanning.Request(pluginId, version));
    }

    private MigrationPlan dryRun(RunPlanning.Request request) {
        List<MigrationService> plugins = services();
        try (DatabaseStart start = DatabaseStart.begin(dataSource, this::target)) {
            RunPlanning run = RunPlanning.prepare(plugins, () -> start.target().dialect(), request, policy);
            return run.describe(run.plan(start.history()));
        }
    }

    private MigrationReport run(RunPlanning.Request request) {
        Instant started = clock.instant();
        List<MigrationService> plugins = services();
        // One connection recognises the database and reads the history, on a thread of its own while
        // the plugins' steps are loaded; if anything is pending it becomes the connection the steps
        // share. The lock keeps a session of its own.
        try (DatabaseStart start = DatabaseStart.begin(dataSource, this::target)) {
            RunPlanning run = RunPlanning.prepare(plugins, () -> start.target().dialect(), request, policy);
            Plan plan = run.plan(start.history());
            Target on = start.target();
            if (plan.isEmpty()) {
                LOG.info("Tern: {} plugin(s), all up to date", plan.plugins().size());
                return new MigrationReport(upToDate(plan), elapsed(started));
            }
            LOG.info("Tern: {} step(s) pending; taking the migration lock", plan.pendingCount());
            MigrationLock.Held held = on.lock().acquire(lockTimeout);
            try {
                // Another node may have applied steps while this one waited for the lock.
                List<HistoryEntry> history = on.store().read(start.connection());
                // Under the lock a STARTED marker without an outcome can only be left by a dead run.
                Problems.throwIfAny(InterruptedSteps.withProblems(List.of(), run.plugins(), history),
                        "the plugins' steps and the history");
                plan = run.plan(history);
                if (plan.isEmpty()) {
                    // The node that held the lock did the work: nothing to create or write.
                    LOG.info("Tern: another node applied the pending steps while this one waited for the lock");
                    return new MigrationReport(upToDate(plan), elapsed(started));
                }
                on.store().prepare();
                Connection first = start.handOver();
                Executor.Execution execution = new Executor(on, clock, installedBy,
                        new RetryRules(retryPolicy, plugins, clock, sleeper, random), events())
                        .stopDependants(run.needs()).execute(plan, first);
                MigrationReport report = new MigrationReport(execution.plugins(), elapsed(started));
                if (!execution.failures().isEmpty()) {
                    throw new MigrationFailedException(failureMessage(execution.failures()), report,
                            execution.failures().get(0));
                }
                LOG.info("Tern: {} step(s) applied in {} ms", report.appliedCount(), report.duration().toMillis());
                return report;
            } finally {
                release(held);
            }
        }
    }

    /**
     * Rolls one plugin back to {@code version}: runs the down actions of its applied steps above
     * {@code version}, newest first, each recorded in the history as a {@code DOWN} row
     * ({@code SUCCESS} or {@code FAILED}). Where the database has transactional DDL (PostgreSQL) a
     * down action and its row commit or roll back together; on H2 and MariaDB/MySQL DDL commits
     * implicitly, so the row is written right after the action. Everything is checked first, and
     * nothing is done if the rollback is refused. Takes the migration lock and reads the history
     * again under it. A later {@link #runAll()} applies the rolled-back steps again.
     *
     * @param pluginId the plugin to roll back
     * @param version the version the plugin ends installed at; {@code "0"} or a version below the
     *     plugin's first step undoes every step
     * @return the report of the plugin: versions before and after, one {@code ROLLED_BACK} step
     *     report per down action, newest first (empty when the plugin already is at {@code version})
     * @throws ConfigurationException ({@code INVALID_CONFIGURATION}) if the plugin is unknown, or
     *     {@code version} is not one of its versions, is above its installed version or below its
     *     baseline; ({@code INVALID_VERSION}) if {@code version} is malformed
     * @throws dev.tern.migration.api.ValidationException ({@code MISSING_DOWN_STEP}) naming every
     *     step to undo without a down action for this database; ({@code ROLLBACK_BLOCKED_BY_DEPENDANT})
     *     naming each installed plugin whose dependency range the new version would no longer satisfy;
     *     or the validation codes of {@link #runAll()} for the plugin's history
     * @throws dev.tern.migration.api.StepDefinitionException if a down script cannot be split or is empty
     * @throws MigrationFailedException ({@code RUN_FAILED}) if a down action failed: the older steps
     *     were not rolled back; {@link MigrationFailedException#report()} tells what was done
     * @throws dev.tern.migration.api.LockException if the lock is not obtained within the lock timeout
     * @throws dev.tern.migration.api.HistoryStoreException if the history cannot be read or written
     */
    public MigrationReport rollback(String pluginId, String version) {
        Instant started = clock.instant();
        MigrationReport report = maintenance().rollback(requireArgument(pluginId, "pluginId"),
                requireArgument(version, "version"), started);
        rolledBack(report, started);
        return report;
    }

    /** Sends {@code migration.rolled_back} for each plugin whose rollback undid at least one step. */
    private void rolledBack(MigrationReport report, Instant started) {
        for (PluginReport plugin : report.plugins()) {
            long undone = plugin.steps().stream()
                    .filter(s -> s.outcome() == dev.tern.migration.api.StepOutcome.ROLLED_BACK).count();
            if (undone > 0 && plugin.versionBefore() != null) {
                Instant now = clock.instant();
                events().dispatch(new dev.tern.migration.api.event.MigrationRolledBack(plugin.pluginId(),
                        plugin.versionBefore(), java.util.Optional.ofNullable(plugin.versionAfter()), (int) undone,
                        elapsed(started), now));
            }
        }
    }

    /**
     * Lists every problem that would stop {@link #runAll()}, without throwing for any of them and
     * without taking the lock or creating anything: applied steps edited ({@code CHECKSUM_MISMATCH})
     * or missing from the code ({@code APPLIED_STEP_MISSING}), plugins in the history that the
     * application no longer has ({@code UNKNOWN_PLUGIN_IN_HISTORY}, which does not stop a run),
     * failed steps that block their plugin ({@code FAILED_STEP_IN_HISTORY}), pending steps below
     * the installed version ({@code OUT_OF_ORDER_STEP}), malformed steps and scripts (a script is
     * split only if its step is pending, as in a run), and a plugin that cannot be discovered.
     *
     * @return the problems; {@link ValidationResult#isValid()} when there is none
     * @throws ConfigurationException if the database is not supported
     * @throws dev.tern.migration.api.HistoryStoreException if the history cannot be read
     */
    public ValidationResult validate() {
        return maintenance().validate();
    }

    /**
     * Repairs the history after the operator fixed what {@link #validate()} reported: sets the
     * checksum of every applied step edited since to the code's checksum, and deletes the
     * {@code FAILED} rows of steps that have not succeeded since (undo the failed step's changes
     * by hand first, where it did not run in a transaction). Each change is logged and recorded as
     * a history row of kind {@link dev.tern.migration.api.StepKind#REPAIR}, which the installed
     * version ignores. Takes the migration lock.
     *
     * @return the changes made; empty when there was nothing to repair
     * @throws dev.tern.migration.api.StepDefinitionException if the plugins' steps are malformed
     * @throws dev.tern.migration.api.LockException if the lock is not obtained within the lock timeout
     * @throws dev.tern.migration.api.HistoryStoreException if the history cannot be read or
     *     changed, or the store does not support repair
     */
    public RepairResult repair() {
        return maintenance().repair();
    }

    /**
     * Marks an existing schema as being at {@code version} for a plugin that has no history yet,
     * by appending a row of kind {@link dev.tern.migration.api.StepKind#BASELINE}: the plugin's
     * steps at or below {@code version} count as applied, are never run nor checksum-checked; the
     * steps above it run normally. Takes the migration lock and creates the history store if needed.
     *
     * @param pluginId the plugin, one of the application's
     * @param version the version the existing schema is at (need not be one of the plugin's steps)
     * @throws ConfigurationException ({@code INVALID_CONFIGURATION}) for an unknown plugin,
     *     ({@code INVALID_VERSION}) for a malformed version
     * @throws dev.tern.migration.api.ValidationException ({@code BASELINE_REFUSED}) if the plugin
     *     already has history rows
     * @throws dev.tern.migration.api.LockException if the lock is not obtained within the lock timeout
     * @throws dev.tern.migration.api.HistoryStoreException if the history cannot be read or written
     */
    public void baseline(String pluginId, String version) {
        maintenance().baseline(requireArgument(pluginId, "pluginId"), requireArgument(version, "version"));
    }

    /**
     * Tells where every plugin stands: installed and target versions, pending steps, and the step
     * that brought it to its installed version. Reads the history once; takes no lock and creates
     * nothing. Malformed steps are left out of the counts rather than thrown (see {@link #validate()}).
     *
     * @return one status per plugin, in run order
     * @throws dev.tern.migration.api.DiscoveryException if a plugin cannot be loaded
     * @throws dev.tern.migration.api.HistoryStoreException if the history cannot be read
     */
    public StatusReport status() {
        return maintenance().status();
    }

    /**
     * Reads the whole history: step rows (up and down, successful and failed), baseline and repair
     * rows. Takes no lock and creates nothing; a history store that does not exist yet reads empty.
     *
     * @return the entries, oldest first
     * @throws dev.tern.migration.api.HistoryStoreException if the history cannot be read
     */
    public List<HistoryEntry> history() {
        return maintenance().history(null);
    }

    /**
     * Reads one plugin's history, as {@link #history()} does.
     *
     * @param pluginId the plugin id; need not be one of the application's plugins
     * @return the plugin's entries, oldest first
     * @throws dev.tern.migration.api.HistoryStoreException if the history cannot be read
     */
    public List<HistoryEntry> history(String pluginId) {
        return maintenance().history(requireArgument(pluginId, "pluginId"));
    }

    /**
     * Computes per-plugin figures over the history's step rows (baseline and repair rows left out):
     * steps run, successes, failures, average and maximum duration. Takes no lock and creates nothing.
     *
     * @return the figures, one per plugin found in the history, by plugin id
     * @throws dev.tern.migration.api.HistoryStoreException if the history cannot be read
     */
    public HistoryStatistics statistics() {
        return maintenance().statistics();
    }

    private Maintenance maintenance() {
        return new Maintenance(this::services, this::target, clock, installedBy, lockTimeout);
    }

    private static String requireArgument(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, name + " must not be null or blank");
        }
        return value;
    }

    private static List<PluginReport> upToDate(Plan plan) {
        return plan.plugins().stream()
                .map(p -> new PluginReport(p.pluginId(), p.installed(), p.installed(), List.of()))
                .toList();
    }

    private Duration elapsed(Instant started) {
        Duration d = Duration.between(started, clock.instant());
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static String failureMessage(List<StepExecutionException> failures) {
        return failures.size() + " step(s) failed, so their plugins stopped and their later steps were skipped,"
                + " as were the steps of the plugins that need them; the other plugins' steps were applied. Failures: "
                + failures.stream().map(Throwable::getMessage).collect(Collectors.joining(" | "));
    }


    private static void release(MigrationLock.Held held) {
        try {
            held.close();
        } catch (RuntimeException e) {
            // The run's outcome stands; a database lock is released anyway when its session ends.
            LOG.warn("Tern: could not release the migration lock: {}", e.getMessage());
        }
    }

    private synchronized List<MigrationService> services() {
        if (services == null) {
            services = PluginOrdering.order(ServiceDiscovery.discover(classLoader, discovery, addedServices));
            LOG.debug("Tern: plugins in run order: {}", services.stream().map(MigrationService::pluginId).toList());
            EventDispatcher dispatcher = events();
            for (MigrationService service : services) {
                dispatcher.dispatch(new MigrationCreated(service.pluginId(), service.getClass().getName(),
                        clock.instant()));
            }
        }
        return services;
    }

    /** The listeners, found once (before the plugins, so they see every {@code migration.created}). */
    private synchronized EventDispatcher events() {
        if (events == null) {
            events = new EventDispatcher(ListenerDiscovery.discover(classLoader, discovery, addedListeners));
        }
        return events;
    }

    private Target target() {
        return target(null);
    }

    /**
     * @param connection an open connection of the data source to recognise the database through,
     *     or null to let the provider open its own
     */
    private synchronized Target target(Connection connection) {
        if (target == null) {
            if (dataSource == null) {
                MigrationLock lock = historyStore instanceof InMemoryHistoryStore memory
                        ? memory.lock() : InProcessLock.forOwner(historyStore);
                target = new Target(null, null, historyStore, this.lock != null ? this.lock : lock);
            } else {
                Database database = connection == null
                        ? DatabaseResolver.resolve(DatabaseResolver.providers(), dataSource, location)
                        : DatabaseResolver.resolve(DatabaseResolver.providers(), dataSource, connection, location);
                LOG.debug("Tern: database dialect {}", database.dialect().id());
                target = new Target(dataSource, database.dialect(),
                        historyStore == null ? database.historyStore() : historyStore,
                        lock != null ? lock : database.lock());
            }
        }
        return target;
    }

    /**
     * Configures an {@link Orchestrator}. Immutable: every method returns a new builder, so a
     * partly configured builder can be shared and reused. A {@code null} argument is refused at
     * once with a {@link ConfigurationException} ({@code INVALID_CONFIGURATION}) naming the
     * parameter; {@link #build()} checks the rest.
     *
     * <p>A builder is never modified once returned, so it may be reused; publish it safely when
     * sharing it between threads.
     */
    public static final class Builder {
        private DataSource dataSource;
        private HistoryStore historyStore;
        private String historySchema;
        private String historyTable = HistoryLocation.DEFAULT_TABLE;
        private ClassLoader classLoader;
        private boolean discovery = true;
        private List<MigrationService> services = List.of();
        private String installedBy;
        private Duration lockTimeout = Duration.ofMinutes(5);
        private Clock clock = Clock.systemUTC();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Sleeper sleeper = Sleeper.system();
        private RandomGenerator random;
        private List<MigrationListener> listeners = List.of();
        private boolean outOfOrder;
        private boolean allowBreaking;
        private boolean majorVersionIsBreaking;
        private MigrationLock lock;

        private Builder() {
        }

        private Builder copy() {
            Builder b = new Builder();
            b.dataSource = dataSource;
            b.historyStore = historyStore;
            b.historySchema = historySchema;
            b.historyTable = historyTable;
            b.classLoader = classLoader;
            b.discovery = discovery;
            b.services = services;
            b.installedBy = installedBy;
            b.lockTimeout = lockTimeout;
            b.clock = clock;
            b.retryPolicy = retryPolicy;
            b.sleeper = sleeper;
            b.random = random;
            b.listeners = listeners;
            b.outOfOrder = outOfOrder;
            b.allowBreaking = allowBreaking;
            b.majorVersionIsBreaking = majorVersionIsBreaking;
            b.lock = lock;
            return b;
        }

        /**
         * The database to migrate. Its {@code DatabaseProvider} (dialect, history store, lock) is
         * found on first use. Either this or {@link #historyStore} is required.
         *
         * @param value the data source; every step gets its own connection from it
         * @return a new builder
         */
        public Builder dataSource(DataSource value) {
            Builder b = copy();
            b.dataSource = notNull(value, "dataSource");
            return b;
        }

        /**
         * The history store to use instead of the database's own, e.g. an {@link InMemoryHistoryStore}.
         * With a data source too, the database's dialect and lock are used with this store. Without a
         * data source, steps get no connection (a SQL step is an error) and the lock is an in-process
         * lock of the store.
         *
         * @param value the store
         * @return a new builder
         */
        public Builder historyStore(HistoryStore value) {
            Builder b = copy();
            b.historyStore = notNull(value, "historyStore");
            return b;
        }

        /**
         * The schema (database on MariaDB/MySQL) of the history table; by default the connection's
         * current one. Checked by {@link #build()} to be a plain identifier.
         *
         * @param value {@code [A-Za-z_][A-Za-z0-9_]{0,62}}, or null for the current schema
         * @return a new builder
         */
        public Builder historySchema(String value) {
            Builder b = copy();
            b.historySchema = value;
            return b;
        }

        /**
         * The history table name; {@value HistoryLocation#DEFAULT_TABLE} by default. Checked by
         * {@link #build()} to be a plain identifier.
         *
         * @param value {@code [A-Za-z_][A-Za-z0-9_]{0,62}}
         * @return a new builder
         */
        public Builder historyTable(String value) {
            Builder b = copy();
            b.historyTable = notNull(value, "historyTable");
            return b;
        }

        /**
         * Where the plugins' {@code META-INF/services} entries are looked up; by default the
         * thread context class loader of the thread calling {@link #build()}, else Tern's own.
         *
         * @param value the class loader
         * @return a new builder
         */
        public Builder classLoader(ClassLoader value) {
            Builder b = copy();
            b.classLoader = notNull(value, "classLoader");
            return b;
        }

        /**
         * Whether to discover plugins with {@link java.util.ServiceLoader}; true by default. Switch it
         * off to run only the services {@linkplain #addService added by hand}, as JUnit's
         * {@code LauncherConfig} does for test engines.
         *
         * @param value false to switch discovery off
         * @return a new builder
         */
        public Builder discovery(boolean value) {
            Builder b = copy();
            b.discovery = value;
            return b;
        }

        /**
         * Adds plugins by hand, beside the discovered ones. Repeatable; the order does not matter.
         *
         * @param values the services, none null
         * @return a new builder
         */
        public Builder addService(MigrationService... values) {
            notNull(values, "addService");
            List<MigrationService> all = new ArrayList<>(services);
            for (MigrationService value : Arrays.asList(values)) {
                all.add(notNull(value, "addService"));
            }
            Builder b = copy();
            b.services = List.copyOf(all);
            return b;
        }

        /**
         * Who is recorded as having run the steps; by default the {@code user.name} system property.
         *
         * @param value a user name, not blank
         * @return a new builder
         */
        public Builder installedBy(String value) {
            Builder b = copy();
            b.installedBy = notNull(value, "installedBy");
            return b;
        }

        /**
         * The longest wait for the migration lock; 5 minutes by default.
         *
         * @param value a positive duration
         * @return a new builder
         */
        public Builder lockTimeout(Duration value) {
            Builder b = copy();
            b.lockTimeout = notNull(value, "lockTimeout");
            return b;
        }

        /**
         * The clock of the history timestamps and of the durations in the report and history;
         * {@link Clock#systemUTC()} by default. Tests give a fixed or stepping clock.
         *
         * @param value the clock
         * @return a new builder
         */
        public Builder clock(Clock value) {
            Builder b = copy();
            b.clock = notNull(value, "clock");
            return b;
        }

        /**
         * The retry policy of every step whose plugin or step sets none of its own
         * ({@code MigrationService.retryPolicy()}, {@code MigrationService.retryPolicyFor(Step)},
         * {@code JavaStep.withRetryPolicy}); {@link RetryPolicy#defaults()} by default (5 attempts,
         * 200 ms initial delay, x2, at most 10 s, jitter 0.2, at most 2 minutes).
         * {@link RetryPolicy#none()} switches retries off. Only transient errors, as the database's
         * dialect classifies them, are retried; each attempt runs on a new connection.
         *
         * @param value the policy
         * @return a new builder
         */
        public Builder retryPolicy(RetryPolicy value) {
            Builder b = copy();
            b.retryPolicy = notNull(value, "retryPolicy");
            return b;
        }

        /**
         * What waits between two attempts of a step; {@link Sleeper#system()} by default. Tests give
         * one that records the delays and returns at once.
         *
         * @param value the sleeper
         * @return a new builder
         */
        public Builder sleeper(Sleeper value) {
            Builder b = copy();
            b.sleeper = notNull(value, "sleeper");
            return b;
        }

        /**
         * The source of the retry delays' jitter; by default a new {@link Random} per orchestrator.
         * Used only by the thread running the migrations, under the migration lock. Tests give a
         * generator with fixed values to get exact delays.
         *
         * @param value the random generator
         * @return a new builder
         */
        public Builder random(RandomGenerator value) {
            Builder b = copy();
            b.random = notNull(value, "random");
            return b;
        }

        /**
         * Adds listeners of the runs' {@linkplain dev.tern.migration.api.event.MigrationEvent events}.
         * Repeatable. They receive each event synchronously, on the thread running the migrations,
         * in the order they were added, before listeners discovered with {@link java.util.ServiceLoader}
         * (when {@linkplain #discovery discovery} is on). A listener that throws is logged and the
         * run goes on.
         *
         * @param values the listeners, none null
         * @return a new builder
         */
        public Builder listener(MigrationListener... values) {
            notNull(values, "listener");
            List<MigrationListener> all = new ArrayList<>(listeners);
            for (MigrationListener value : Arrays.asList(values)) {
                all.add(notNull(value, "listener"));
            }
            Builder b = copy();
            b.listeners = List.copyOf(all);
            return b;
        }

        /**
         * The migration lock to use instead of the database's own (by default a lock the database
         * releases when the holding session dies: PostgreSQL advisory lock, MariaDB/MySQL
         * {@code GET_LOCK}, H2 row lock), e.g. a lease lock from {@code dev.tern:migration-jdbc}'s
         * {@code JdbcLocks.lease(...)} where a session lock cannot die with its holder (a proxy or
         * pooler between the nodes and the database). Every node migrating one database must use the
         * same kind of lock, or they do not exclude each other.
         *
         * @param value the lock
         * @return a new builder
         */
        public Builder lock(MigrationLock value) {
            Builder b = copy();
            b.lock = notNull(value, "lock");
            return b;
        }

        /**
         * Checks the configuration and builds the orchestrator. Touches no database and discovers
         * nothing yet.
         *
         * @return the orchestrator
         * @throws ConfigurationException with {@code INVALID_CONFIGURATION} if neither a data source
         *     nor a history store is set, the lock timeout is not positive or {@code installedBy} is
         *     blank; with {@code INVALID_IDENTIFIER} if the history schema or table is not a plain
         *     identifier
         */
        public Orchestrator build() {
            if (dataSource == null && historyStore == null) {
                throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, "either dataSource or historyStore"
                        + " must be set: dataSource to migrate a database, historyStore (e.g. an InMemoryHistoryStore)"
                        + " for tests without one");
            }
            HistoryLocation location = new HistoryLocation(historySchema, historyTable);
            if (lockTimeout.isZero() || lockTimeout.isNegative()) {
                throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, "lockTimeout must be positive, was "
                        + lockTimeout);
            }
            String user = installedBy != null ? installedBy : System.getProperty("user.name");
            if (user == null || user.isBlank()) {
                if (installedBy != null) {
                    throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, "installedBy must not be blank");
                }
                user = "unknown";
            }
            ClassLoader loader = classLoader;
            if (loader == null) {
                loader = Thread.currentThread().getContextClassLoader();
            }
            if (loader == null) {
                loader = Orchestrator.class.getClassLoader();
            }
            return new Orchestrator(this, location, loader, user);
        }

        private static <T> T notNull(T value, String parameter) {
            if (value == null) {
                throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, parameter + " must not be null");
            }
            return value;
        }

        /**
         * Whether pending steps below a plugin's installed version (a step added late, e.g. from a
         * merged branch) are applied, in version order, instead of refused with
         * {@code OUT_OF_ORDER_STEP}; false by default, as Flyway's {@code outOfOrder}.
         *
         * @param value true to apply them
         * @return a new builder
         */
        public Builder outOfOrder(boolean value) {
            Builder b = copy();
            b.outOfOrder = value;
            return b;
        }

        /**
         * Whether pending {@linkplain dev.tern.migration.spi.Step#breaking() breaking} steps are
         * applied; false by default: a plugin already installed with a breaking step pending fails the
         * run before anything runs, with {@code BREAKING_STEP_REFUSED} naming the plugin and the step.
         * A first install of a plugin is never refused: there is no older build or data to break.
         *
         * @param value true to apply breaking steps
         * @return a new builder
         */
        public Builder allowBreaking(boolean value) {
            Builder b = copy();
            b.allowBreaking = value;
            return b;
        }

        /**
         * Whether a pending step whose major version is above the plugin's installed major counts as
         * breaking (see {@link #allowBreaking}), as semantic versioning means; false by default (only
         * steps marked breaking count).
         *
         * @param value true to treat a new major as breaking
         * @return a new builder
         */
        public Builder majorVersionIsBreaking(boolean value) {
            Builder b = copy();
            b.majorVersionIsBreaking = value;
            return b;
        }
    }
}
