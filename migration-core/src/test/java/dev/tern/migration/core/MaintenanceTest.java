package dev.tern.migration.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.Direction;
import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.HistoryStatistics;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.PluginStatistics;
import dev.tern.migration.api.PluginStatus;
import dev.tern.migration.api.RepairResult;
import dev.tern.migration.api.Status;
import dev.tern.migration.api.StatusReport;
import dev.tern.migration.api.StepKind;
import dev.tern.migration.api.ValidationException;
import dev.tern.migration.api.ValidationResult;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.MigrationLock;
import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** validate, repair, baseline, status, history and statistics with an {@link InMemoryHistoryStore}. */
class MaintenanceTest {
    private static final Instant AT = Instant.parse("2024-01-01T00:00:00Z");

    private final InMemoryHistoryStore history = new InMemoryHistoryStore();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    private JavaStep step(String version) {
        return JavaStep.of(version, "step " + version, ctx -> ran.add(ctx.pluginId() + " " + ctx.version()));
    }

    private Orchestrator orchestrator(MigrationService... services) {
        return Orchestrator.builder().historyStore(history).discovery(false).addService(services)
                .installedBy("tester").lockTimeout(Duration.ofMillis(200)).build();
    }

    private void seed(String pluginId, String version, Direction direction, Status status, String checksum,
                      Duration took) {
        history.append(new HistoryEntry(0, pluginId, Version.parse(version), "seeded " + version, StepKind.JAVA,
                checksum, direction, status, 1, AT, AT.plus(took), took, "seed",
                status == Status.FAILED ? "it broke" : null), null);
    }

    private void seed(String pluginId, String version, Status status, String checksum) {
        seed(pluginId, version, Direction.UP, status, checksum, Duration.ZERO);
    }

    @Test
    void validateListsEveryProblemWithoutThrowingAndWithoutCreatingAnything() {
        seed("jobs", "1.0.0", Status.SUCCESS, "old");       // edited since
        seed("jobs", "1.1.0", Status.SUCCESS, null);        // no longer in the code
        seed("jobs", "2.0.0", Status.SUCCESS, null);        // so 1.5.0 is out of order
        seed("outbox", "1.0.0", Status.FAILED, null);       // failed outside a transaction
        seed("gone", "3.0.0", Status.SUCCESS, null);        // plugin removed
        MigrationService jobs = FakeService.of("jobs", step("1.0.0").withChecksum("new"), step("1.5.0"), step("2.0.0"));
        MigrationService outbox = FakeService.of("outbox", step("1.0.0"));
        MigrationService sagas = FakeService.of("sagas", step("1.0.0"), step("1"));

        ValidationResult result;
        try (MigrationLock.Held held = history.lock().acquire(Duration.ofSeconds(1))) {
            result = orchestrator(jobs, outbox, sagas).validate();
        }

        assertThat(result.isValid()).isFalse();
        assertThat(result.problems()).extracting(ValidationResult.Problem::code, ValidationResult.Problem::pluginId,
                ValidationResult.Problem::version).containsExactlyInAnyOrder(
                tuple(ErrorCode.DUPLICATE_VERSION, "sagas", "1.0.0"),
                tuple(ErrorCode.CHECKSUM_MISMATCH, "jobs", "1.0.0"),
                tuple(ErrorCode.APPLIED_STEP_MISSING, "jobs", "1.1.0"),
                tuple(ErrorCode.OUT_OF_ORDER_STEP, "jobs", "1.5.0"),
                tuple(ErrorCode.FAILED_STEP_IN_HISTORY, "outbox", "1.0.0"),
                tuple(ErrorCode.UNKNOWN_PLUGIN_IN_HISTORY, "gone", null));
        assertThat(result.problems(ErrorCode.CHECKSUM_MISMATCH).get(0).message()).contains("old").contains("new");
        assertThat(result.toTable()).contains("UNKNOWN_PLUGIN_IN_HISTORY").endsWith("6 problem(s) found");
        assertThat(history.isPrepared()).isFalse();
        assertThat(ran).isEmpty();
    }

    @Test
    void validateOfAnUpToDateApplicationIsValid() {
        orchestrator(FakeService.of("jobs", step("1"))).runAll();

        ValidationResult result = orchestrator(FakeService.of("jobs", step("1"), step("2"))).validate();

        assertThat(result.isValid()).isTrue();
        assertThat(result.toTable()).endsWith("valid: no problem found");
    }

    @Test
    void repairRealignsChecksumsRemovesUnresolvedFailuresAndRecordsEachChange() {
        seed("jobs", "1.0.0", Status.SUCCESS, "old");
        seed("jobs", "1.1.0", Status.FAILED, null);     // failed, then succeeded: kept
        seed("jobs", "1.1.0", Status.SUCCESS, null);
        seed("jobs", "1.2.0", Status.FAILED, null);     // failed twice, never succeeded: both removed
        seed("jobs", "1.2.0", Status.FAILED, null);
        MigrationService jobs = FakeService.of("jobs", step("1.0.0").withChecksum("new"), step("1.1.0"), step("1.2.0"));
        assertThatThrownBy(() -> orchestrator(jobs).runAll()).isInstanceOf(ValidationException.class);

        RepairResult result = orchestrator(jobs).repair();

        assertThat(result.changes()).extracting(RepairResult.Change::action, c -> c.version().toString(),
                RepairResult.Change::historyId).containsExactly(
                tuple(RepairResult.Action.CHECKSUM_REALIGNED, "1.0.0", 1L),
                tuple(RepairResult.Action.FAILED_ROW_REMOVED, "1.2.0", 4L),
                tuple(RepairResult.Action.FAILED_ROW_REMOVED, "1.2.0", 5L));
        assertThat(result.toTable()).contains("realigned from old to new").endsWith("3 change(s)");
        List<HistoryEntry> rows = history.entries();
        assertThat(rows).extracting(HistoryEntry::id).containsExactly(1L, 2L, 3L, 6L, 7L, 8L);
        assertThat(rows.get(0).checksum()).isEqualTo("new");
        assertThat(rows.subList(3, 6)).allSatisfy(r -> {
            assertThat(r.kind()).isEqualTo(StepKind.REPAIR);
            assertThat(r.installedBy()).isEqualTo("tester");
        });
        assertThat(rows.get(3).description()).isEqualTo("CHECKSUM_REALIGNED: row 1 checksum was old");
        assertThat(rows.get(3).checksum()).isEqualTo("new");
        assertThat(rows.get(4).description()).isEqualTo("FAILED_ROW_REMOVED: row 4 UP FAILED at " + AT);

        assertThat(orchestrator(jobs).validate().isValid()).isTrue();
        // REPAIR rows do not count as applied steps: 1.2.0 is still pending and runs.
        orchestrator(jobs).runAll();
        assertThat(ran).containsExactly("jobs 1.2.0");
        assertThat(orchestrator(jobs).repair().isEmpty()).isTrue();
    }

    @Test
    void repairTakesTheLock() {
        try (MigrationLock.Held held = history.lock().acquire(Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> orchestrator(FakeService.of("jobs", step("1"))).repair())
                    .isInstanceOf(MigrationException.class)
                    .extracting(e -> ((MigrationException) e).code()).isEqualTo(ErrorCode.LOCK_FAILED);
        }
    }

    @Test
    void baselineCountsStepsAtOrBelowItAsAppliedWithoutRunningOrCheckingThem() {
        MigrationService jobs = FakeService.of("jobs", step("1.0.0").withChecksum("x"), step("1.1.0"), step("1.2.0"));

        orchestrator(jobs).baseline("jobs", "1.1.0");

        assertThat(history.entries()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(StepKind.BASELINE);
            assertThat(e.version()).isEqualTo(Version.parse("1.1.0"));
            assertThat(e.status()).isEqualTo(Status.SUCCESS);
        });
        assertThat(history.isPrepared()).isTrue();
        PluginStatus status = orchestrator(jobs).status().plugin("jobs").orElseThrow();
        assertThat(status.installedVersion()).isEqualTo(Version.parse("1.1.0"));
        assertThat(status.pendingCount()).isEqualTo(1);
        assertThat(status.lastDescription()).isEqualTo("baseline");

        orchestrator(jobs).runAll();
        assertThat(ran).containsExactly("jobs 1.2.0");
        // An edit below the baseline is never checked.
        MigrationService edited = FakeService.of("jobs", step("1.0.0").withChecksum("y"), step("1.1.0"), step("1.2.0"));
        assertThat(orchestrator(edited).validate().isValid()).isTrue();
        assertThatThrownBy(() -> orchestrator(edited).rollback("jobs", "1.0.0"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("below the plugin's baseline 1.1.0");
    }

    @Test
    void baselineIsRefusedForAPluginWithHistoryOrUnknownPlugin() {
        MigrationService jobs = FakeService.of("jobs", step("1.0.0"));
        orchestrator(jobs).runAll();
        List<HistoryEntry> before = history.entries();

        assertThatThrownBy(() -> orchestrator(jobs).baseline("jobs", "1.0.0"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("1 history row(s)")
                .extracting(e -> ((MigrationException) e).code()).isEqualTo(ErrorCode.BASELINE_REFUSED);
        assertThatThrownBy(() -> orchestrator(jobs).baseline("other", "1.0.0"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no such plugin");
        assertThat(history.entries()).isEqualTo(before);
    }

    @Test
    void statusTellsInstalledTargetPendingAndLastStepWithoutLockOrCreation() {
        seed("jobs", "1.0.0", Status.SUCCESS, null);
        MigrationService jobs = FakeService.of("jobs", step("1.0.0"), step("1.1.0"), step("2.0.0"));
        MigrationService outbox = FakeService.of("outbox", step("0.1.0"));

        StatusReport status;
        try (MigrationLock.Held held = history.lock().acquire(Duration.ofSeconds(1))) {
            status = orchestrator(jobs, outbox).status();
        }

        assertThat(status.plugins()).extracting(PluginStatus::pluginId, PluginStatus::installedVersion,
                PluginStatus::targetVersion, PluginStatus::pendingCount, PluginStatus::lastDescription,
                PluginStatus::lastAppliedAt).containsExactly(
                tuple("jobs", Version.parse("1.0.0"), Version.parse("2.0.0"), 2, "seeded 1.0.0", AT),
                tuple("outbox", null, Version.parse("0.1.0"), 1, null, null));
        assertThat(status.upToDate()).isFalse();
        assertThat(status.toTable()).contains("jobs").contains("2.0.0").contains("seeded 1.0.0")
                .endsWith("2 plugin(s), 3 step(s) pending");
        assertThat(history.isPrepared()).isFalse();
        assertThat(ran).isEmpty();
    }

    @Test
    void historyAndStatisticsReadTheRowsWithoutLock() {
        seed("jobs", "1.0.0", Direction.UP, Status.SUCCESS, null, Duration.ofMillis(100));
        seed("jobs", "1.1.0", Direction.UP, Status.FAILED, null, Duration.ofMillis(300));
        seed("jobs", "1.1.0", Direction.UP, Status.SUCCESS, null, Duration.ofMillis(200));
        seed("outbox", "1.0.0", Direction.UP, Status.SUCCESS, null, Duration.ofMillis(50));
        seed("jobs", "1.1.0", Direction.DOWN, Status.SUCCESS, null, Duration.ofMillis(0));
        history.append(new HistoryEntry(0, "jobs", Version.parse("1.1.0"), "repair", StepKind.REPAIR, null,
                Direction.UP, Status.SUCCESS, 1, AT, AT, Duration.ofMillis(9_999), "ops", null), null);
        Orchestrator tern = orchestrator(FakeService.of("jobs", step("1.0.0")));

        HistoryStatistics statistics;
        try (MigrationLock.Held held = history.lock().acquire(Duration.ofSeconds(1))) {
            assertThat(tern.history()).hasSize(6).extracting(HistoryEntry::id).isSorted();
            assertThat(tern.history("outbox")).extracting(e -> e.version().toString()).containsExactly("1.0.0");
            assertThat(tern.history("none")).isEmpty();
            statistics = tern.statistics();
        }

        assertThat(statistics.plugins()).containsExactly(
                new PluginStatistics("jobs", 4, 3, 1, Duration.ofMillis(150), Duration.ofMillis(300)),
                new PluginStatistics("outbox", 1, 1, 0, Duration.ofMillis(50), Duration.ofMillis(50)));
        assertThat(statistics.toTable()).contains("jobs").contains("150").endsWith("2 plugin(s), 5 step(s) run");
        assertThat(history.isPrepared()).isFalse();
    }
}
