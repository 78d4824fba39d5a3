package dev.tern.migration.jdbc.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tern.migration.api.MigrationFailedException;
import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.api.RetryPolicy;
import dev.tern.migration.api.StepOutcome;
import dev.tern.migration.api.StepReport;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.event.MigrationEvent;
import dev.tern.migration.api.event.MigrationListener;
import dev.tern.migration.api.event.StepFailed;
import dev.tern.migration.api.event.StepStarted;
import dev.tern.migration.core.Orchestrator;
import dev.tern.migration.jdbc.testing.FaultInjectingDataSource;
import dev.tern.migration.jdbc.testing.FreshDatabase;
import dev.tern.migration.jdbc.testing.InjectedError;
import dev.tern.migration.jdbc.testing.TestDatabase;
import dev.tern.migration.jdbc.testing.TestDatabases;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.SqlScript;
import dev.tern.migration.spi.SqlStep;
import dev.tern.migration.spi.Step;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries and events on H2, PostgreSQL and MariaDB, with faults injected by a
 * {@link FaultInjectingDataSource}: transient errors are retried on a new connection and applied
 * once, permanent errors fail at once, dropped and refused connections are survived, exhausted
 * retries are recorded, and the events arrive in order. The sleeper and random source are
 * injected, so nothing sleeps and every delay is exact.
 */
class RetryReliabilityTests {
    private static final Logger LOG = LoggerFactory.getLogger(RetryReliabilityTests.class);

    /** Faults injected and survived (or, for permanent and exhausted ones, correctly failed), per database. */
    private static final Map<String, AtomicInteger> TALLY = new ConcurrentHashMap<>();

    private FreshDatabase db;
    private FaultInjectingDataSource faults;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final List<MigrationEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @AfterAll
    static void reportFigures() {
        TALLY.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> LOG.info("fault figures: {} = {}", e.getKey(), e.getValue().get()));
    }

    private static void tally(TestDatabase kind, String what, int n) {
        TALLY.computeIfAbsent(kind + " " + what, k -> new AtomicInteger()).addAndGet(n);
    }

    private void open(TestDatabase kind) {
        db = TestDatabases.create(kind);
        faults = new FaultInjectingDataSource(db.dataSource());
    }

    /** The middle of the jitter range, so a delay is exactly its base. */
    private static final RandomGenerator MIDDLE = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public double nextDouble() {
            return 0.5;
        }
    };

    private Orchestrator.Builder tern(MigrationService... plugins) {
        return Orchestrator.builder().dataSource(faults).discovery(false).addService(plugins).installedBy("tester")
                .sleeper(sleeps::add).random(MIDDLE).listener(events::add);
    }

    private static SqlStep sql(String plugin, String version, String description, String script) {
        return new SqlStep(Version.parse(version), description, Map.of(SqlStep.UNIVERSAL,
                new SqlScript("db/" + plugin + "/V" + version + "__" + description.replace(' ', '_') + ".sql", script)),
                Map.of(), true);
    }

    private static MigrationService plugin(String id, int priority, Step... steps) {
        return new MigrationService() {
            @Override
            public String pluginId() {
                return id;
            }

            @Override
            public int priority() {
                return priority;
            }

            @Override
            public List<Step> steps() {
                return Arrays.asList(steps);
            }
        };
    }

    private static final MigrationService JOBS = plugin("jobs", 0,
            sql("jobs", "1", "create jobs", "CREATE TABLE jobs (id INT PRIMARY KEY, name VARCHAR(50));\n"),
            sql("jobs", "2", "first job", "INSERT INTO jobs VALUES (1, 'first');\n"),
            sql("jobs", "3", "second job", "INSERT INTO jobs VALUES (2, 'second');\n"));

    private static final MigrationService AUDIT = plugin("audit", 1,
            sql("audit", "1", "create audit", "CREATE TABLE audit_log (id INT PRIMARY KEY);\n"));

    static Stream<Arguments> transientErrors() {
        List<Arguments> all = new ArrayList<>();
        for (TestDatabase kind : TestDatabase.values()) {
            InjectedError.transientErrors(kind).forEach(e -> all.add(Arguments.of(kind, e)));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("transientErrors")
    void transientFailureIsRetriedOnANewConnectionAndTheStepIsAppliedOnce(TestDatabase kind, InjectedError error)
            throws SQLException {
        open(kind);
        faults.onStatement("INSERT INTO jobs VALUES (1").nth(1).fail(error);

        MigrationReport report = tern(JOBS).build().runAll();

        assertThat(report.plugins().get(0).steps()).extracting(StepReport::version, StepReport::outcome,
                StepReport::attempts).containsExactly(tuple(Version.parse("1"), StepOutcome.APPLIED, 1),
                tuple(Version.parse("2"), StepOutcome.APPLIED, 2), tuple(Version.parse("3"), StepOutcome.APPLIED, 1));
        assertThat(history("jobs")).containsExactly("1.0.0 SUCCESS 1", "2.0.0 SUCCESS 2", "3.0.0 SUCCESS 1");
        assertThat(ids("SELECT id FROM jobs ORDER BY id")).containsExactly(1, 2);
        assertThat(sleeps).containsExactly(Duration.ofMillis(200));
        assertThat(faults.injected()).containsExactly("statement 'INSERT INTO jobs VALUES (1' #1: " + error.label());
        tally(kind, "transient " + error.label(), 1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void transientFailureOfADdlStatementIsRetried(TestDatabase kind) throws SQLException {
        open(kind);
        // The 1st time a statement containing 'CREATE TABLE jobs' runs, it fails with a transient error.
        faults.onStatement("CREATE TABLE jobs").nth(1).fail(InjectedError.transientErrors(kind).get(0));

        tern(JOBS).build().runAll();

        assertThat(history("jobs")).containsExactly("1.0.0 SUCCESS 2", "2.0.0 SUCCESS 1", "3.0.0 SUCCESS 1");
        assertThat(ids("SELECT id FROM jobs ORDER BY id")).containsExactly(1, 2);
        assertThat(faults.occurrences("CREATE TABLE jobs")).isEqualTo(2);
        tally(kind, "transient on DDL " + InjectedError.transientErrors(kind).get(0).label(), 1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void syntaxErrorFailsAtOnceStopsThePluginAndOtherPluginsAreApplied(TestDatabase kind) throws SQLException {
        open(kind);
        faults.onStatement("INSERT INTO jobs VALUES (1").nth(1).fail(InjectedError.syntaxError(kind));

        MigrationFailedException e = org.junit.jupiter.api.Assertions.assertThrows(MigrationFailedException.class,
                tern(JOBS, AUDIT).build()::runAll);

        assertThat(e.report().plugins()).hasSize(2);
        assertThat(e.report().plugins().get(0).steps()).extracting(StepReport::outcome, StepReport::attempts)
                .containsExactly(tuple(StepOutcome.APPLIED, 1), tuple(StepOutcome.FAILED, 1), tuple(StepOutcome.SKIPPED, 0));
        assertThat(e.report().plugins().get(1).steps()).extracting(StepReport::outcome)
                .containsExactly(StepOutcome.APPLIED);
        assertThat(history("jobs")).containsExactly("1.0.0 SUCCESS 1", "2.0.0 FAILED 1");
        assertThat(history("audit")).containsExactly("1.0.0 SUCCESS 1");
        assertThat(ids("SELECT id FROM jobs")).isEmpty();
        assertThat(sleeps).isEmpty();
        assertThat(events).filteredOn(StepFailed.class::isInstance).map(StepFailed.class::cast)
                .singleElement().satisfies(f -> {
                    assertThat(f.isFinal()).isTrue();
                    assertThat(f.error()).hasMessageContaining(InjectedError.syntaxError(kind).sqlState());
                });
        assertThat(faults.statementFaults()).isEqualTo(1);
        tally(kind, "permanent syntax error (failed at once)", 1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void connectionDroppedMidStepIsRetriedOnANewConnection(TestDatabase kind) throws SQLException {
        open(kind);
        faults.onStatement("INSERT INTO jobs VALUES (2").nth(1).dropConnection();
        MigrationService plugin = plugin("jobs", 0,
                sql("jobs", "1", "create jobs", "CREATE TABLE jobs (id INT PRIMARY KEY, name VARCHAR(50));\n"),
                sql("jobs", "2", "two jobs", "INSERT INTO jobs VALUES (1, 'first');\n"
                        + "INSERT INTO jobs VALUES (2, 'second');\nINSERT INTO jobs VALUES (3, 'third');\n"));

        MigrationReport report = tern(plugin).build().runAll();

        assertThat(report.plugins().get(0).steps()).extracting(StepReport::outcome, StepReport::attempts)
                .containsExactly(tuple(StepOutcome.APPLIED, 1), tuple(StepOutcome.APPLIED, 2));
        assertThat(history("jobs")).containsExactly("1.0.0 SUCCESS 1", "2.0.0 SUCCESS 2");
        // Each row exactly once: PostgreSQL rolled the first attempt back and ran the script again;
        // H2 and MariaDB (no transaction) resumed at the statement that failed.
        assertThat(ids("SELECT id FROM jobs ORDER BY id")).containsExactly(1, 2, 3);
        assertThat(faults.droppedConnections()).isEqualTo(1);
        assertThat(faults.occurrences("INSERT INTO jobs VALUES (2")).isEqualTo(2);
        assertThat(events).filteredOn(StepStarted.class::isInstance).map(StepStarted.class::cast)
                .extracting(StepStarted::version, StepStarted::attempt)
                .containsExactly(tuple(Version.parse("1"), 1), tuple(Version.parse("2"), 1), tuple(Version.parse("2"), 2));
        tally(kind, "connection dropped mid-step", 1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void refusedConnectionForAStepIsRetried(TestDatabase kind) throws SQLException {
        open(kind);
        // The steps share one connection; a step asks for a new one after a failed attempt. Step 2's
        // first attempt fails with a transient error, and the getConnection() of its second is refused.
        faults.onStatement("INSERT INTO jobs VALUES (1").nth(1).fail(InjectedError.transientErrors(kind).get(0));
        MigrationListener armer = event -> {
            if (event instanceof StepStarted s && s.version().equals(Version.parse("2")) && s.attempt() == 2) {
                faults.onConnection(faults.connectionsRequested() + 1).fail(InjectedError.connectionRefused());
            }
        };

        MigrationReport report = tern(JOBS).listener(armer).build().runAll();

        assertThat(report.plugins().get(0).steps()).extracting(StepReport::attempts).containsExactly(1, 3, 1);
        assertThat(history("jobs")).containsExactly("1.0.0 SUCCESS 1", "2.0.0 SUCCESS 3", "3.0.0 SUCCESS 1");
        assertThat(ids("SELECT id FROM jobs ORDER BY id")).containsExactly(1, 2);
        assertThat(faults.connectionFaults()).isEqualTo(1);
        tally(kind, "connection refused", 1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void exhaustedRetriesRecordOneFailedRowWithEveryAttemptAndAnEventPerAttempt(TestDatabase kind)
            throws SQLException {
        open(kind);
        InjectedError error = InjectedError.transientErrors(kind).get(0);
        faults.onStatement("INSERT INTO jobs VALUES (1").always().fail(error);
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(3).initialDelay(Duration.ofMillis(100)).multiplier(2)
                .jitter(0.2).build();

        MigrationFailedException e = org.junit.jupiter.api.Assertions.assertThrows(MigrationFailedException.class,
                tern(JOBS, AUDIT).retryPolicy(policy).build()::runAll);

        assertThat(e.report().plugins().get(0).steps()).extracting(StepReport::outcome, StepReport::attempts)
                .containsExactly(tuple(StepOutcome.APPLIED, 1), tuple(StepOutcome.FAILED, 3), tuple(StepOutcome.SKIPPED, 0));
        assertThat(history("jobs")).containsExactly("1.0.0 SUCCESS 1", "2.0.0 FAILED 3");
        assertThat(history("audit")).containsExactly("1.0.0 SUCCESS 1");
        assertThat(ids("SELECT id FROM jobs")).isEmpty();
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(events).filteredOn(StepFailed.class::isInstance).map(StepFailed.class::cast)
                .extracting(StepFailed::version, StepFailed::attempt, StepFailed::nextDelay)
                .containsExactly(tuple(Version.parse("2"), 1, Optional.of(Duration.ofMillis(100))),
                        tuple(Version.parse("2"), 2, Optional.of(Duration.ofMillis(200))),
                        tuple(Version.parse("2"), 3, Optional.empty()));
        assertThat(faults.statementFaults()).isEqualTo(3);
        tally(kind, "exhausted retries (3 faults, recorded FAILED)", 3);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void pluginWithRetryPolicyNoneFailsAtTheFirstTransientError(TestDatabase kind) throws SQLException {
        open(kind);
        faults.onStatement("INSERT INTO jobs VALUES (1").nth(1).fail(InjectedError.transientErrors(kind).get(0));
        MigrationService noRetry = new MigrationService() {
            @Override
            public String pluginId() {
                return JOBS.pluginId();
            }

            @Override
            public List<Step> steps() {
                return JOBS.steps();
            }

            @Override
            public Optional<RetryPolicy> retryPolicy() {
                return Optional.of(RetryPolicy.none());
            }
        };

        assertThatThrownBy(tern(noRetry).build()::runAll).isInstanceOf(MigrationFailedException.class);

        assertThat(history("jobs")).containsExactly("1.0.0 SUCCESS 1", "2.0.0 FAILED 1");
        assertThat(sleeps).isEmpty();
        tally(kind, "transient with RetryPolicy.none() (failed at once)", 1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void eventsOfASuccessfulRunArriveInOrder(TestDatabase kind) {
        open(kind);

        tern(JOBS, AUDIT).build().runAll();

        assertThat(events).extracting(e -> e.name() + " " + e.pluginId()).containsExactly(
                "migration.created jobs", "migration.created audit",
                "migration.started jobs",
                "migration.step.started jobs", "migration.step.completed jobs",
                "migration.step.started jobs", "migration.step.completed jobs",
                "migration.step.started jobs", "migration.step.completed jobs",
                "migration.completed jobs",
                "migration.started audit",
                "migration.step.started audit", "migration.step.completed audit",
                "migration.completed audit");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void throwingListenerDoesNotBreakTheRun(TestDatabase kind) throws SQLException {
        open(kind);
        MigrationListener broken = event -> {
            throw new IllegalStateException("monitoring is down");
        };

        MigrationReport report = tern(JOBS).listener(broken).build().runAll();

        assertThat(report.appliedCount()).isEqualTo(3);
        assertThat(history("jobs")).containsExactly("1.0.0 SUCCESS 1", "2.0.0 SUCCESS 1", "3.0.0 SUCCESS 1");
        assertThat(events).hasSize(9).last().extracting(MigrationEvent::name).isEqualTo("migration.completed");
    }

    /**
     * The plugin's outcome rows as "version status attempts", in insertion order; the STARTED
     * marker written before a step that runs without a transaction is left out (one per step,
     * whatever the number of attempts).
     */
    private List<String> history(String pluginId) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             var ps = c.prepareStatement("SELECT version, status, attempts FROM tern_history WHERE plugin_id = ?"
                     + " AND status <> 'STARTED' ORDER BY id")) {
            ps.setString(1, pluginId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3));
                }
            }
        }
        return rows;
    }

    private List<Integer> ids(String query) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }
}
