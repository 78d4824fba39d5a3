package dev.tern.migration.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.Direction;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.MigrationFailedException;
import dev.tern.migration.api.MigrationReport;
import dev.tern.migration.api.PluginReport;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.StepDefinitionException;
import dev.tern.migration.api.StepExecutionException;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.StepOutcome;
import dev.tern.migration.api.StepReport;
import dev.tern.migration.api.ValidationException;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.MigrationLock;
import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import dev.tern.migration.spi.SqlScript;
import dev.tern.migration.spi.SqlStep;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs with an {@link InMemoryHistoryStore} and Java steps: no database. */
class InMemoryRunTest {
    private final InMemoryHistoryStore history = new InMemoryHistoryStore();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    private JavaStep step(String version) {
        return JavaStep.of(version, "step " + version, ctx -> ran.add(ctx.pluginId() + " " + ctx.version()));
    }

    private static JavaStep failing(String version, String message) {
        return JavaStep.of(version, "failing " + version, ctx -> {
            throw new IllegalStateException(message);
        });
    }

    private Orchestrator orchestrator(MigrationService... services) {
        return Orchestrator.builder().historyStore(history).discovery(false).addService(services)
                .installedBy("tester").lockTimeout(Duration.ofSeconds(5)).build();
    }

    private void seed(String pluginId, String version, Direction direction, Status status, String checksum) {
        Instant at = Instant.parse("2024-01-01T00:00:00Z");
        history.append(new HistoryEntry(0, pluginId, Version.parse(version), "seeded " + version, StepKind.JAVA, checksum,
                direction, status, 1, at, at, Duration.ZERO, "seed", status == Status.FAILED ? "it broke" : null), null);
    }

    @Test
    void appliesStepsInVersionOrderAndRecordsOneSuccessRowEach() {
        MigrationReport report = orchestrator(FakeService.of("jobs", step("1.10.0"), step("1.2.0"), step("1"))).runAll();

        assertThat(ran).containsExactly("jobs 1.0.0", "jobs 1.2.0", "jobs 1.10.0");
        assertThat(history.entries()).extracting(e -> e.version().toString(), HistoryEntry::status, HistoryEntry::id)
                .containsExactly(tuple("1.0.0", Status.SUCCESS, 1L),
                        tuple("1.2.0", Status.SUCCESS, 2L),
                        tuple("1.10.0", Status.SUCCESS, 3L));
        assertThat(history.entries()).allSatisfy(e -> {
            assertThat(e.direction()).isEqualTo(Direction.UP);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.installedBy()).isEqualTo("tester");
            assertThat(e.kind()).isEqualTo(StepKind.JAVA);
        });
        PluginReport jobs = report.plugins().get(0);
        assertThat(jobs.before()).isEmpty();
        assertThat(jobs.after()).contains(Version.parse("1.10.0"));
        assertThat(jobs.steps()).extracting(StepReport::outcome).containsOnly(StepOutcome.APPLIED);
        assertThat(report.appliedCount()).isEqualTo(3);
        assertThat(history.isPrepared()).isTrue();
    }

    @Test
    void secondRunAppliesNothing() {
        orchestrator(FakeService.of("jobs", step("1"), step("2"))).runAll();
        ran.clear();

        MigrationReport report = orchestrator(FakeService.of("jobs", step("1"), step("2"))).runAll();

        assertThat(ran).isEmpty();
        assertThat(report.upToDate()).isTrue();
        assertThat(report.plugins().get(0).before()).contains(Version.parse("2"));
        assertThat(report.plugins().get(0).after()).contains(Version.parse("2"));
        assertThat(history.entries()).hasSize(2);
    }

    @Test
    void noOpStartReadsHistoryOnceTakesNoLockAndCreatesNothing() {
        seed("jobs", "1", Direction.UP, Status.SUCCESS, null);
        int readsBefore = history.readCount();
        // The store's lock is not reentrant: if the run tried to take it, it would time out.
        try (MigrationLock.Held held = history.lock().acquire(Duration.ofSeconds(1))) {
            MigrationReport report = Orchestrator.builder().historyStore(history).discovery(false)
                    .addService(FakeService.of("jobs", step("1"))).lockTimeout(Duration.ofMillis(50)).build().runAll();
            assertThat(report.upToDate()).isTrue();
        }
        assertThat(history.readCount() - readsBefore).isEqualTo(1);
        assertThat(history.isPrepared()).isFalse();
        assertThat(history.entries()).hasSize(1);
        assertThat(ran).isEmpty();
    }

    @Test
    void pendingStepWaitsForTheLockAndFailsWhenItIsNotReleased() {
        try (MigrationLock.Held held = history.lock().acquire(Duration.ofSeconds(1))) {
            Orchestrator tern = Orchestrator.builder().historyStore(history).discovery(false)
                    .addService(FakeService.of("jobs", step("1"))).lockTimeout(Duration.ofMillis(50)).build();
            assertThatThrownBy(tern::runAll).isInstanceOf(MigrationException.class)
                    .extracting(e -> ((MigrationException) e).code()).isEqualTo(ErrorCode.LOCK_FAILED);
        }
        assertThat(ran).isEmpty();
        assertThat(history.entries()).isEmpty();
    }

    @Test
    void pluginsRunByPriorityThenPluginId() {
        MigrationReport report = orchestrator(
                FakeService.withPriority("zeta", 0, step("1")),
                FakeService.withPriority("alpha", 10, step("1")),
                FakeService.withPriority("beta", 0, step("1")),
                FakeService.withPriority("core", -5, step("1"))).runAll();

        assertThat(ran).containsExactly("core 1.0.0", "beta 1.0.0", "zeta 1.0.0", "alpha 1.0.0");
        assertThat(report.plugins()).extracting(PluginReport::pluginId).containsExactly("core", "beta", "zeta", "alpha");
    }

    @Test
    void checksumMismatchFailsBeforeAnythingRunsAndNamesTheStep() {
        seed("jobs", "1", Direction.UP, Status.SUCCESS, "old-checksum");
        Orchestrator tern = orchestrator(
                FakeService.of("jobs", step("1").withChecksum("new-checksum"), step("2")),
                FakeService.of("audit", step("1")));

        assertThatThrownBy(tern::runAll).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
            assertThat(e.pluginId()).contains("jobs");
            assertThat(e.version()).contains("1.0.0");
            assertThat(e.getMessage()).contains("old-checksum", "new-checksum", "step 1.0.0", "'step 1'");
        });
        assertThat(ran).isEmpty();
        assertThat(history.entries()).hasSize(1);
        assertThat(history.isPrepared()).isFalse();
    }

    @Test
    void duplicateVersionsAreRefusedNamingBothSteps() {
        Orchestrator tern = orchestrator(FakeService.of("jobs",
                JavaStep.of("1.0", "first", ctx -> { }), JavaStep.of("1", "second", ctx -> { })));

        assertThatThrownBy(tern::runAll).isInstanceOfSatisfying(StepDefinitionException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_VERSION);
            assertThat(e.getMessage()).contains("plugin 'jobs'", "1.0.0", "'first'", "'second'");
        });
        assertThat(history.entries()).isEmpty();
    }

    @Test
    void everyProblemIsReportedInOneExceptionWithTheFirstCode() {
        seed("jobs", "1", Direction.UP, Status.SUCCESS, "old");
        seed("mail", "5", Direction.UP, Status.SUCCESS, null);
        Orchestrator tern = orchestrator(
                FakeService.of("jobs", step("1").withChecksum("new"), step("2")),
                FakeService.of("mail", step("1"), step("6")));

        assertThatThrownBy(tern::runAll).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
            assertThat(e.getMessage()).contains("3 problems", "CHECKSUM_MISMATCH", "APPLIED_STEP_MISSING",
                    "OUT_OF_ORDER_STEP", "nothing was applied");
            assertThat(e.getSuppressed()).hasSize(3);
        });
        assertThat(ran).isEmpty();
    }

    @Test
    void outOfOrderStepIsRefused() {
        seed("jobs", "1", Direction.UP, Status.SUCCESS, null);
        seed("jobs", "3", Direction.UP, Status.SUCCESS, null);
        Orchestrator tern = orchestrator(FakeService.of("jobs", step("1"), step("2"), step("3"), step("4")));

        assertThatThrownBy(tern::runAll).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_ORDER_STEP);
            assertThat(e.version()).contains("2.0.0");
            assertThat(e.getMessage()).contains("already at 3.0.0");
        });
        assertThat(ran).isEmpty();
    }

    @Test
    void appliedStepMissingFromTheCodeIsRefused() {
        seed("jobs", "1", Direction.UP, Status.SUCCESS, null);
        seed("jobs", "2", Direction.UP, Status.SUCCESS, null);
        Orchestrator tern = orchestrator(FakeService.of("jobs", step("1"), step("3")));

        assertThatThrownBy(tern::runAll).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.APPLIED_STEP_MISSING);
            assertThat(e.pluginId()).contains("jobs");
            assertThat(e.version()).contains("2.0.0");
            assertThat(e.getMessage()).contains("seeded 2");
        });
        assertThat(ran).isEmpty();
    }

    @Test
    void successfulDownEntryUnappliesTheStep() {
        seed("jobs", "1", Direction.UP, Status.SUCCESS, null);
        seed("jobs", "2", Direction.UP, Status.SUCCESS, null);
        seed("jobs", "2", Direction.DOWN, Status.SUCCESS, null);

        MigrationReport report = orchestrator(FakeService.of("jobs", step("1"), step("2"))).runAll();

        assertThat(ran).containsExactly("jobs 2.0.0");
        assertThat(report.plugins().get(0).before()).contains(Version.parse("1"));
        assertThat(report.plugins().get(0).after()).contains(Version.parse("2"));
    }

    @Test
    void failingStepStopsItsPluginWhileOtherPluginsRun() {
        Orchestrator tern = orchestrator(
                FakeService.withPriority("jobs", 0, step("1"), failing("2", "disk full"), step("3"), step("4")),
                FakeService.withPriority("mail", 1, step("1"), step("2")));

        MigrationFailedException thrown = assertThrows(MigrationFailedException.class,
                tern::runAll);

        assertThat(thrown.code()).isEqualTo(ErrorCode.RUN_FAILED);
        assertThat(thrown.getCause()).isInstanceOfSatisfying(StepExecutionException.class, cause -> {
            assertThat(cause.code()).isEqualTo(ErrorCode.STEP_FAILED);
            assertThat(cause.pluginId()).contains("jobs");
            assertThat(cause.version()).contains("2.0.0");
            assertThat(cause.getMessage()).contains("disk full");
            assertThat(cause.getCause()).hasMessage("disk full");
        });
        assertThat(ran).containsExactly("jobs 1.0.0", "mail 1.0.0", "mail 2.0.0");
        MigrationReport report = thrown.report();
        assertThat(report.succeeded()).isFalse();
        PluginReport jobs = report.plugins().get(0);
        assertThat(jobs.steps()).extracting(StepReport::outcome)
                .containsExactly(StepOutcome.APPLIED, StepOutcome.FAILED, StepOutcome.SKIPPED, StepOutcome.SKIPPED);
        assertThat(jobs.steps().get(2).attempts()).isZero();
        assertThat(jobs.after()).contains(Version.parse("1"));
        assertThat(report.plugins().get(1).succeeded()).isTrue();
        assertThat(report.plugins().get(1).after()).contains(Version.parse("2"));
        assertThat(history.entries()).filteredOn(e -> e.status() == Status.FAILED).singleElement().satisfies(e -> {
            assertThat(e.pluginId()).isEqualTo("jobs");
            assertThat(e.version()).isEqualTo(Version.parse("2"));
            assertThat(e.error()).contains("disk full");
        });
        assertThat(history.entries()).filteredOn(e -> e.status() == Status.SUCCESS).hasSize(3);
        assertThat(history.lock().acquire(Duration.ofMillis(10))).isNotNull();
    }

    @Test
    void failedStepWithoutDatabaseTransactionBlocksThePluginOnTheNextRun() {
        Orchestrator first = orchestrator(FakeService.of("jobs", step("1"), failing("2", "half done")));
        assertThatThrownBy(first::runAll).isInstanceOf(MigrationFailedException.class);

        Orchestrator second = orchestrator(FakeService.of("jobs", step("1"), step("2")));
        assertThatThrownBy(second::runAll).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FAILED_STEP_IN_HISTORY);
            assertThat(e.version()).contains("2.0.0");
            assertThat(e.getMessage()).contains("half-applied", "FAILED", "half done");
        });
        assertThat(ran).containsExactly("jobs 1.0.0");
    }

    @Test
    void failedRowFollowedBySuccessNoLongerBlocks() {
        seed("jobs", "1", Direction.UP, Status.FAILED, null);
        seed("jobs", "1", Direction.UP, Status.SUCCESS, null);

        MigrationReport report = orchestrator(FakeService.of("jobs", step("1"), step("2"))).runAll();

        assertThat(ran).containsExactly("jobs 2.0.0");
        assertThat(report.succeeded()).isTrue();
    }

    @Test
    void sqlStepWithoutDataSourceIsAConfigurationError() {
        SqlStep sql = new SqlStep(Version.parse("1"), "create table", Map.of(SqlStep.UNIVERSAL,
                new SqlScript("db/jobs/V1__create_table.sql", "create table jobs(id int);")), Map.of(), true);
        Orchestrator tern = orchestrator(FakeService.of("jobs", sql));

        assertThatThrownBy(tern::runAll).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
            assertThat(e.getMessage()).contains("dataSource", "db/jobs/V1__create_table.sql");
        });
    }

    @Test
    void javaStepAskingForAConnectionWithoutDataSourceFails() {
        Orchestrator tern = orchestrator(FakeService.of("jobs", JavaStep.of("1", "uses jdbc", ctx -> ctx.connection())));

        MigrationFailedException thrown = assertThrows(MigrationFailedException.class,
                tern::runAll);

        assertThat(thrown.getCause().getCause()).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION));
    }

    @Test
    void historyTimestampsAndDurationsComeFromTheClock() {
        TickingClock clock = new TickingClock(Instant.parse("2025-03-01T10:00:00Z"), Duration.ofMillis(10));
        MigrationReport report = Orchestrator.builder().historyStore(history).discovery(false)
                .addService(FakeService.of("jobs", step("1"))).clock(clock).build().runAll();

        HistoryEntry entry = history.entries().get(0);
        assertThat(entry.startedAt()).isAfterOrEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
        assertThat(entry.executionTime()).isEqualTo(Duration.ofMillis(10));
        assertThat(entry.finishedAt()).isEqualTo(entry.startedAt().plusMillis(10));
        assertThat(report.plugins().get(0).steps().get(0).duration()).isEqualTo(Duration.ofMillis(10));
        assertThat(report.duration()).isPositive();
    }

    @Test
    void orchestratorsSharingAStoreSerializeAndTheSecondFindsNothingLeft() throws Exception {
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> executions = new CopyOnWriteArrayList<>();
        JavaStep slow = JavaStep.of("1", "slow", ctx -> {
            executions.add("slow");
            inStep.countDown();
            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
        });
        Orchestrator a = orchestrator(FakeService.of("jobs", slow));
        Orchestrator b = orchestrator(FakeService.of("jobs", slow));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<MigrationReport> first = threads.submit(a::runAll);
            assertThat(inStep.await(10, TimeUnit.SECONDS)).isTrue();
            Future<MigrationReport> second = threads.submit(b::runAll);
            // b has read the history (step pending) and now waits for the lock a holds.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (history.readCount() < 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(second.isDone()).isFalse();
            release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS).appliedCount()).isEqualTo(1);
            MigrationReport late = second.get(10, TimeUnit.SECONDS);
            assertThat(late.appliedCount()).isZero();
            assertThat(late.plugins().get(0).after()).contains(Version.parse("1"));
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
        assertThat(executions).containsExactly("slow");
        assertThat(history.entries()).hasSize(1);
    }

    @Test
    void aNodeThatFindsTheWorkDoneOnceItHoldsTheLockWritesAndCreatesNothing() {
        // The lock stands for a node that applied the pending step while this one waited for it.
        MigrationLock busyNode = timeout -> {
            seed("jobs", "1", Direction.UP, Status.SUCCESS, null);
            return () -> { };
        };
        Orchestrator tern = Orchestrator.builder().historyStore(history).discovery(false)
                .addService(FakeService.of("jobs", step("1"))).lock(busyNode).build();

        MigrationReport report = tern.runAll();

        assertThat(report.appliedCount()).isZero();
        assertThat(ran).isEmpty();
        assertThat(history.isPrepared()).as("history store prepared").isFalse();
        assertThat(history.entries()).hasSize(1);
    }
}
